import "server-only";
import { writeAudit } from "../audit/write-audit";
import { markProjectsChanged } from "../cache/aggregate-cache";
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { dateFromIso, isoDate, todayInKazakhstan } from "./calendar";
import { ZRecordProgressInput, type TRecordProgressInput } from "./progress-input";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { progressErrors } from "./progress-rules";
import { attachEvidence, checkEvidence, EvidenceUnavailable, parseEvidenceInput } from "../evidence/attach-evidence";

export { ZRecordProgressInput, type TRecordProgressInput } from "./progress-input";

/** What someone else changed since the form was loaded, for the conflict message. */
export type ConcurrentChange = { at: string; actor: string | null; action: string; after: Record<string, unknown> };
export type ProgressSnapshot = {
  version: number;
  status: string;
  percentComplete: number;
  quantityDone: number | null;
  lastProgressAsOf: string | null;
};

export type RecordProgressResult =
  | { ok: true; version: number }
  | { ok: false; reason: "notFound" | "forbidden" }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors }
  | { ok: false; reason: "conflict"; current: ProgressSnapshot; changes: ConcurrentChange[] };

/** The project's current values and the audited changes made after `sinceVersion`. */
export async function concurrentChanges(
  projectId: number,
  sinceVersion: number,
): Promise<{ current: ProgressSnapshot; changes: ConcurrentChange[] }> {
  const project = await prisma.project.findUniqueOrThrow({ where: { id: projectId } });
  const entries = await prisma.auditLog.findMany({
    where: { targetType: "project", targetId: String(projectId), after: { path: ["version"], gt: sinceVersion } },
    orderBy: { at: "asc" },
    include: { actor: { select: { name: true } } },
    take: 20,
  });
  return {
    current: {
      version: project.version,
      status: project.status,
      percentComplete: project.percentComplete,
      quantityDone: project.quantityDone === null ? null : Number(project.quantityDone),
      lastProgressAsOf: project.lastProgressAsOf ? isoDate(project.lastProgressAsOf) : null,
    },
    changes: entries.map((entry) => ({
      at: entry.at.toISOString(),
      actor: entry.actor?.name ?? null,
      action: entry.action,
      after: (entry.after ?? {}) as Record<string, unknown>,
    })),
  };
}

type ProjectForWrite = Prisma.ProjectGetPayload<{ include: { oblasts: true } }>;
type ValidProgress = Omit<TRecordProgressInput, "projectCode">;

export class VersionConflict extends Error {}

function stateOf(project: ProjectForWrite) {
  return {
    status: project.status,
    percentComplete: project.percentComplete,
    plannedQuantity: project.plannedQuantity === null ? null : Number(project.plannedQuantity),
    unit: project.unit,
    lastProgressAsOf: project.lastProgressAsOf ? isoDate(project.lastProgressAsOf) : null,
    forecastFinish: project.forecastFinish ? isoDate(project.forecastFinish) : null,
  };
}

/** The rules of a progress update against the project as it stands; empty when the update may be saved. */
export function progressErrorsFor(project: ProjectForWrite, input: ValidProgress): FieldErrors {
  return progressErrors(stateOf(project), input, todayInKazakhstan());
}

/**
 * Writes one validated progress update inside the caller's transaction: the project's new current values (only
 * on the version the form was loaded with — otherwise VersionConflict), the history row and the audit row.
 */
