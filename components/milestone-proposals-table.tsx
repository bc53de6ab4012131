import { useTranslations } from "next-intl";
import { formatDate } from "@/lib/format/format";
import type { Locale } from "@/lib/i18n/locales";
import type { MilestoneProposalCard } from "@/lib/field-reports/milestone-proposals";
import { ChangeTable } from "./change-table";

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
            <ChangeTable
              rows={ROWS.map((field) => {
                const current = show(field, proposal.current[field]);
                const proposed = show(field, proposal.proposed[field]);
                return {
                  field,
                  label: t(`schedule.${field}` as "schedule.status"),
                  current,
                  proposed,
                  changed: current !== proposed,
                };
              })}
            />
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
