import "server-only";
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import { EVIDENCE_UNAVAILABLE, EvidenceUnavailable } from "../evidence/attach-evidence";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { concurrentChanges, type ConcurrentChange, type ProgressSnapshot } from "./concurrent-changes";
import { checkProgressChange, VersionConflict, writeProgressChange } from "./progress-change";
import { ZRecordProgressInput } from "./progress-input";
import { oblastIdsOf, projectForChange } from "./project-for-change";

export { ZRecordProgressInput, type TRecordProgressInput } from "./progress-input";

export type RecordProgressResult =
  | { ok: true; version: number }
  | { ok: false; reason: "notFound" | "forbidden" | "withdrawn" }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors }
  | { ok: false; reason: "conflict"; current: ProgressSnapshot; changes: ConcurrentChange[] };

/**
 * Records one progress change (ADMIN, MINISTRY). Each save is one transaction; if someone saved first, nothing is
 * written and the caller gets what changed since the form was loaded.
 */
export async function recordProgress(
  user: Actor,
  rawInput: unknown,
  context: { ip: string | null } = { ip: null },
): Promise<RecordProgressResult> {
  const parsed = ZRecordProgressInput.safeParse(rawInput);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const { projectCode, ...change } = parsed.data;
  const project = await projectForChange(user, projectCode);
  if (!project) return { ok: false, reason: "notFound" };
  if (!can(user, "project.recordProgress", oblastIdsOf(project))) return { ok: false, reason: "forbidden" };
  if (project.withdrawnAt) return { ok: false, reason: "withdrawn" };
  if (project.version !== change.version)
    return { ok: false, reason: "conflict", ...(await concurrentChanges(project.id, change.version)) };
  const errors = checkProgressChange(project, change);
  if (Object.keys(errors).length > 0) return { ok: false, reason: "invalid", fieldErrors: errors };
  try {
    // Without evidence the write is one statement, sent on its own (its own transaction: one round trip, and the
    // roll-up rows it shares with other writers are locked only for the moment of its commit); with evidence, the
    // files are attached in the same transaction after it.
    const result = change.evidence?.length
      ? await prisma.$transaction((tx) => writeProgressChange(tx, user, project, change, context))
      : await writeProgressChange(prisma, user, project, change, context);
    return { ok: true, version: result.version };
  } catch (error) {
    if (error instanceof VersionConflict)
      return { ok: false, reason: "conflict", ...(await concurrentChanges(project.id, change.version)) };
    if (error instanceof EvidenceUnavailable)
      return { ok: false, reason: "invalid", fieldErrors: EVIDENCE_UNAVAILABLE };
    throw error;
  }
}
