import "server-only";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { concurrentChanges, type ConcurrentChange } from "../progress/concurrent-changes";
import { checkProgressChange, VersionConflict, writeProgressChange } from "../progress/progress-change";
import {
  applyMilestoneProposals,
  MilestoneProposalConflict,
  proposalErrors,
  proposalField,
  proposalInclude,
} from "./milestone-proposals";
import { changeOfReport } from "./report-change";

export const ZReviewFieldReportInput = z.object({
  reportId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

export type ReviewFieldReportResult =
  | { ok: true }
  | { ok: false; reason: "notFound" | "forbidden" | "alreadyReviewed" | "withdrawn" }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors }
  | { ok: false; reason: "conflict"; changes: ConcurrentChange[] };
export type ReviewRefusal = Exclude<ReviewFieldReportResult, { ok: true }>;

export const reportWithProject = (reportId: number) =>
  prisma.fieldReport.findUnique({
    where: { id: reportId },
    include: { project: { include: { oblasts: true } }, ...proposalInclude },
  });

/**
 * Ministry staff accept a field report: the change it proposes goes through the one write path, as a progress update
 * credited to the reviewer and the officer, and its milestone proposals through the milestone write path, in one
 * transaction. The rules run again on the project and its milestones as they stand now; a milestone changed since
 * the report was written refuses the acceptance (the reviewer sees it on the card), never overwritten.
 */
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
  if (project.withdrawnAt) return { ok: false, reason: "withdrawn" };
  const change = changeOfReport(report);
  const errors = { ...checkProgressChange(project, change), ...proposalErrors(project, report.milestones) };
  if (Object.keys(errors).length > 0) return { ok: false, reason: "invalid", fieldErrors: errors };
  try {
    await prisma.$transaction(async (tx) => {
      const { progressUpdateId } = await writeProgressChange(
        tx,
        user,
        project,
        { ...change, version: project.version },
        { ip: context.ip, reportedById: report.submittedById, fieldReportId: report.id },
      );
      // The proposed milestone changes go in with the progress change, or nothing does.
      await applyMilestoneProposals(tx, user, project, report.milestones, { ip: context.ip, fieldReportId: report.id });
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
        after: {
          progressUpdateId,
          ...(report.milestones.length > 0
            ? { milestones: report.milestones.map((proposal) => proposal.milestoneId) }
            : {}),
        },
        ip: context.ip,
      });
    });
  } catch (error) {
    if (error instanceof MilestoneProposalConflict)
      return {
        ok: false,
        reason: "invalid",
        fieldErrors: { [proposalField(error.milestoneId, "form")]: "milestoneChangedSinceReport" },
      };
    if (!(error instanceof VersionConflict)) throw error;
    const now = await prisma.fieldReport.findUniqueOrThrow({ where: { id: report.id }, include: { project: true } });
    if (now.state !== "PENDING") return { ok: false, reason: "alreadyReviewed" };
    if (now.project.withdrawnAt) return { ok: false, reason: "withdrawn" };
    return { ok: false, reason: "conflict", changes: (await concurrentChanges(project.id, project.version)).changes };
  }
  return { ok: true };
}
