import "server-only";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { can, scopedOblastId, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { dateFromIso, isoDate, todayInKazakhstan } from "../progress/calendar";
import { MAX_COMMENT_LENGTH, ZProgressFields } from "../progress/progress-input";
import { PROJECT_CODE_PATTERN } from "../reference-data";
import {
  attachEvidence,
  carryEvidenceToUpdate,
  checkEvidence,
  EvidenceUnavailable,
  parseEvidenceInput,
} from "../evidence/attach-evidence";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import {
  applyProgress,
  concurrentChanges,
  oblastIdsOf,
  progressErrorsFor,
  projectForWrite,
  VersionConflict,
  type ConcurrentChange,
} from "../progress/record-progress";

export const ZSubmitFieldReportInput = ZProgressFields.extend({
  projectCode: z.string().regex(PROJECT_CODE_PATTERN, "unknownProject"),
  // A field report always says what was seen.
  comment: z.string("commentRequired").trim().min(1, "commentRequired").max(MAX_COMMENT_LENGTH, "tooLong"),
});
export const ZReviewFieldReportInput = z.object({ reportId: z.coerce.number().int().positive() });
/** At most a page of the review queue at once. */
export const ZAcceptFieldReportsInput = z.object({
  reportIds: z.array(z.coerce.number().int().positive()).min(1).max(50),
});
export const ZRejectFieldReportInput = ZReviewFieldReportInput.extend({
  reason: z.string("reasonRequired").trim().min(1, "reasonRequired").max(2000, "tooLong"),
});

type Failure =
  | { ok: false; reason: "notFound" | "forbidden" | "alreadyReviewed" }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors };
export type SubmitFieldReportResult = { ok: true; reportId: number } | Failure;
export type ReviewFieldReportResult =
  | { ok: true }
  | Failure
  | { ok: false; reason: "conflict"; changes: ConcurrentChange[] };

type ProjectForReport = NonNullable<Awaited<ReturnType<typeof projectForWrite>>>;
export type TFieldReport = Omit<z.infer<typeof ZSubmitFieldReportInput>, "projectCode">;

/** What is wrong with a field report on this project as it stands; empty when it may be sent. */
export function fieldReportErrors(project: ProjectForReport, input: TFieldReport): FieldErrors {
  const errors: FieldErrors = {};
  if (input.asOf > todayInKazakhstan()) errors.asOf = "futureDate";
  if (input.status === "COMPLETED" && input.percentComplete !== 100) errors.percentComplete = "completedMeans100";
  if (input.status === "PAUSED" && !input.pauseReason) errors.pauseReason = "pauseReasonRequired";
  if (input.quantityDone !== undefined) {
    if (project.plannedQuantity === null) errors.quantityDone = "noPlannedQuantity";
    else if (input.quantityDone > Number(project.plannedQuantity)) errors.quantityDone = "abovePlan";
  }
  return errors;
}

/** Stores a field report with its audit row, inside the caller's transaction. */
export async function createFieldReport(
  tx: Prisma.TransactionClient,
  user: Actor,
  project: ProjectForReport,
  input: TFieldReport,
  context: { ip: string | null },
): Promise<number> {
  const created = await tx.fieldReport.create({
    data: {
      projectId: project.id,
      submittedById: user.id,
      status: input.status,
      percentComplete: input.percentComplete,
      quantityDone: input.quantityDone === undefined ? null : new Prisma.Decimal(input.quantityDone),
      asOf: dateFromIso(input.asOf),
      comment: input.comment,
      evidenceUrl: input.evidenceUrl ?? null,
    },
  });
  await writeAudit(tx, {
    actorId: user.id,
    action: "fieldReport.submit",
    targetType: "project",
    targetId: String(project.id),
    oblastId: user.oblastId,
    after: {
      reportId: created.id,
      status: input.status,
      percentComplete: input.percentComplete,
      quantityDone: input.quantityDone ?? null,
      asOf: input.asOf,
      comment: input.comment,
    },
    ip: context.ip,
  });
  return created.id;
}

