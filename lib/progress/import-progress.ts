import "server-only";
import { writeAudit } from "../audit/write-audit";
import { can, projectScope, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { localizedName, type Locale } from "../i18n/locales";
import type { Prisma } from "../generated/prisma/client";
import { isoDate } from "./calendar";
import { ZRecordProgressInput, type TRecordProgressInput } from "./progress-input";
import { rowKey, type SheetRow } from "./progress-sheet";
import { applyProgress, progressErrorsFor, VersionConflict } from "./record-progress";

// Many progress updates at once, from a filled-in progress sheet. Every row passes the same checks as the form on
// the project page (input schema, permission, lifecycle rules, version), and the rows are saved all together in
// one transaction or not at all: a sheet with one bad row changes nothing.

export type RowOutcome = "update" | "unchanged" | "invalid" | "conflict" | "notFound" | "forbidden" | "duplicate";
type Values = { status: string; percentComplete: number; quantityDone: number | null };
export type RowResult = { line: number; code: string; name: string | null; outcome: RowOutcome; errors?: FieldErrors; before?: Values; after?: Values };
export type ImportReport = { mode: "check" | "apply"; applied: boolean; rows: RowResult[]; counts: Record<RowOutcome, number> };
export type ImportProgress = (phase: "check" | "apply", done: number, total: number) => void;
/** What the upload route streams to the page, one JSON line each. */
export type SheetEvent = { type: "progress"; phase: "check" | "apply"; done: number; total: number } | { type: "error"; message: string } | { type: "result"; report: ImportReport };

type ProjectForWrite = Prisma.ProjectGetPayload<{ include: { oblasts: true } }>;
type PlannedUpdate = { line: number; project: ProjectForWrite; input: Omit<TRecordProgressInput, "projectCode"> };

const valuesOf = (project: ProjectForWrite): Values => ({
  status: project.status,
  percentComplete: project.percentComplete,
  quantityDone: project.quantityDone === null ? null : Number(project.quantityDone),
});

/** The row as downloaded, when its values still match the key written beside them, or match the project now. */
function untouched(row: SheetRow, project: ProjectForWrite): boolean {
  if (row.rowKey && row.rowKey === rowKey(row)) return true;
  const current = valuesOf(project);
  return (
    row.version === String(project.version) &&
    row.status === current.status &&
    Number(row.percentComplete) === current.percentComplete &&
    (row.quantityDone === "" || Number(row.quantityDone.replace(",", ".")) === current.quantityDone) &&
    (row.forecastFinish === "" || row.forecastFinish === (project.forecastFinish ? isoDate(project.forecastFinish) : "")) &&
    row.comment === "" &&
    row.evidenceUrl === ""
  );
}

class SheetConflict extends Error {
  constructor(readonly line: number) {
    super(`row ${line}: the project changed while the sheet was being saved`);
  }
}

/**
 * Checks a progress sheet and, in "apply" mode and only when every row passes, saves all its updates in one
 * transaction with an audit row for each and one for the whole sheet.
 */
export async function importProgressSheet(
  user: Actor,
  rows: SheetRow[],
  options: { mode: "check" | "apply"; locale: Locale; fileName: string; ip: string | null; onProgress?: ImportProgress },
): Promise<ImportReport> {
  if (!can(user, "project.recordProgress")) throw new Error("importProgressSheet: the caller must check the permission first");
  const report = (results: RowResult[], applied: boolean): ImportReport => {
    const counts = { update: 0, unchanged: 0, invalid: 0, conflict: 0, notFound: 0, forbidden: 0, duplicate: 0 };
    for (const result of results) counts[result.outcome]++;
    return { mode: options.mode, applied, rows: results, counts };
  };

  const projects = new Map(
    (
      await prisma.project.findMany({
        where: { AND: [projectScope(user), { code: { in: [...new Set(rows.map((row) => row.projectCode))] } }, { withdrawnAt: null }] },
        include: { oblasts: true },
      })
    ).map((project) => [project.code, project]),
  );
  const results: RowResult[] = [];
  const planned: PlannedUpdate[] = [];
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    options.onProgress?.("check", index + 1, rows.length);
    const project = projects.get(row.projectCode);
    const base = { line: row.line, code: row.projectCode, name: project ? localizedName(project, options.locale) : null };
    if (!project) {
      results.push({ ...base, outcome: "notFound" });
      continue;
    }
    if (seen.has(project.code)) {
      results.push({ ...base, outcome: "duplicate" });
      continue;
    }
    seen.add(project.code);
    if (untouched(row, project)) {
      results.push({ ...base, outcome: "unchanged" });
      continue;
    }
    if (!can(user, "project.recordProgress", { oblastIds: project.oblasts.map((link) => link.oblastId) })) {
      results.push({ ...base, outcome: "forbidden" });
      continue;
    }
    const parsed = ZRecordProgressInput.safeParse({
      ...row,
      // A pause reason left over from the downloaded sheet means nothing once the status is no longer "paused".
      pauseReason: row.status === "PAUSED" ? row.pauseReason : "",
    });
    if (!parsed.success) {
      results.push({ ...base, outcome: "invalid", errors: fieldErrorsOf(parsed.error) });
      continue;
    }
    const { projectCode: _code, ...input } = parsed.data;
    const after = { status: input.status, percentComplete: input.percentComplete, quantityDone: input.quantityDone ?? valuesOf(project).quantityDone };
    if (input.version !== project.version) {
      results.push({ ...base, outcome: "conflict", before: valuesOf(project), after });
      continue;
    }
    const errors = progressErrorsFor(project, input);
    if (Object.keys(errors).length > 0) {
      results.push({ ...base, outcome: "invalid", errors, before: valuesOf(project), after });
      continue;
    }
    results.push({ ...base, outcome: "update", before: valuesOf(project), after });
    planned.push({ line: row.line, project, input });
  }

  const clean = results.every((result) => result.outcome === "update" || result.outcome === "unchanged");
  if (options.mode === "check" || !clean || planned.length === 0) return report(results, false);

  try {
    await prisma.$transaction(
      async (tx) => {
        for (const [index, update] of planned.entries()) {
          try {
            await applyProgress(tx, user, update.project, update.input, { ip: options.ip });
          } catch (error) {
            throw error instanceof VersionConflict ? new SheetConflict(update.line) : error;
          }
          options.onProgress?.("apply", index + 1, planned.length);
        }
        await writeAudit(tx, {
          actorId: user.id,
          action: "project.progressSheet",
          targetType: "sheet",
          targetId: options.fileName.slice(0, 200),
          after: { rows: rows.length, updated: planned.length, projects: planned.map((update) => update.project.code) },
          ip: options.ip,
        });
      },
      // A whole catalog is about 1 200 rows of a few statements each.
      { timeout: 5 * 60_000, maxWait: 10_000 },
    );
  } catch (error) {
    if (!(error instanceof SheetConflict)) throw error;
    // Someone saved one of these projects between the check and the save: nothing was written.
    return report(results.map((result) => (result.line === error.line ? { ...result, outcome: "conflict" as const } : result)), false);
  }
  return report(results, true);
}
