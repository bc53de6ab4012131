import "server-only";
import { writeAudit } from "../audit/write-audit";
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import { fieldErrorsOf } from "../forms/field-errors";
import { reportWithProject, type ReviewFieldReportResult, ZReviewFieldReportInput } from "./accept-field-report";
import { z } from "zod";

export const ZRejectFieldReportInput = ZReviewFieldReportInput.extend({
  reason: z.string("reasonRequired").trim().min(1, "reasonRequired").max(2000, "tooLong"),
});

/** Ministry staff reject a field report with a reason the officer reads on the project page. */
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
