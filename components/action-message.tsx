"use client";

import { formatDateTime } from "@/lib/format/format";
import { useLocale, useTranslations } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/http/action-state";

/**
 * The answer of a form's last submit: saved (announced to screen readers), refused, or a conflict listing what
 * others changed meanwhile. When the form's own fields explain a refusal (their errors sit beside them), the banner
 * only points there; errors about fields the form does not show are spelled out here instead.
 */
export function ActionMessage({
  state,
  fields,
  onDiscard,
  reapplyLabel,
}: {
  state: ActionState;
  /** The fields the form shows, whose errors appear beside them. */
  fields?: string[];
  /** After a conflict: forget the typed values and show the project as it now stands. */
  onDiscard?: () => void;
  /** After a conflict: a submit button saving the typed values on the current version. */
  reapplyLabel?: string;
}) {
  const t = useTranslations();
  const locale = useLocale() as Locale;
  const router = useRouter();
  if (state.status === "idle") return <p aria-live="polite" className="sr-only" />;
  if (state.status === "saved") {
    return (
      <div
        role="status"
        aria-live="polite"
        className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
        data-testid="saved"
      >
        <p>{state.message}</p>
        {state.notice && <p className="mt-1">{state.notice}</p>}
      </div>
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
                when: formatDateTime(locale, new Date(change.at)),
                who: change.actor ?? "—",
                what: describeChange(change.after, t),
              })}
            </li>
          ))}
        </ul>
        {state.values && <p className="mt-2">{t("progressChange.yourValuesKept")}</p>}
        <div className="mt-2 flex flex-wrap gap-2">
          {reapplyLabel && state.current && (
            <button
              type="submit"
              className="rounded bg-amber-700 px-3 py-1 font-semibold text-white hover:bg-amber-800"
              data-testid="reapply"
            >
              {reapplyLabel}
            </button>
          )}
          <button
            type="button"
            onClick={() => {
              onDiscard?.();
              router.refresh();
            }}
            className="rounded border border-amber-600 px-3 py-1 font-semibold hover:bg-amber-100"
          >
            {t("progress.reload")}
          </button>
        </div>
      </div>
    );
  }
  const fieldErrors = Object.entries(state.fieldErrors ?? {});
  const unexplained = fields ? fieldErrors.filter(([field]) => !fields.includes(field)) : [];
  const message =
    fieldErrors.length > 0 && unexplained.length === 0
      ? t("progressChange.fixFields")
      : unexplained.length > 0
        ? unexplained
            .map(([, key]) =>
              t(t.has(`formErrors.${key}` as "app.name") ? (`formErrors.${key}` as "app.name") : "formErrors.invalid"),
            )
            .join(" ")
        : state.message;
  return (
    <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
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
      ![
        "status",
        "percentComplete",
        "quantityDone",
        "version",
        "asOf",
        "comment",
        "forecastFinish",
        "pauseReason",
      ].includes(key),
  );
  for (const key of detailKeys)
    parts.push(t.has(`details.${key}` as "details.title") ? t(`details.${key}` as "details.title") : key);
  if (typeof after.comment === "string" && after.comment) parts.push(`“${after.comment}”`);
  return parts.join(" · ");
}
