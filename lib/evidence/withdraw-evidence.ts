import "server-only";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import type { Actor } from "../auth/permissions";
import { prisma } from "../db";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { mayViewEvidence, mayWithdrawEvidence } from "./evidence-access";

export const ZWithdrawEvidenceInput = z.object({
  fileId: z.coerce.number().int().positive(),
  reason: z.string("reasonRequired").trim().min(1, "reasonRequired").max(2000, "tooLong"),
});

export type WithdrawEvidenceResult =
  | { ok: true; projectCode: string }
  | { ok: false; reason: "notFound" | "forbidden" | "alreadyWithdrawn" }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors };

/**
 * Withdraws a file: it leaves the timeline and the lists but is kept (never deleted), with who, when and why, and
 * an audit row.
 */
export async function withdrawEvidence(
  user: Actor,
  rawInput: unknown,
  context: { ip: string | null },
): Promise<WithdrawEvidenceResult> {
  const parsed = ZWithdrawEvidenceInput.safeParse(rawInput);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const file = await prisma.evidenceFile.findUnique({
    where: { id: parsed.data.fileId },
    include: { project: { select: { code: true, oblasts: { select: { oblastId: true } } } } },
  });
  if (!file || !mayViewEvidence(user, file)) return { ok: false, reason: "notFound" };
  if (!mayWithdrawEvidence(user, file)) return { ok: false, reason: "forbidden" };
  const withdrawn = await prisma.$transaction(async (tx) => {
    const updated = await tx.evidenceFile.updateMany({
      where: { id: file.id, withdrawnAt: null },
      data: { withdrawnAt: new Date(), withdrawnById: user.id, withdrawalReason: parsed.data.reason },
    });
    if (updated.count === 0) return false;
    await writeAudit(tx, {
      actorId: user.id,
      action: "evidence.withdraw",
      targetType: "project",
      targetId: String(file.projectId),
      oblastId: file.project.oblasts[0]?.oblastId ?? null,
      after: { fileId: file.id, fileName: file.fileName, reason: parsed.data.reason },
      ip: context.ip,
    });
    return true;
  });
  return withdrawn ? { ok: true, projectCode: file.project.code } : { ok: false, reason: "alreadyWithdrawn" };
}
