import { formatDate, formatDateTime } from "@/lib/format/format";
import { useFormatter, useNow, useTranslations } from "next-intl";
import Link from "next/link";
import { type Locale, localizedName } from "@/lib/i18n/locales";
import type { FieldReportCard as Card } from "@/lib/field-reports/list-field-reports";
import { ChangeTable } from "./change-table";
import { EvidenceGallery, type GalleryFile } from "./evidence-gallery";
import { MilestoneProposalsTable } from "./milestone-proposals-table";
import { StatusBadge } from "./status-badge";

const ROWS = ["status", "percentComplete", "quantityDone", "forecastFinish", "pauseReason"] as const;

/**
 * One field report as both sides read it: the project's current values beside the proposed ones, the officer's
 * comment and evidence, how old it is, and either its fate (for the officer) or why accepting it would be refused
 * now (for the reviewer, before pressing the button).
 */
export function FieldReportCard({
  report,
  locale,
  showProject,
  evidence = [],
  children,
}: {
  report: Card;
  locale: Locale;
  showProject: boolean;
  /** The report's photos and documents (lib/evidence/read-evidence.ts), as those reading the card may see them. */
  evidence?: GalleryFile[];
  children?: React.ReactNode;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const now = useNow();
  const unit = report.project.unit ? t(`units.${report.project.unit}` as "units.km") : null;
  const date = (value: string | null) => (value ? formatDate(locale, value) : "—");
  const show = (field: (typeof ROWS)[number], values: Card["current"] | Card["proposed"]) => {
    const value = values[field];
    if (value === null || value === undefined) return "—";
    if (field === "status") return t(`statuses.${value}` as "statuses.PLANNED");
    if (field === "percentComplete") return `${value}%`;
    if (field === "quantityDone") return `${format.number(Number(value))} ${unit ?? ""}`.trim();
    if (field === "forecastFinish") return date(String(value));
    return t(`pauseReasons.${value}` as "pauseReasons.OTHER");
  };
  const rows = ROWS.filter((field) => field !== "quantityDone" || unit !== null);
  const when = (value: Date | null) => (value ? formatDateTime(locale, value) : "");
  const advice = report.advice;
  const adviceErrors = Object.entries(advice?.fieldErrors ?? {});
  const refused = Boolean(advice?.withdrawn) || adviceErrors.length > 0;
  // `milestone.<id>[.<field>]`: the milestone's name (and the field) before the message.
  const milestoneLabel = (field: string) => {
    const match = /^milestone\.(\d+)(?:\.(\w+))?$/.exec(field);
    const proposal = match && report.milestones.find((candidate) => candidate.milestoneId === Number(match[1]));
    if (!proposal) return "";
    const name =
      proposal.type === "CUSTOM"
        ? (proposal.title ?? "")
        : t(`schedule.milestoneTypes.${proposal.type}` as "schedule.milestoneTypes.CUSTOM");
    const part =
      match[2] && t.has(`schedule.${match[2]}` as "app.name") ? ` · ${t(`schedule.${match[2]}` as "app.name")}` : "";
    return `${name}${part}: `;
  };
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4" data-testid="field-report">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        {showProject ? (
          <Link href={`/projects/${report.project.code}`} className="font-semibold text-brand hover:underline">
            <span className="font-mono text-xs">{report.project.code}</span> {localizedName(report.project, locale)}
          </Link>
        ) : (
          <span className="font-semibold">{t("progressChange.report.title", { id: report.id })}</span>
        )}
        <span className="text-sm font-semibold text-slate-700" data-testid="report-state">
          {t(`fieldReports.states.${report.state}` as "fieldReports.states.PENDING")}
        </span>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {t("fieldReports.submittedBy")}: {report.submittedBy.name} · {when(report.createdAt)} ·{" "}
        <span data-testid="report-age">{format.relativeTime(report.createdAt, now)}</span>
      </p>
      <div className="mt-2">
        <ChangeTable
          testId="report-changes"
          rows={[
            ...rows.map((field) => {
              const current = show(field, report.current);
              const proposed = show(field, report.proposed);
              return {
                field,
                label: t(`progressChange.fields.${field}` as "progressChange.fields.status"),
                current: field === "status" ? <StatusBadge status={report.current.status} /> : current,
                proposed: field === "status" ? <StatusBadge status={report.proposed.status} /> : proposed,
                changed: current !== proposed,
              };
            }),
            {
              label: t("progressChange.fields.asOf"),
              current: date(report.current.lastProgressAsOf),
              proposed: date(report.proposed.asOf),
            },
          ]}
        />
      </div>
      <MilestoneProposalsTable proposals={report.milestones} locale={locale} />
      <p className="mt-2 whitespace-pre-line text-sm">
        <span className="font-semibold">{t("progress.comment")}:</span> {report.comment}
      </p>
      {evidence.length > 0 && <EvidenceGallery files={evidence} />}
      {report.evidenceUrl && (
        <a
          href={report.evidenceUrl}
          rel="noopener noreferrer nofollow"
          target="_blank"
          className="text-sm text-brand underline"
        >
          {t("history.evidence")}
        </a>
      )}
      {report.state === "ACCEPTED" && (
        <p className="mt-2 text-sm text-emerald-800">
          {t("progressChange.report.acceptedBy", {
            name: report.reviewedBy?.name ?? "—",
            when: when(report.reviewedAt),
          })}
        </p>
      )}
      {report.state === "REJECTED" && (
        <p className="mt-2 text-sm text-red-800">
          {t("progressChange.report.rejectedBy", {
            name: report.reviewedBy?.name ?? "—",
            when: when(report.reviewedAt),
            reason: report.rejectionReason ?? "",
          })}
        </p>
      )}
      {report.state === "SUPERSEDED" && (
        <p className="mt-2 text-sm text-slate-600">
          {t("progressChange.report.superseded", { when: when(report.reviewedAt) })}
        </p>
      )}
      {advice && (
        <div
          className={`mt-2 rounded px-3 py-2 text-sm ${refused ? "bg-red-50 text-red-900" : "bg-emerald-50 text-emerald-900"}`}
          data-testid="report-advice"
        >
          {advice.withdrawn ? (
            t("refusals.withdrawn")
          ) : adviceErrors.length === 0 ? (
            t("progressChange.report.acceptable")
          ) : (
            <>
              <p className="font-semibold">{t("progressChange.report.wouldBeRefused")}</p>
              <ul className="list-disc pl-5">
                {adviceErrors.map(([field, key]) => (
                  <li key={field}>
                    {milestoneLabel(field)}
                    {t.has(`progressChange.fields.${field}` as "app.name")
                      ? `${t(`progressChange.fields.${field}` as "app.name")}: `
                      : ""}
                    {t(
                      t.has(`formErrors.${key}` as "app.name")
                        ? (`formErrors.${key}` as "app.name")
                        : "formErrors.invalid",
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {children}
    </article>
  );
}