export async function applyProgress(
  tx: Prisma.TransactionClient,
  user: Actor,
  project: ProjectForWrite,
  input: ValidProgress,
  context: { ip: string | null; reportedById?: number | null },
): Promise<{ progressUpdateId: number; version: number }> {
  const asOf = dateFromIso(input.asOf);
  const before = {
    ...stateOf(project),
    version: project.version,
    quantityDone: project.quantityDone === null ? null : Number(project.quantityDone),
  };
  const quantityDone = input.quantityDone ?? before.quantityDone;
  const after = {
    version: project.version + 1,
    status: input.status,
    percentComplete: input.percentComplete,
    quantityDone,
    forecastFinish: input.forecastFinish ?? before.forecastFinish,
    asOf: input.asOf,
    comment: input.comment ?? null,
  };
  await markProjectsChanged(tx);
  const updated = await tx.project.updateMany({
    where: { id: project.id, version: input.version },
    data: {
      status: input.status,
      percentComplete: input.percentComplete,
      ...(input.quantityDone !== undefined ? { quantityDone: new Prisma.Decimal(input.quantityDone) } : {}),
      pauseReason: input.status === "PAUSED" ? input.pauseReason! : null,
      lastProgressAsOf: asOf,
      lastProgressAt: new Date(),
      ...(input.forecastFinish ? { forecastFinish: dateFromIso(input.forecastFinish) } : {}),
      ...(input.status === "IN_PROGRESS" && !project.actualStart ? { actualStart: asOf } : {}),
      ...(input.status === "COMPLETED"
        ? { actualFinish: asOf }
        : project.status === "COMPLETED"
          ? { actualFinish: null }
          : {}),
      version: { increment: 1 },
    },
  });
  if (updated.count === 0) throw new VersionConflict();
  const update = await tx.progressUpdate.create({
    data: {
      projectId: project.id,
      authorId: user.id,
      reportedById: context.reportedById ?? null,
      status: input.status,
      previousStatus: project.status,
      percentComplete: input.percentComplete,
      previousPercent: project.percentComplete,
      quantityDone: quantityDone === null ? null : new Prisma.Decimal(quantityDone),
      asOf,
      comment: input.comment ?? null,
      evidenceUrl: input.evidenceUrl ?? null,
      pauseReason: input.status === "PAUSED" ? input.pauseReason! : null,
    },
  });
  await writeAudit(tx, {
    actorId: user.id,
    action: "project.progress",
    targetType: "project",
    targetId: String(project.id),
    oblastId: project.oblasts[0]?.oblastId ?? null,
    before,
    after,
    ip: context.ip,
  });
  return { progressUpdateId: update.id, version: project.version + 1 };
}

/** Loads a project for a write by someone who may see it; null when it does not exist for them (a 404). */
export async function projectForWrite(user: Actor, code: string): Promise<ProjectForWrite | null> {
  const project = await prisma.project.findUnique({ where: { code }, include: { oblasts: true } });
  if (!project || !can(user, "project.view", { oblastIds: project.oblasts.map((link) => link.oblastId) })) return null;
  return project;
}

export const oblastIdsOf = (project: ProjectForWrite) => ({ oblastIds: project.oblasts.map((link) => link.oblastId) });

/**
 * Records one progress update (ADMIN, MINISTRY). Each save is one transaction; if someone saved first, nothing is
 * written and the caller gets what changed since the form was loaded.
 */
export async function recordProgress(
  user: Actor,
  rawInput: unknown,
  context: { ip: string | null } = { ip: null },
): Promise<RecordProgressResult> {
  const parsed = ZRecordProgressInput.safeParse(rawInput);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const evidence = parseEvidenceInput(rawInput);
  if (!evidence.ok) return { ok: false, reason: "invalid", fieldErrors: evidence.fieldErrors };
  const { projectCode, ...input } = parsed.data;
  const project = await projectForWrite(user, projectCode);
  if (!project) return { ok: false, reason: "notFound" };
  if (!can(user, "project.recordProgress", oblastIdsOf(project))) return { ok: false, reason: "forbidden" };
  if (project.version !== input.version)
    return { ok: false, reason: "conflict", ...(await concurrentChanges(project.id, input.version)) };
  const errors = { ...progressErrorsFor(project, input), ...(await checkEvidence(user, project.id, evidence.items)) };
  if (Object.keys(errors).length > 0) return { ok: false, reason: "invalid", fieldErrors: errors };
  try {
    const result = await prisma.$transaction(async (tx) => {
      const applied = await applyProgress(tx, user, project, input, context);
      const target = { id: project.id, oblastId: project.oblasts[0]?.oblastId ?? null };
      await attachEvidence(tx, user, target, { progressUpdateId: applied.progressUpdateId }, evidence.items, context);
      return applied;
    });
    return { ok: true, version: result.version };
  } catch (error) {
    if (error instanceof VersionConflict)
      return { ok: false, reason: "conflict", ...(await concurrentChanges(project.id, input.version)) };
    if (error instanceof EvidenceUnavailable)
      return { ok: false, reason: "invalid", fieldErrors: { evidenceFileIds: "evidenceUnavailable" } };
    throw error;
  }
}
