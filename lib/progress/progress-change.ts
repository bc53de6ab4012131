import "server-only";
import type { Actor } from "../auth/permissions";
import { attachEvidence, carryEvidenceToUpdate } from "../evidence/attach-evidence";
import type { FieldErrors } from "../forms/field-errors";
import { Prisma } from "../generated/prisma/client";
import { todayInKazakhstan } from "./calendar";
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
  const oblastId = project.oblasts[0]?.oblastId ?? null;
  const date = (iso: string) => Prisma.sql`${iso}::date`;
  const actualFinish =
    change.status === "COMPLETED"
      ? Prisma.sql`, actual_finish = ${date(change.asOf)}`
      : project.status === "COMPLETED"
        ? Prisma.sql`, actual_finish = NULL`
        : Prisma.empty;
  // One statement, so a save is one round trip (recordProgress sends it on its own, as its own transaction): it
  // names the acting user for the detail-history trigger, moves the project on (only from `version`; no row means
  // someone saved first), appends the history row and the audit row. The triggers (roll-up deltas, notification
  // outbox, detail history) fire at its end; the roll-ups themselves change at commit.
  const [update] = await tx.$queryRaw<{ id: number }[]>`
    WITH actor AS (SELECT set_config('batys.actor_id', ${String(user.id)}, true) AS id),
    project AS (
      UPDATE projects SET status = ${change.status}::"ProjectStatus", percent_complete = ${change.percentComplete}::int,
        pause_reason = ${pauseReason}::"PauseReason", last_progress_as_of = ${date(change.asOf)},
        last_progress_at = ${new Date()}::timestamptz, version = version + 1, updated_at = now()
        ${change.quantityDone !== undefined ? Prisma.sql`, quantity_done = ${String(change.quantityDone)}::decimal` : Prisma.empty}
        ${change.forecastFinish ? Prisma.sql`, forecast_finish = ${date(change.forecastFinish)}` : Prisma.empty}
        ${change.status === "IN_PROGRESS" && !project.actualStart ? Prisma.sql`, actual_start = ${date(change.asOf)}` : Prisma.empty}
        ${actualFinish}
      WHERE id = ${project.id}::int AND version = ${change.version}::int AND withdrawn_at IS NULL
        AND (SELECT id FROM actor) IS NOT NULL
      RETURNING id
    ),
    history AS (
      INSERT INTO progress_updates (project_id, author_id, reported_by_id, status, previous_status, percent_complete,
        previous_percent, quantity_done, as_of, comment, evidence_url, pause_reason)
      SELECT id, ${user.id}::int, ${context.reportedById ?? null}::int, ${change.status}::"ProjectStatus",
        ${project.status}::"ProjectStatus", ${change.percentComplete}::int, ${project.percentComplete}::int,
        ${quantityDone === null ? null : String(quantityDone)}::decimal, ${date(change.asOf)}, ${change.comment ?? null},
        ${change.evidenceUrl ?? null}, ${pauseReason}::"PauseReason"
      FROM project
      RETURNING id
    ),
    audit AS (
      INSERT INTO audit_logs (actor_id, action, target_type, target_id, oblast_id, before, after, ip)
      SELECT ${user.id}::int, 'project.progress', 'project', ${String(project.id)}, ${oblastId}::int,
        ${JSON.stringify(before)}::jsonb, ${JSON.stringify(after)}::jsonb, ${context.ip}
      FROM history
    )
    SELECT id FROM history`;
  if (!update) throw new VersionConflict();
  const evidence = change.evidence ?? [];
  await attachEvidence(tx, user, { id: project.id, oblastId }, { progressUpdateId: update.id }, evidence, context);
  if (context.fieldReportId !== undefined) await carryEvidenceToUpdate(tx, context.fieldReportId, update.id);
  return { progressUpdateId: update.id, version: project.version + 1 };
}
