import "server-only";
import { z } from "zod";
import { can, scopedOblastId, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import type { FieldErrors } from "../forms/field-errors";
import type { Prisma } from "../generated/prisma/client";
import { isoDate } from "../progress/calendar";
import { checkProgressChange } from "../progress/progress-change";
import { OBLAST_CODES } from "../reference-data";
import { changeOfReport } from "./report-change";

const REPORT_PAGE_SIZE = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The queue's filters, from the URL: pending or reviewed, oblast, sector, age (older than N days). */
export const ZFieldReportQuery = z.object({
  tab: z.enum(["pending", "reviewed"]).catch("pending"),
  oblast: z.enum(OBLAST_CODES).optional().catch(undefined),
  sector: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,60}$/)
    .optional()
    .catch(undefined),
  olderThan: z.enum(["3", "7", "30"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type FieldReportQuery = z.infer<typeof ZFieldReportQuery>;
export const parseFieldReportQuery = (params: Record<string, string | string[] | undefined>) =>
  ZFieldReportQuery.parse(
    Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])),
  );

const reportInclude = {
  project: { include: { oblasts: true } },
  submittedBy: { select: { name: true } },
  reviewedBy: { select: { name: true } },
} satisfies Prisma.FieldReportInclude;
type ReportRow = Prisma.FieldReportGetPayload<{ include: typeof reportInclude }>;

/** A report as a review card or an officer's list shows it: the project's current values beside the proposed ones. */
function cardOf(report: ReportRow, withAdvice: boolean) {
  const { project } = report;
  const change = changeOfReport(report);
  // Why accepting would be refused now, shown before the reviewer presses the button.
  const advice: { withdrawn: boolean; fieldErrors: FieldErrors } | null =
    withAdvice && report.state === "PENDING"
      ? { withdrawn: project.withdrawnAt !== null, fieldErrors: checkProgressChange(project, change) }
      : null;
  return {
    id: report.id,
    state: report.state,
    createdAt: report.createdAt,
    reviewedAt: report.reviewedAt,
    rejectionReason: report.rejectionReason,
    submittedBy: report.submittedBy,
    reviewedBy: report.reviewedBy,
    comment: report.comment,
    evidenceUrl: report.evidenceUrl,
    project: {
      code: project.code,
      nameKk: project.nameKk,
      nameRu: project.nameRu,
      nameEn: project.nameEn,
      unit: project.unit,
    },
    current: {
      status: project.status,
      percentComplete: project.percentComplete,
      quantityDone: project.quantityDone === null ? null : Number(project.quantityDone),
      forecastFinish: project.forecastFinish ? isoDate(project.forecastFinish) : null,
      pauseReason: project.pauseReason,
      lastProgressAsOf: project.lastProgressAsOf ? isoDate(project.lastProgressAsOf) : null,
    },
    proposed: {
      status: change.status,
      percentComplete: change.percentComplete,
      quantityDone: change.quantityDone ?? null,
      forecastFinish: change.forecastFinish ?? null,
      pauseReason: change.pauseReason ?? null,
      asOf: change.asOf,
    },
    advice,
  };
}
export type FieldReportCard = ReturnType<typeof cardOf>;

/**
 * Which reports a user's queue holds, in its order: to a reviewer the pending ones (oldest first) or the reviewed
 * ones (newest review first), to an akimat officer their own in their oblast (newest first); both filtered by
 * oblast, sector and age. Null when the user may neither review nor submit. The page and the download share it.
 */
export function fieldReportSelection(user: Actor, query: Partial<FieldReportQuery>) {
  const review = can(user, "fieldReport.review");
  if (!review && !can(user, "fieldReport.submit")) return null;
  const tab = query.tab ?? "pending";
  const filters: Prisma.FieldReportWhereInput[] = [];
  if (query.oblast) filters.push({ project: { oblasts: { some: { oblast: { code: query.oblast } } } } });
  if (query.sector) filters.push({ project: { category: { sector: { code: query.sector } } } });
  if (query.olderThan) filters.push({ createdAt: { lt: new Date(Date.now() - Number(query.olderThan) * DAY_MS) } });
  let where: Prisma.FieldReportWhereInput;
  let orderBy: Prisma.FieldReportOrderByWithRelationInput[];
  if (review) {
    where =
      tab === "pending"
        ? { AND: [{ state: "PENDING" }, ...filters] }
        : { AND: [{ state: { in: ["ACCEPTED", "REJECTED"] } }, ...filters] };
    orderBy = tab === "pending" ? [{ createdAt: "asc" }, { id: "asc" }] : [{ reviewedAt: "desc" }, { id: "desc" }];
  } else {
    const oblastId = scopedOblastId(user);
    where = {
      AND: [
        { submittedById: user.id },
        ...(oblastId === null ? [] : [{ project: { oblasts: { some: { oblastId } } } }]),
        ...filters,
      ],
    };
    orderBy = [{ createdAt: "desc" }, { id: "desc" }];
  }
  return { review, tab, where, orderBy };
}

/** A page of the user's queue (see fieldReportSelection), as review cards. */
export async function listFieldReports(user: Actor, query: Partial<FieldReportQuery> & { page: number }) {
  const selection = fieldReportSelection(user, query);
  if (!selection) return null;
  const { review, tab, where, orderBy } = selection;
  const [total, reports] = await Promise.all([
    prisma.fieldReport.count({ where }),
    prisma.fieldReport.findMany({
      where,
      orderBy,
      skip: (query.page - 1) * REPORT_PAGE_SIZE,
      take: REPORT_PAGE_SIZE,
      include: reportInclude,
    }),
  ]);
  return {
    mode: review ? ("review" as const) : ("own" as const),
    tab,
    total,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / REPORT_PAGE_SIZE)),
    reports: reports.map((report) => cardOf(report, review)),
  };
}

/**
 * The field reports a project page shows: to reviewers the pending ones (with the advice of the review card), to an
 * akimat officer their own — the pending one and the fate of the last earlier ones.
 */
export async function fieldReportsOnProject(user: Actor, projectId: number) {
  if (can(user, "fieldReport.review")) {
    const reports = await prisma.fieldReport.findMany({
      where: { projectId, state: "PENDING" },
      orderBy: { createdAt: "asc" },
      include: reportInclude,
    });
    return { mode: "review" as const, reports: reports.map((report) => cardOf(report, true)) };
  }
  if (can(user, "fieldReport.submit")) {
    const reports = await prisma.fieldReport.findMany({
      where: { projectId, submittedById: user.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 10,
      include: reportInclude,
    });
    return { mode: "own" as const, reports: reports.map((report) => cardOf(report, false)) };
  }
  return { mode: "none" as const, reports: [] };
}
