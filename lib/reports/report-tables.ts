import "server-only";
import { localizedName, type Locale } from "../i18n/locales";
import type { PeriodBlocker } from "../schedule/blockers";
import type { PeriodReport } from "./period-report";

type Translate = (key: string, values?: Record<string, string | number>) => string;
export type ReportTable = {
  key: string;
  title: string;
  header: string[];
  rows: (string | number | null)[][];
  /** All the rows there are, when `rows` holds only the first of them (the screen). */
  total?: number;
};
export const REPORT_TABLES = [
  "changes",
  "attention",
  "oblasts",
  "sectors",
  "blockersRaised",
  "blockersResolved",
] as const;

/** The report's tables with translated headers: one definition for the page, the CSV and the XLSX files. */
export function reportTables(report: PeriodReport, t: Translate, locale: Locale): ReportTable[] {
  const status = (code: string) => t(`statuses.${code}`);
  const groupHeader = [
    t("reports.columns.total"),
    t("reports.columns.completed"),
    t("reports.columns.inProgress"),
    t("reports.columns.averagePercent"),
  ];
  return [
    {
      key: "changes",
      title: t("reports.changes"),
      header: [
        t("projects.columnCode"),
        t("projects.columnName"),
        t("reports.columns.statusChange"),
        t("reports.columns.percentGained"),
        t("reports.columns.quantityDelivered"),
        t("reports.columns.confidence"),
        t("reports.columns.comments"),
      ],
      rows: report.changes.map((change) => [
        change.code,
        localizedName(change, locale),
        change.fromStatus === change.toStatus
          ? status(change.toStatus)
          : `${status(change.fromStatus)} → ${status(change.toStatus)}`,
        change.toPercent - change.fromPercent,
        change.quantityDelivered === null
          ? null
          : `${change.quantityDelivered} ${change.unit ? t(`units.${change.unit}`) : ""}`.trim(),
        change.confidenceChanges.join("; ") || null,
        change.comments.join(" | ") || null,
      ]),
    },
    {
      key: "attention",
      title: t("reports.attention"),
      header: [
        t("projects.columnCode"),
        t("projects.columnName"),
        t("reports.columns.reason"),
        t("projects.columnStatus"),
        t("projects.columnProgress"),
        t("reports.columns.latestComment"),
      ],
      rows: report.attention.map((project) => [
        project.code,
        localizedName(project, locale),
        t(`dashboard.${project.reason}`),
        status(project.status),
        project.percent,
        project.latestComment,
      ]),
    },
    {
      key: "oblasts",
      title: t("reports.byOblast"),
      header: [t("projects.oblast"), ...groupHeader],
      rows: report.byOblast.map((row) => [
        localizedName(row, locale),
        row.total,
        row.completed,
        row.inProgress,
        row.averagePercent,
      ]),
    },
    {
      key: "sectors",
      title: t("reports.bySector"),
      header: [t("projects.sector"), ...groupHeader],
      rows: report.bySector.map((row) => [
        localizedName(row, locale),
        row.total,
        row.completed,
        row.inProgress,
        row.averagePercent,
      ]),
    },
    ...blockerTables(report, t, locale),
  ];
}

/** The blockers raised and resolved in the period (none in a report saved before they were part of it). */
function blockerTables(report: PeriodReport, t: Translate, locale: Locale): ReportTable[] {
  const blockers = report.blockersInPeriod ?? {
    raised: { total: 0, rows: [] },
    resolved: { total: 0, rows: [] },
  };
  const lead = [
    t("projects.columnCode"),
    t("projects.columnName"),
    t("schedule.category"),
    t("schedule.description"),
    t("schedule.escalation"),
    t("schedule.raisedOn"),
  ];
  const leadCells = (blocker: PeriodBlocker) => [
    blocker.code,
    localizedName(blocker, locale),
    t(`schedule.categories.${blocker.category}`),
    blocker.description,
    t(`schedule.escalations.${blocker.escalation}`),
    blocker.raisedOn,
  ];
  const status = (blocker: PeriodBlocker) => t(`schedule.blockerStatuses.${blocker.status}`);
  return [
    {
      key: "blockersRaised",
      title: t("periodBlockers.raised"),
      total: blockers.raised.total,
      header: [...lead, t("periodBlockers.statusNow")],
      rows: blockers.raised.rows.map((blocker) => [...leadCells(blocker), status(blocker)]),
    },
    {
      key: "blockersResolved",
      title: t("periodBlockers.resolved"),
      total: blockers.resolved.total,
      header: [...lead, t("periodBlockers.resolvedOn"), t("schedule.resolutionNote"), t("periodBlockers.statusNow")],
      rows: blockers.resolved.rows.map((blocker) => [
        ...leadCells(blocker),
        blocker.resolvedOn,
        blocker.resolutionNote,
        status(blocker),
      ]),
    },
  ];
}
