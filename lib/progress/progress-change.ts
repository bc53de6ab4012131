import "server-only";
import { writeAudit } from "../audit/write-audit";
import type { Actor } from "../auth/permissions";
import { attachEvidence, carryEvidenceToUpdate } from "../evidence/attach-evidence";
import { recordActor } from "../figures/detail-history";
import type { FieldErrors } from "../forms/field-errors";
import { Prisma } from "../generated/prisma/client";
import { dateFromIso, todayInKazakhstan } from "./calendar";
import type { TProgressChange } from "./progress-input";
import { progressChangeErrors } from "./progress-rules";
import { projectStateOf, type ProjectForChange } from "./project-for-change";

// A proposed progress change (`ZProgressChange`) has one rule check and one write path, here. The project form,
// the progress sheet and an accepted field report all write through `writeProgressChange`; a field report is checked
// with `checkProgressChange` when it is sent (so the officer sees what the ministry will be told) and again, as the
// rule, when it is accepted.

export type { TProgressChange } from "./progress-input";

/** Someone saved the project after the version the change was made on: nothing was written. */
export class VersionConflict extends Error {}

/** What stands in the way of a change on this project as it stands now: empty when it may be saved. */
export function checkProgressChange(project: ProjectForChange, change: TProgressChange): FieldErrors {
  return progressChangeErrors(projectStateOf(project), change, todayInKazakhstan());
}

/**
 * Writes one checked progress change inside the caller's transaction: the project's new current values (only on
 * `version` — otherwise VersionConflict), the history row, its evidence and the audit row. The evidence is the
 * user's uploads the change names (EvidenceUnavailable, rolling everything back, if one is no longer attachable) or,
 * for an accepted field report (`fieldReportId`), the report's files, carried over to the new update.
 */
export async function writeProgressChange(
  tx: Prisma.TransactionClient,
  user: Actor,
  project: ProjectForChange,
  change: TProgressChange & { version: number },
  context: { ip: string | null; reportedById?: number | null; fieldReportId?: number },
): Promise<{ progressUpdateId: number; version: number }> {
  const asOf = dateFromIso(change.asOf);
  const state = projectStateOf(project);
  const before = {
    ...state,
    version: project.version,
    quantityDone: project.quantityDone === null ? null : Number(project.quantityDone),
    pauseReason: project.pauseReason,
  };
  const quantityDone = change.quantityDone ?? before.quantityDone;
  const pauseReason = change.status === "PAUSED" ? (change.pauseReason ?? null) : null;
  if (change.status === "PAUSED" && !pauseReason) throw new Error("writeProgressChange: check the change first");
  const after = {
    version: project.version + 1,
    status: change.status,
    percentComplete: change.percentComplete,
    quantityDone,
    forecastFinish: change.forecastFinish ?? before.forecastFinish,
    pauseReason,
    asOf: change.asOf,
    comment: change.comment ?? null,
  };
  await recordActor(tx, user.id);
  const updated = await tx.project.updateMany({
    where: { id: project.id, version: change.version, withdrawnAt: null },
    data: {
      status: change.status,
      percentComplete: change.percentComplete,
      ...(change.quantityDone !== undefined ? { quantityDone: new Prisma.Decimal(change.quantityDone) } : {}),
      pauseReason: pauseReason as Prisma.ProjectUpdateManyMutationInput["pauseReason"],
      lastProgressAsOf: asOf,
      lastProgressAt: new Date(),
      ...(change.forecastFinish ? { forecastFinish: dateFromIso(change.forecastFinish) } : {}),
      ...(change.status === "IN_PROGRESS" && !project.actualStart ? { actualStart: asOf } : {}),
      ...(change.status === "COMPLETED"
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
      status: change.status,
      previousStatus: project.status,
      percentComplete: change.percentComplete,
      previousPercent: project.percentComplete,
      quantityDone: quantityDone === null ? null : new Prisma.Decimal(quantityDone),
      asOf,
      comment: change.comment ?? null,
      evidenceUrl: change.evidenceUrl ?? null,
      pauseReason: pauseReason as Prisma.ProgressUpdateUncheckedCreateInput["pauseReason"],
    },
  });
  const oblastId = project.oblasts[0]?.oblastId ?? null;
  const evidence = change.evidence ?? [];
  await attachEvidence(tx, user, { id: project.id, oblastId }, { progressUpdateId: update.id }, evidence, context);
  if (context.fieldReportId !== undefined) await carryEvidenceToUpdate(tx, context.fieldReportId, update.id);
  await writeAudit(tx, {
    actorId: user.id,
    action: "project.progress",
    targetType: "project",
    targetId: String(project.id),
    oblastId,
    before,
    after,
    ip: context.ip,
  });
  return { progressUpdateId: update.id, version: project.version + 1 };
}
