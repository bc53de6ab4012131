import "server-only";
import type { Prisma } from "../generated/prisma/client";

export type AuditEntry = {
  actorId: number | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  oblastId?: number | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  ip?: string | null;
};

type AuditWriter = { auditLog: { create: (args: { data: Prisma.AuditLogUncheckedCreateInput }) => Promise<unknown> } };

/** Appends one audit row, inside the caller's transaction so the change and its record land together. */
export async function writeAudit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      oblastId: entry.oblastId ?? null,
      ip: entry.ip ?? null,
      // Omitted rather than undefined: strict undefined checks refuse an explicit undefined.
      ...(entry.before != null ? { before: entry.before } : {}),
      ...(entry.after != null ? { after: entry.after } : {}),
    },
  });
}
