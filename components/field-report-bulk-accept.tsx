"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/http/action-state";
import { ActionMessage } from "./action-message";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** Accepts every report shown on the queue's page, after a confirmation; each is judged on its own. */
export function FieldReportBulkAccept({ reportIds, accept }: { reportIds: number[]; accept: Action }) {
  const t = useTranslations("fieldReports");
  const [state, action, pending] = useActionState(accept, IDLE);
  return (
    <form
      action={action}
      className="mb-4 space-y-2"
      onSubmit={(event) => {
        if (!window.confirm(t("acceptAllConfirm", { count: reportIds.length }))) event.preventDefault();
      }}
    >
      {reportIds.map((id) => (
        <input key={id} type="hidden" name="reportId" value={id} />
      ))}
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-status-completed px-4 py-2 font-semibold text-status-completed hover:bg-emerald-50 disabled:opacity-60"
      >
        {t("acceptAll", { count: reportIds.length })}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
