import "server-only";
import { writeAudit } from "../audit/write-audit";
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import {
  attachEvidence,
  carryEvidenceToReport,
  EVIDENCE_UNAVAILABLE,
  EvidenceUnavailable,
} from "../evidence/attach-evidence";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { Prisma } from "../generated/prisma/client";
import { dateFromIso } from "../progress/calendar";
import { checkProgressChange } from "../progress/progress-change";
import { type TProgressChange, ZFieldReportInput, ZProjectCode } from "../progress/progress-input";
import { oblastIdsOf, projectForChange, type ProjectForChange } from "../progress/project-for-change";
import { type MilestoneProposal, milestoneProposalsOf, storeMilestoneProposals } from "./milestone-proposals";

export type SubmitFieldReportResult =
  | { ok: true; reportId: number; replacedReportId: number | null }
  | { ok: false; reason: "notFound" | "forbidden" | "withdrawn" }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors };

/**
 * Stores a field report with its audit row, inside the caller's transaction. An officer keeps one pending report
 * per project: an earlier pending one is marked SUPERSEDED by this one (and named in the audit row).
 */
export async function storeFieldReport(
  tx: Prisma.TransactionClient,
  user: Actor,
  project: ProjectForChange,
  change: TProgressChange & { comment: string },
  context: { ip: string | null },
  milestones: MilestoneProposal[] = [],
): Promise<{ reportId: number; replacedReportId: number | null }> {
  // Two submissions of one officer on one project at the same moment take turns here.
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${project.id}::int4, ${user.id}::int4)::text AS locked`;
  const pending = await tx.fieldReport.findFirst({
    where: { projectId: project.id, submittedById: user.id, state: "PENDING" },
    select: { id: true },
  });
  const created = await tx.fieldReport.create({
    data: {
      projectId: project.id,
      submittedById: user.id,
      status: change.status,
      percentComplete: change.percentComplete,
      quantityDone: change.quantityDone === undefined ? null : new Prisma.Decimal(change.quantityDone),
      asOf: dateFromIso(change.asOf),
      forecastFinish: change.forecastFinish ? dateFromIso(change.forecastFinish) : null,
      pauseReason: change.status === "PAUSED" ? (change.pauseReason ?? null) : null,
      comment: change.comment,
      evidenceUrl: change.evidenceUrl ?? null,
    },
  });
  await storeMilestoneProposals(tx, created.id, milestones);
  let carriedFileCount = 0;
  if (pending) {
    await tx.fieldReport.updateMany({
      where: { id: pending.id, state: "PENDING" },
      data: { state: "SUPERSEDED", supersededById: created.id, reviewedAt: new Date() },
    });
    carriedFileCount = await carryEvidenceToReport(tx, pending.id, created.id);
  }
  const evidenceTarget = { id: project.id, oblastId: user.oblastId };
  await attachEvidence(tx, user, evidenceTarget, { fieldReportId: created.id }, change.evidence ?? [], context);
  await writeAudit(tx, {
    actorId: user.id,
    action: "fieldReport.submit",
    targetType: "project",
    targetId: String(project.id),
    oblastId: user.oblastId,
    after: {
      reportId: created.id,
      replacedReportId: pending?.id ?? null,
      carriedFileCount,
      status: change.status,
      percentComplete: change.percentComplete,
      quantityDone: change.quantityDone ?? null,
      asOf: change.asOf,
      forecastFinish: change.forecastFinish ?? null,
      pauseReason: change.pauseReason ?? null,
      comment: change.comment,
      ...(milestones.length > 0
        ? {
            milestones: milestones.map((proposal) => ({
              milestone: proposal.milestoneId,
              forecastDate: proposal.forecastDate,
              actualDate: proposal.actualDate,
              status: proposal.status,
            })),
          }
        : {}),
    },
    ip: context.ip,
  });
  return { reportId: created.id, replacedReportId: pending?.id ?? null };
}

/**
 * An akimat officer reports what they saw on a project of their oblast; ministry staff review it. The change is
 * checked by the same rules as a direct update, so the officer sees now what the ministry would be told.
 */
export async function submitFieldReport(
  user: Actor,
  rawInput: unknown,
  context: { ip: string | null },
): Promise<SubmitFieldReportResult> {
  const parsed = ZFieldReportInput.safeParse(rawInput);
  if (!parsed.success) {
    // The milestone proposals are judged too, so a refused form shows every problem at once.
    const fieldErrors = fieldErrorsOf(parsed.error);
    const code = ZProjectCode.safeParse((rawInput as { projectCode?: unknown } | null)?.projectCode);
    const project = code.success ? await projectForChange(user, code.data) : null;
    if (project && can(user, "fieldReport.submit", oblastIdsOf(project)))
      Object.assign(fieldErrors, (await milestoneProposalsOf(project, rawInput)).errors);
    return { ok: false, reason: "invalid", fieldErrors };
  }
  const { projectCode, ...change } = parsed.data;
  const project = await projectForChange(user, projectCode);
  if (!project) return { ok: false, reason: "notFound" };
  if (!can(user, "fieldReport.submit", oblastIdsOf(project))) return { ok: false, reason: "forbidden" };
  if (project.withdrawnAt) return { ok: false, reason: "withdrawn" };
  // The progress change and the milestone proposals are judged together, so the officer sees every problem at once.
  const milestones = await milestoneProposalsOf(project, rawInput);
  const errors = { ...checkProgressChange(project, change), ...milestones.errors };
  if (Object.keys(errors).length > 0) return { ok: false, reason: "invalid", fieldErrors: errors };
  try {
    const stored = await prisma.$transaction((tx) =>
      storeFieldReport(tx, user, project, change, context, milestones.proposals),
    );
    return { ok: true, ...stored };
  } catch (error) {
    if (error instanceof EvidenceUnavailable)
      return { ok: false, reason: "invalid", fieldErrors: EVIDENCE_UNAVAILABLE };
    throw error;
  }
}
