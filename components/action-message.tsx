"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/http/action-state";

/** The answer of a form's last submit: saved, refused, or a conflict listing what others changed meanwhile. */
export function ActionMessage({ state }: { state: ActionState }) {
  const t = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  if (state.status === "idle") return null;
  if (state.status === "saved") {
    return (
      <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        {state.message}
      </p>
    );
  }
  if (state.changes) {
    return (
      <div
        role="alert"
        className="rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950"
        data-testid="conflict"
      >
        <p className="font-semibold">{t("progress.conflictTitle")}</p>
        <p className="mt-1">{t("progress.conflictBody")}</p>
        <ul className="mt-2 list-disc pl-5">
          {state.changes.map((change, index) => (
            <li key={index}>
              {t("progress.conflictChange", {
                when: format.dateTime(new Date(change.at), { dateStyle: "medium", timeStyle: "short" }),
                who: change.actor ?? "—",
                what: describeChange(change.after, t),
              })}
            </li>
          ))}
        </ul>
        <button
          type="button"
          onClick={() => router.refresh()}
          className="mt-2 rounded border border-amber-600 px-3 py-1 font-semibold hover:bg-amber-100"
        >
          {t("progress.reload")}
        </button>
      </div>
    );
  }
  return (
    <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
      {state.message}
    </p>
  );
}

function describeChange(after: Record<string, unknown>, t: ReturnType<typeof useTranslations>): string {
  const parts: string[] = [];
  if (typeof after.status === "string") parts.push(t(`statuses.${after.status}` as "statuses.PLANNED"));
  if (typeof after.percentComplete === "number") parts.push(`${after.percentComplete}%`);
  if (typeof after.quantityDone === "number") parts.push(String(after.quantityDone));
  const detailKeys = Object.keys(after).filter(
    (key) =>
      !["status", "percentComplete", "quantityDone", "version", "asOf", "comment", "forecastFinish"].includes(key),
  );
  for (const key of detailKeys)
    parts.push(t.has(`details.${key}` as "details.title") ? t(`details.${key}` as "details.title") : key);
  if (typeof after.comment === "string" && after.comment) parts.push(`“${after.comment}”`);
  return parts.join(" · ");
}
