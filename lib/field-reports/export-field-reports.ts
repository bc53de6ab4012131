import "server-only";
import type { Actor } from "../auth/permissions";
import { prisma } from "../db";
import { localizedName, type Locale } from "../i18n/locales";
import { type FieldReportQuery, fieldReportSelection } from "./list-field-reports";
import { changeOfReport } from "./report-change";

type Translate = (key: string) => string;

/** The field-report download's columns, translated. */
export function fieldReportExportHeader(t: Translate): string[] {
  return [
    t("fieldReports.submittedAt"),
    t("projects.columnCode"),
    t("projects.columnName"),
    t("projects.columnOblasts"),
    t("listExports.submittedBy"),
    t("fieldReports.state"),
    t("listExports.proposedStatus"),
    t("listExports.proposedPercent"),
    t("listExports.proposedQuantity"),
    t("units.label"),
    t("progressChange.fields.asOf"),
    t("progressChange.fields.forecastFinish"),
    t("listExports.currentStatus"),
    t("listExports.currentPercent"),
    t("progressChange.fields.comment"),
    t("listExports.reviewedAt"),
    t("listExports.reviewedBy"),
    t("listExports.rejectionReason"),
  ];
}
export const FIELD_REPORT_EXPORT_WIDTHS = [17, 16, 44, 24, 22, 18, 18, 10, 10, 10, 12, 12, 18, 10, 50, 17, 22, 40];

const day = (iso: string | null | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : "");

/**
 * Every report of the user's queue with the page's filters and order (a reviewer's tab, or an officer's own), a
 * batch at a time: what was proposed beside the project's values now, and the review.
 */
export async function* fieldReportExportRows(
  user: Actor,
  query: Partial<FieldReportQuery>,
  t: Translate,
  locale: Locale,
  batchSize = 500,
): AsyncGenerator<unknown[]> {
  const selection = fieldReportSelection(user, query);
  if (!selection) return;
  const oblasts = new Map((await prisma.oblast.findMany()).map((oblast) => [oblast.id, oblast]));
  for (let skip = 0; ; skip += batchSize) {
    const batch = await prisma.fieldReport.findMany({
      where: selection.where,
      orderBy: selection.orderBy,
      skip,
      take: batchSize,
      include: {
        project: { include: { oblasts: { orderBy: { oblastId: "asc" } } } },
        submittedBy: { select: { name: true } },
        reviewedBy: { select: { name: true } },
      },
    });
    for (const report of batch) {
      const { project } = report;
      const change = changeOfReport(report);
      yield [
        report.createdAt,
        project.code,
        localizedName(project, locale),
        project.oblasts.map((link) => localizedName(oblasts.get(link.oblastId)!, locale)).join(", "),
        report.submittedBy.name,
        t(`fieldReports.states.${report.state}`),
        t(`statuses.${change.status}`),
        change.percentComplete,
        change.quantityDone ?? "",
        project.unit ? t(`units.${project.unit}`) : "",
        day(change.asOf),
        day(change.forecastFinish),
        t(`statuses.${project.status}`),
        project.percentComplete,
        report.comment,
        report.reviewedAt ?? "",
        report.reviewedBy?.name ?? "",
        report.rejectionReason ?? "",
      ];
    }
    if (batch.length < batchSize) return;
  }
}
