import "server-only";
import { writeAudit } from "../audit/write-audit";
import type { Actor } from "../auth/permissions";
import type { Prisma } from "../generated/prisma/client";
import type { TEvidenceItem } from "../progress/progress-input";
import { MAX_FILES_PER_ENTRY } from "./limits";

// How uploaded files join a progress change. The change names them (`evidence` in ZProgressChange, parsed with the
// rest of the change); the one write path attaches them inside its transaction (writeProgressChange for an update,
// storeFieldReport for a field report, saveMilestone and saveBlocker for the schedule), so the change and its
// evidence land together or not at all.

/** Thrown inside a write's transaction when a file is no longer the user's unattached upload on this project. */
export class EvidenceUnavailable extends Error {}

/** The field error a form shows beside its picker when EvidenceUnavailable rolled a write back. */
export const EVIDENCE_UNAVAILABLE = { evidence: "evidenceUnavailable" } as const;

/**
 * Thrown inside a write's transaction when the files would take a milestone or blocker (which is saved again and
 * again, unlike an update) over MAX_FILES_PER_ENTRY files that are not withdrawn.
 */
export class TooManyEvidenceFiles extends Error {}
export const TOO_MANY_EVIDENCE_FILES = { evidence: "tooManyFiles" } as const;

/** What a set of files is attached to. */
export type EvidenceTarget =
  | { progressUpdateId: number }
  | { fieldReportId: number }
  | { milestoneId: number }
  | { blockerId: number };

/**
 * A write's answer when one of the two errors above rolled it back (the form shows it beside its picker); any other
 * error is thrown on. For `.catch()` on a write's transaction.
 */
export function refuseEvidence(error: unknown): { ok: false; reason: "invalid"; fieldErrors: Record<string, string> } {
  if (error instanceof EvidenceUnavailable) return { ok: false, reason: "invalid", fieldErrors: EVIDENCE_UNAVAILABLE };
  if (error instanceof TooManyEvidenceFiles)
    return { ok: false, reason: "invalid", fieldErrors: TOO_MANY_EVIDENCE_FILES };
  throw error;
}

const attachable = (user: Actor, projectId: number, ids: number[]) =>
  ({
    id: { in: ids },
    uploadedById: user.id,
    projectId,
    attachedAt: null,
    withdrawnAt: null,
  }) satisfies Prisma.EvidenceFileWhereInput;

/**
 * Inside the write's transaction: attaches the user's uploads to the progress update, field report, milestone or
 * blocker just written, with their captions, and audits it. Throws EvidenceUnavailable (rolling the whole write back)
 * when a file was attached, withdrawn or is not the user's upload on this project, TooManyEvidenceFiles when a
 * milestone or blocker would hold more than MAX_FILES_PER_ENTRY files.
 */
export async function attachEvidence(
  tx: Prisma.TransactionClient,
  user: Actor,
  project: { id: number; oblastId: number | null },
  target: EvidenceTarget,
  items: TEvidenceItem[],
  context: { ip: string | null },
): Promise<void> {
  if (items.length === 0) return;
  // A milestone or blocker gathers files over many saves: the cap counts what it already holds.
  if ("milestoneId" in target || "blockerId" in target) {
    const held = await tx.evidenceFile.count({ where: { ...target, withdrawnAt: null } });
    if (held + items.length > MAX_FILES_PER_ENTRY) throw new TooManyEvidenceFiles();
  }
  const attachedAt = new Date();
  for (const item of items) {
    const updated = await tx.evidenceFile.updateMany({
      where: attachable(user, project.id, [item.id]),
      data: { ...target, attachedAt, ...(item.caption ? { caption: item.caption } : {}) },
    });
    if (updated.count !== 1) throw new EvidenceUnavailable();
  }
  await writeAudit(tx, {
    actorId: user.id,
    action: "evidence.attach",
    targetType: "project",
    targetId: String(project.id),
    oblastId: project.oblastId,
    after: { ...target, fileIds: items.map((item) => item.id) },
    ip: context.ip,
  });
}

/** Inside an acceptance's transaction: a field report's files become the evidence of the update it turned into. */
export async function carryEvidenceToUpdate(
  tx: Prisma.TransactionClient,
  fieldReportId: number,
  progressUpdateId: number,
): Promise<void> {
  await tx.evidenceFile.updateMany({ where: { fieldReportId }, data: { progressUpdateId } });
}

/**
 * Inside a submission's transaction: the files of the officer's pending report that a new report replaces move to the
 * new one, so the reviewers still see them (the replaced report is kept, without files). Returns how many moved.
 */
export async function carryEvidenceToReport(
  tx: Prisma.TransactionClient,
  fromFieldReportId: number,
  toFieldReportId: number,
): Promise<number> {
  const moved = await tx.evidenceFile.updateMany({
    where: { fieldReportId: fromFieldReportId, progressUpdateId: null },
    data: { fieldReportId: toFieldReportId },
  });
  return moved.count;
}
