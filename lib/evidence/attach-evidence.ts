import "server-only";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import type { Actor } from "../auth/permissions";
import { prisma } from "../db";
import type { FieldErrors } from "../forms/field-errors";
import type { Prisma } from "../generated/prisma/client";
import { MAX_CAPTION_LENGTH, MAX_FILES_PER_ENTRY } from "./limits";

// How a form's uploaded files join what the form saves. The form sends `evidenceFileIds` ("12,13" or an array)
// and, per file, `evidenceCaption.<id>`. The write path checks them before its transaction (checkEvidence) and
// attaches them inside it (attachEvidence), so the update and its evidence land together or not at all.

export type EvidenceItem = { id: number; caption: string | null };

const ZIds = z.preprocess(
  (value) =>
    value === undefined || value === null || value === ""
      ? []
      : typeof value === "string"
        ? value.split(",").map((part) => part.trim())
        : value,
  z.array(z.coerce.number().int().positive()).max(MAX_FILES_PER_ENTRY, "tooManyFiles"),
);
const ZCaption = z.preprocess(
  (value) => (typeof value === "string" ? value.trim() || null : null),
  z.string().max(MAX_CAPTION_LENGTH, "tooLong").nullable(),
);

/** The evidence a raw form names, or the field error to show beside the picker. */
export function parseEvidenceInput(
  raw: unknown,
): { ok: true; items: EvidenceItem[] } | { ok: false; fieldErrors: FieldErrors } {
  const fields = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const ids = ZIds.safeParse(fields.evidenceFileIds);
  if (!ids.success) return { ok: false, fieldErrors: { evidenceFileIds: ids.error.issues[0]?.message ?? "invalid" } };
  const items: EvidenceItem[] = [];
  for (const id of new Set(ids.data)) {
    const caption = ZCaption.safeParse(fields[`evidenceCaption.${id}`]);
    if (!caption.success) return { ok: false, fieldErrors: { evidenceFileIds: "tooLong" } };
    items.push({ id, caption: caption.data });
  }
  return { ok: true, items };
}

/** Thrown inside a write's transaction when a file is no longer the user's unattached upload on this project. */
export class EvidenceUnavailable extends Error {}

const attachable = (user: Actor, projectId: number, ids: number[]) =>
  ({
    id: { in: ids },
    uploadedById: user.id,
    projectId,
    attachedAt: null,
    withdrawnAt: null,
  }) satisfies Prisma.EvidenceFileWhereInput;

/** Before the transaction: every named file must be the user's own unattached upload on this project. */
export async function checkEvidence(user: Actor, projectId: number, items: EvidenceItem[]): Promise<FieldErrors> {
  if (items.length === 0) return {};
  const found = await prisma.evidenceFile.count({
    where: attachable(
      user,
      projectId,
      items.map((item) => item.id),
    ),
  });
  return found === items.length ? {} : { evidenceFileIds: "evidenceUnavailable" };
}

/**
 * Inside the write's transaction: attaches the user's uploads to the progress update or field report just written,
 * with their captions, and audits it. Throws EvidenceUnavailable (rolling the whole write back) when a file was
 * attached, withdrawn or is not the user's upload on this project.
 */
export async function attachEvidence(
  tx: Prisma.TransactionClient,
  user: Actor,
  project: { id: number; oblastId: number | null },
  target: { progressUpdateId: number } | { fieldReportId: number },
  items: EvidenceItem[],
  context: { ip: string | null },
): Promise<void> {
  if (items.length === 0) return;
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