/** An akimat officer reports what they saw on a project of their oblast; ministry staff review it. */
export async function submitFieldReport(
  user: Actor,
  rawInput: unknown,
  context: { ip: string | null },
): Promise<SubmitFieldReportResult> {
  const parsed = ZSubmitFieldReportInput.safeParse(rawInput);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const evidence = parseEvidenceInput(rawInput);
  if (!evidence.ok) return { ok: false, reason: "invalid", fieldErrors: evidence.fieldErrors };
  const { projectCode, ...input } = parsed.data;
  const project = await projectForWrite(user, projectCode);
  if (!project) return { ok: false, reason: "notFound" };
  if (!can(user, "fieldReport.submit", oblastIdsOf(project))) return { ok: false, reason: "forbidden" };
  const errors = { ...fieldReportErrors(project, input), ...(await checkEvidence(user, project.id, evidence.items)) };
  if (Object.keys(errors).length > 0) return { ok: false, reason: "invalid", fieldErrors: errors };
  try {
    const reportId = await prisma.$transaction(async (tx) => {
      const created = await createFieldReport(tx, user, project, input, context);
      const target = { id: project.id, oblastId: user.oblastId };
      await attachEvidence(tx, user, target, { fieldReportId: created }, evidence.items, context);
      return created;
    });
    return { ok: true, reportId };
  } catch (error) {
    if (error instanceof EvidenceUnavailable)
      return { ok: false, reason: "invalid", fieldErrors: { evidenceFileIds: "evidenceUnavailable" } };
    throw error;
  }
}

const reportWithProject = (reportId: number) =>
  prisma.fieldReport.findUnique({ where: { id: reportId }, include: { project: { include: { oblasts: true } } } });

/** Ministry staff accept a field report: it becomes a progress update credited to the reviewer and the officer. */
export async function acceptFieldReport(
  user: Actor,
  rawInput: unknown,
  context: { ip: string | null },
): Promise<ReviewFieldReportResult> {
  const parsed = ZReviewFieldReportInput.safeParse(rawInput);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  if (!can(user, "fieldReport.review")) return { ok: false, reason: "forbidden" };
  const report = await reportWithProject(parsed.data.reportId);
  if (!report) return { ok: false, reason: "notFound" };
  if (report.state !== "PENDING") return { ok: false, reason: "alreadyReviewed" };
  const project = report.project;
  const input = {
    version: project.version,
    status: report.status,
    percentComplete: report.percentComplete,
    ...(report.quantityDone !== null ? { quantityDone: Number(report.quantityDone) } : {}),
    asOf: isoDate(report.asOf),
    comment: report.comment,
    ...(report.evidenceUrl ? { evidenceUrl: report.evidenceUrl } : {}),
  };
  const errors = progressErrorsFor(project, input);
  if (Object.keys(errors).length > 0) return { ok: false, reason: "invalid", fieldErrors: errors };
  try {
    await prisma.$transaction(async (tx) => {
      const { progressUpdateId } = await applyProgress(tx, user, project, input, {
        ip: context.ip,
        reportedById: report.submittedById,
      });
      await carryEvidenceToUpdate(tx, report.id, progressUpdateId);
      const reviewed = await tx.fieldReport.updateMany({
        where: { id: report.id, state: "PENDING" },
        data: { state: "ACCEPTED", reviewedById: user.id, reviewedAt: new Date(), progressUpdateId },
      });
      if (reviewed.count === 0) throw new VersionConflict();
      await writeAudit(tx, {
        actorId: user.id,
        action: "fieldReport.accept",
        targetType: "fieldReport",
        targetId: String(report.id),
        oblastId: project.oblasts[0]?.oblastId ?? null,
        after: { progressUpdateId },
        ip: context.ip,
      });
    });
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
    const now = await prisma.fieldReport.findUniqueOrThrow({ where: { id: report.id } });
    if (now.state !== "PENDING") return { ok: false, reason: "alreadyReviewed" };
    return { ok: false, reason: "conflict", changes: (await concurrentChanges(project.id, project.version)).changes };
  }
  return { ok: true };
}

export type AcceptManyResult =
  | {
      ok: true;
      accepted: number;
      refused: {
        reportId: number;
        projectCode: string | null;
        reason: Exclude<ReviewFieldReportResult, { ok: true }>["reason"];
      }[];
    }
  | { ok: false; reason: "invalid" | "forbidden" };

/**
 * Ministry staff accept a page of the queue at once. Each report is judged on its own, as if accepted one by one
 * (its own transaction and checks): one that conflicts or breaks a rule is left pending and listed, the others go in.
 */
