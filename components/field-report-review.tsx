"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/http/action-state";
import { ActionMessage } from "./action-message";
import { describedBy, FormField, INPUT_CLASS } from "./form-field";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** Accept or reject one field report; a rejection needs a reason the officer will see. */
export function FieldReportReview({ reportId, accept, reject }: { reportId: number; accept: Action; reject: Action }) {
  const t = useTranslations("fieldReports");
  const [acceptState, acceptAction, accepting] = useActionState(accept, IDLE);
  const [rejectState, rejectAction, rejecting] = useActionState(reject, IDLE);
  const errors = rejectState.status === "error" ? (rejectState.fieldErrors ?? {}) : {};
  const id = `reject-reason-${reportId}`;
  return (
    <div className="mt-3 grid gap-3 md:grid-cols-2">
      <form action={acceptAction} className="space-y-2">
        <input type="hidden" name="reportId" value={reportId} />
        <button
          type="submit"
          disabled={accepting}
          className="rounded bg-status-completed px-4 py-2 font-semibold text-white hover:opacity-90 disabled:opacity-60"
        >
          {t("accept")}
        </button>
        <ActionMessage state={acceptState} />
      </form>
      <form action={rejectAction} className="space-y-2" noValidate>
        <input type="hidden" name="reportId" value={reportId} />
        <FormField id={id} label={t("rejectReason")} error={errors.reason}>
          <input
            key={rejectState.status === "error" ? (rejectState.values?.reason ?? "") : ""}
            id={id}
            name="reason"
            maxLength={2000}
            defaultValue={rejectState.status === "error" ? (rejectState.values?.reason ?? "") : ""}
            className={INPUT_CLASS}
            {...describedBy(id, errors.reason)}
          />
        </FormField>
        <button
          type="submit"
          disabled={rejecting}
          className="rounded border border-status-cancelled px-4 py-2 font-semibold text-status-cancelled hover:bg-red-50 disabled:opacity-60"
        >
          {t("reject")}
        </button>
        <ActionMessage state={rejectState} fields={["reason"]} />
      </form>
    </div>
  );
}
