import "server-only";
import { writeAudit } from "../audit/write-audit";
import { can, projectScope, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import type { z } from "zod";
import { storeFieldReport } from "../field-reports/submit-field-report";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import type { Prisma } from "../generated/prisma/client";
import { localizedName, type Locale } from "../i18n/locales";
import { isoDate } from "./calendar";
import { checkProgressChange, VersionConflict, writeProgressChange } from "./progress-change";
import {
  type TFieldReportInput,
  type TRecordProgressInput,
  ZFieldReportInput,
  ZRecordProgressInput,
} from "./progress-input";
import { rowKey, type SheetRow } from "./progress-sheet";

// Many updates at once, from a filled-in progress sheet. Ministry staff and admins record progress; an akimat
// officer's sheet becomes field reports on their oblast's projects, for the ministry to review. Every row passes
// the same checks as the matching form on the project page (the one progress change schema and rule check, the
// permission, the version), goes through the same write path, and the rows
// are saved all together in one transaction or not at all: a sheet with one bad row changes nothing.

export type RowOutcome =
  | "update"
  | "unchanged"
  | "invalid"
  | "conflict"
  | "notFound"
  | "forbidden"
  | "duplicate"
  | "withdrawn";
type Values = { status: string; percentComplete: number; quantityDone: number | null };
export type RowResult = {
  line: number;
  code: string;
  name: string | null;
  outcome: RowOutcome;
  errors?: FieldErrors;
  before?: Values;
  after?: Values;
};
/** "progress": rows became progress updates; "fieldReports": rows became field reports awaiting review. */
export type SheetTarget = "progress" | "fieldReports";
export type ImportReport = {
  mode: "check" | "apply";
  target: SheetTarget;
  applied: boolean;
  rows: RowResult[];
  counts: Record<RowOutcome, number>;
};
export type ImportProgress = (phase: "check" | "apply", done: number, total: number) => void;
/** What the upload route streams to the page, one JSON line each. */
export type SheetEvent =
  | { type: "progress"; phase: "check" | "apply"; done: number; total: number }
  | { type: "error"; message: string }
  | { type: "result"; report: ImportReport };

type ProjectForWrite = Prisma.ProjectGetPayload<{ include: { oblasts: true } }>;
type Parsed<T> = { ok: true; input: T } | { ok: false; errors: FieldErrors };

/** How one kind of user's sheet rows are read, checked and written. */
type Target<T extends { status: string; percentComplete: number; quantityDone?: number | undefined }> = {
  name: SheetTarget;
  action: "project.recordProgress" | "fieldReport.submit";
  parse(row: SheetRow): Parsed<T>;
  /** Progress updates are refused on a version someone else has saved since; field reports are reviewed later. */
  stale(input: T, project: ProjectForWrite): boolean;
  errors(project: ProjectForWrite, input: T): FieldErrors;
  write(
    tx: Prisma.TransactionClient,
    user: Actor,
    project: ProjectForWrite,
    input: T,
    ip: string | null,
  ): Promise<void>;
};

// A pause reason left over from the downloaded sheet means nothing once the status is no longer "paused".
function parseRow<S extends z.ZodType<{ projectCode: string }>>(
  schema: S,
  row: SheetRow,
): Parsed<Omit<z.output<S>, "projectCode">> {
  const result = schema.safeParse({ ...row, pauseReason: row.status === "PAUSED" ? row.pauseReason : "" });
  if (!result.success) return { ok: false, errors: fieldErrorsOf(result.error) };
  const { projectCode: _code, ...input } = result.data;
  return { ok: true, input };
}

const PROGRESS: Target<Omit<TRecordProgressInput, "projectCode">> = {
  name: "progress",
  action: "project.recordProgress",
  parse: (row) => parseRow(ZRecordProgressInput, row),
  stale: (input, project) => input.version !== project.version,
  errors: (project, input) => checkProgressChange(project, input),
  write: async (tx, user, project, input, ip) => {
    await writeProgressChange(tx, user, project, input, { ip });
  },
};

const FIELD_REPORTS: Target<Omit<TFieldReportInput, "projectCode">> = {
  name: "fieldReports",
  action: "fieldReport.submit",
  parse: (row) => parseRow(ZFieldReportInput, row),
  stale: () => false,
  errors: (project, input) => checkProgressChange(project, input),
  write: async (tx, user, project, input, ip) => {
    await storeFieldReport(tx, user, project, input, { ip });
  },
};

/** What a user's sheet becomes: progress updates, field reports, or nothing (null) for a role that does neither. */
export function sheetTargetFor(user: Actor): SheetTarget | null {
  if (can(user, PROGRESS.action)) return PROGRESS.name;
  if (can(user, FIELD_REPORTS.action)) return FIELD_REPORTS.name;
  return null;
}

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
    (row.forecastFinish === "" ||
      row.forecastFinish === (project.forecastFinish ? isoDate(project.forecastFinish) : "")) &&
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
 * Checks a progress sheet and, in "apply" mode and only when every row passes, saves all its rows in one
 * transaction (each with its audit row) and one audit row for the whole sheet.
 */
export async function importProgressSheet(
  user: Actor,
  rows: SheetRow[],
  options: {
    mode: "check" | "apply";
    locale: Locale;
    fileName: string;
    ip: string | null;
    onProgress?: ImportProgress;
  },
): Promise<ImportReport> {
  const targetName = sheetTargetFor(user);
  if (!targetName) throw new Error("importProgressSheet: the caller must check the permission first");
  return targetName === "progress"
    ? importWith(PROGRESS, user, rows, options)
    : importWith(FIELD_REPORTS, user, rows, options);
}

async function importWith<T extends { status: string; percentComplete: number; quantityDone?: number | undefined }>(
  target: Target<T>,
  user: Actor,
  rows: SheetRow[],
  options: {
    mode: "check" | "apply";
    locale: Locale;
    fileName: string;
    ip: string | null;
    onProgress?: ImportProgress;
  },
): Promise<ImportReport> {
  const report = (results: RowResult[], applied: boolean): ImportReport => {
    const counts = {
      update: 0,
      unchanged: 0,
      invalid: 0,
      conflict: 0,
      notFound: 0,
      forbidden: 0,
      duplicate: 0,
      withdrawn: 0,
    };
    for (const result of results) counts[result.outcome]++;
    return { mode: options.mode, target: target.name, applied, rows: results, counts };
  };

  const projects = new Map(
    (
      await prisma.project.findMany({
        where: {
          AND: [projectScope(user), { code: { in: [...new Set(rows.map((row) => row.projectCode))] } }],
        },
        include: { oblasts: true },
      })
    ).map((project) => [project.code, project]),
  );
  const results: RowResult[] = [];
  const planned: { line: number; project: ProjectForWrite; input: T }[] = [];
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    options.onProgress?.("check", index + 1, rows.length);
    const project = projects.get(row.projectCode);
    const base = {
      line: row.line,
      code: row.projectCode,
      name: project ? localizedName(project, options.locale) : null,
    };
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
    if (project.withdrawnAt) {
      results.push({ ...base, outcome: "withdrawn" });
      continue;
    }
    if (!can(user, target.action, { oblastIds: project.oblasts.map((link) => link.oblastId) })) {
      results.push({ ...base, outcome: "forbidden" });
      continue;
    }
    const parsed = target.parse(row);
    if (!parsed.ok) {
      results.push({ ...base, outcome: "invalid", errors: parsed.errors });
      continue;
    }
    const { input } = parsed;
    const before = valuesOf(project);
    const after = {
      status: input.status,
      percentComplete: input.percentComplete,
      quantityDone: input.quantityDone ?? before.quantityDone,
    };
    if (target.stale(input, project)) {
      results.push({ ...base, outcome: "conflict", before, after });
      continue;
    }
    const errors = target.errors(project, input);
    if (Object.keys(errors).length > 0) {
      results.push({ ...base, outcome: "invalid", errors, before, after });
      continue;
    }
    results.push({ ...base, outcome: "update", before, after });
    planned.push({ line: row.line, project, input });
  }

  const clean = results.every((result) => result.outcome === "update" || result.outcome === "unchanged");
  if (options.mode === "check" || !clean || planned.length === 0) return report(results, false);

  try {
    await prisma.$transaction(
      async (tx) => {
        for (const [index, update] of planned.entries()) {
          try {
            await target.write(tx, user, update.project, update.input, options.ip);
          } catch (error) {
            throw error instanceof VersionConflict ? new SheetConflict(update.line) : error;
          }
          options.onProgress?.("apply", index + 1, planned.length);
        }
        await writeAudit(tx, {
          actorId: user.id,
          action: target.name === "progress" ? "project.progressSheet" : "fieldReport.sheet",
          targetType: "sheet",
          targetId: options.fileName.slice(0, 200),
          oblastId: user.oblastId,
          after: { rows: rows.length, saved: planned.length, projects: planned.map((update) => update.project.code) },
          ip: options.ip,
        });
      },
      // A whole catalog is about 1 200 rows of a few statements each (about 4 s measured).
      { timeout: 5 * 60_000, maxWait: 10_000 },
    );
  } catch (error) {
    if (!(error instanceof SheetConflict)) throw error;
    // Someone saved one of these projects between the check and the save: nothing was written.
    return report(
      results.map((result) => (result.line === error.line ? { ...result, outcome: "conflict" as const } : result)),
      false,
    );
  }
  return report(results, true);
}
