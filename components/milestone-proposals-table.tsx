import { useTranslations } from "next-intl";
import { formatDate } from "@/lib/format/format";
import type { Locale } from "@/lib/i18n/locales";
import type { MilestoneProposalCard } from "@/lib/field-reports/milestone-proposals";

const ROWS = ["forecastDate", "actualDate", "status"] as const;

/**
 * The milestone changes a field report proposes, as the reviewer and the officer read them: per milestone its
 * current values → the proposed ones, the officer's note, and a warning when the milestone changed since the report
 * was written (accepting is then refused: the report would overwrite a newer version).
 */
export function MilestoneProposalsTable({ proposals, locale }: { proposals: MilestoneProposalCard[]; locale: Locale }) {
  const t = useTranslations();
  if (proposals.length === 0) return null;
  const show = (field: (typeof ROWS)[number], value: string | null) =>
    value === null
      ? "—"
      : field === "status"
        ? t(`schedule.milestoneStatuses.${value}` as "schedule.milestoneStatuses.MET")
        : formatDate(locale, value);
  return (
    <div className="mt-3" data-testid="report-milestones">
      <h4 className="text-sm font-semibold">{t("milestoneProposals.cardTitle", { count: proposals.length })}</h4>
      <ul className="mt-1 space-y-2">
        {proposals.map((proposal) => (
          <li
            key={proposal.milestoneId}
            className="rounded border border-slate-200 p-2"
            data-testid="report-milestone"
            data-milestone={proposal.milestoneId}
          >
            <p className="text-sm font-semibold">
              {proposal.type === "CUSTOM"
                ? proposal.title
                : t(`schedule.milestoneTypes.${proposal.type}` as "schedule.milestoneTypes.CUSTOM")}
            </p>
            {proposal.changedSince && (
              <p className="mt-1 rounded bg-amber-100 px-2 py-1 text-sm text-amber-950" data-testid="milestone-moved">
                {t("milestoneProposals.changedSince")}
              </p>
            )}
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t("progressChange.report.changes")}</caption>
                <thead>
                  <tr className="text-slate-600">
                    <th scope="col" className="py-1 pr-3 font-semibold">
                      {t("progressChange.report.field")}
                    </th>
                    <th scope="col" className="py-1 pr-3 font-semibold">
                      {t("progressChange.report.current")}
                    </th>
                    <th scope="col" className="py-1 font-semibold">
                      {t("progressChange.report.proposed")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {ROWS.map((field) => {
                    const current = show(field, proposal.current[field]);
                    const proposed = show(field, proposal.proposed[field]);
                    const changed = current !== proposed;
                    return (
                      <tr key={field} className="border-t border-slate-100" data-field={field}>
                        <th scope="row" className="py-1 pr-3 font-normal text-slate-700">
                          {t(`schedule.${field}` as "schedule.status")}
                        </th>
                        <td className="py-1 pr-3 tabular-nums">{current}</td>
                        <td className={`py-1 tabular-nums ${changed ? "font-semibold" : "text-slate-600"}`}>
                          {changed && <span aria-hidden="true">→ </span>}
                          {proposed}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {proposal.note && (
              <p className="mt-1 text-sm">
                <span className="font-semibold">{t("milestoneProposals.note")}:</span> {proposal.note}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