export async function acceptFieldReports(
  user: Actor,
  rawInput: unknown,
  context: { ip: string | null },
): Promise<AcceptManyResult> {
  const parsed = ZAcceptFieldReportsInput.safeParse(rawInput);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  if (!can(user, "fieldReport.review")) return { ok: false, reason: "forbidden" };
  const ids = [...new Set(parsed.data.reportIds)].sort((a, b) => a - b);
  const codes = new Map(
    (
      await prisma.fieldReport.findMany({
        where: { id: { in: ids } },
        select: { id: true, project: { select: { code: true } } },
      })
    ).map((report) => [report.id, report.project.code]),
  );
  let accepted = 0;
  const refused: Extract<AcceptManyResult, { ok: true }>["refused"] = [];
  // Oldest first, so two reports on one project go in the order they were written.
  for (const reportId of ids) {
    const result = await acceptFieldReport(user, { reportId }, context);
    if (result.ok) accepted++;
    else refused.push({ reportId, projectCode: codes.get(reportId) ?? null, reason: result.reason });
  }
  return { ok: true, accepted, refused };
}

export async function rejectFieldReport(
  user: Actor,
  rawInput: unknown,
  context: { ip: string | null },
): Promise<ReviewFieldReportResult> {
  const parsed = ZRejectFieldReportInput.safeParse(rawInput);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  if (!can(user, "fieldReport.review")) return { ok: false, reason: "forbidden" };
  const report = await reportWithProject(parsed.data.reportId);
  if (!report) return { ok: false, reason: "notFound" };
  const rejected = await prisma.$transaction(async (tx) => {
    const result = await tx.fieldReport.updateMany({
      where: { id: report.id, state: "PENDING" },
      data: { state: "REJECTED", reviewedById: user.id, reviewedAt: new Date(), rejectionReason: parsed.data.reason },
    });
    if (result.count === 1) {
      await writeAudit(tx, {
        actorId: user.id,
        action: "fieldReport.reject",
        targetType: "fieldReport",
        targetId: String(report.id),
        oblastId: report.project.oblasts[0]?.oblastId ?? null,
        after: { reason: parsed.data.reason },
        ip: context.ip,
      });
    }
    return result.count === 1;
  });
  return rejected ? { ok: true } : { ok: false, reason: "alreadyReviewed" };
}

const REPORT_PAGE_SIZE = 20;
const reportInclude = {
  project: {
    select: { code: true, nameKk: true, nameRu: true, nameEn: true, status: true, percentComplete: true, unit: true },
  },
  submittedBy: { select: { name: true } },
  reviewedBy: { select: { name: true } },
} satisfies Prisma.FieldReportInclude;

/** Ministry review queue: pending reports, oldest first. Akimat officers get their own reports, newest first. */
export async function listFieldReports(user: Actor, options: { page: number }) {
  let where: Prisma.FieldReportWhereInput;
  let orderBy: Prisma.FieldReportOrderByWithRelationInput;
  if (can(user, "fieldReport.review")) {
    where = { state: "PENDING" };
    orderBy = { createdAt: "asc" };
  } else if (can(user, "fieldReport.submit")) {
    const oblastId = scopedOblastId(user);
    where = { submittedById: user.id, ...(oblastId === null ? {} : { project: { oblasts: { some: { oblastId } } } }) };
    orderBy = { createdAt: "desc" };
  } else {
    return null;
  }
  const [total, reports] = await Promise.all([
    prisma.fieldReport.count({ where }),
    prisma.fieldReport.findMany({
      where,
      orderBy: [orderBy, { id: "asc" }],
      skip: (options.page - 1) * REPORT_PAGE_SIZE,
      take: REPORT_PAGE_SIZE,
      include: reportInclude,
    }),
  ]);
  return {
    mode: can(user, "fieldReport.review") ? ("review" as const) : ("own" as const),
    total,
    page: options.page,
    pages: Math.max(1, Math.ceil(total / REPORT_PAGE_SIZE)),
    reports: reports.map((report) => ({
      ...report,
      quantityDone: report.quantityDone === null ? null : Number(report.quantityDone),
    })),
  };
}

/** Pending reports on one project, for the ministry's view of the project page. */
export async function pendingReportsForProject(user: Actor, projectId: number) {
  if (!can(user, "fieldReport.review")) return [];
  return prisma.fieldReport.findMany({
    where: { projectId, state: "PENDING" },
    orderBy: { createdAt: "asc" },
    include: { submittedBy: { select: { name: true } } },
  });
}
