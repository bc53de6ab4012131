import "server-only";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { can, type Actor } from "../auth/permissions";
import { recordActor } from "../figures/detail-history";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { dateFromIso, isoDate } from "./calendar";
import { ZCalendarDate, ZComment, ZPastOrTodayDate, ZProjectCode } from "./progress-input";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { concurrentChanges, type ConcurrentChange, type ProgressSnapshot } from "./concurrent-changes";
import { oblastIdsOf, projectForChange } from "./project-for-change";

const emptyToNull = (value: unknown) => (value === "" || value === undefined ? null : value);
// The same strict date pieces as a progress change: impossible days refused, nothing before 2000, actual dates
// not in the future.
const ZOptionalDate = z.preprocess(emptyToNull, ZCalendarDate.nullable());
const ZOptionalPastDate = z.preprocess(emptyToNull, ZPastOrTodayDate.nullable());
/** An amount typed with spaces and a comma or a point; hex, exponents and other tricks are refused. */
const ZMoney = z.preprocess(
  (value) =>
    typeof value === "string"
      ? value.trim() === ""
        ? null
        : value.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".")
      : emptyToNull(value),
  z
    .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, "notANumber")], "notANumber")
    .pipe(z.coerce.number<string | number>("notANumber").finite("notANumber").min(0, "negative").max(1e16, "tooLarge"))
    .nullable(),
);

export const BUDGET_DEVIATION_NEEDING_NOTE = 0.05;

export const ZProjectDetailsInput = z.object({
  projectCode: ZProjectCode,
  version: z.coerce.number().int().positive(),
  responsibleOrganisation: z.preprocess(emptyToNull, z.string().trim().max(300, "tooLong").nullable()),
  baselineStart: ZOptionalDate,
  baselineFinish: ZOptionalDate,
  forecastStart: ZOptionalDate,
  forecastFinish: ZOptionalDate,
  actualStart: ZOptionalPastDate,
  actualFinish: ZOptionalPastDate,
  budgetBaseline: ZMoney,
  budgetForecast: ZMoney,
  budgetSpent: ZMoney,
  budgetNote: ZComment,
  confidence: z.preprocess(emptyToNull, z.enum(["GREEN", "AMBER", "RED"], "unknownConfidence").nullable()),
  confidenceReason: ZComment,
});
export type TProjectDetailsInput = z.infer<typeof ZProjectDetailsInput>;

export type UpdateDetailsResult =
  | { ok: true; version: number }
  | { ok: false; reason: "notFound" | "forbidden" | "withdrawn" }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors }
  | { ok: false; reason: "conflict"; current: ProgressSnapshot; changes: ConcurrentChange[] };

const DATE_FIELDS = [
  "baselineStart",
  "baselineFinish",
  "forecastStart",
  "forecastFinish",
  "actualStart",
  "actualFinish",
] as const;
const MONEY_FIELDS = ["budgetBaseline", "budgetForecast", "budgetSpent"] as const;

/** Responsible organisation, dates, budget and delivery confidence (ADMIN, MINISTRY), versioned and audited. */
export async function updateProjectDetails(
  user: Actor,
  rawInput: unknown,
  context: { ip: string | null },
): Promise<UpdateDetailsResult> {
  const parsed = ZProjectDetailsInput.safeParse(rawInput);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const input = parsed.data;
  const project = await projectForChange(user, input.projectCode);
  if (!project) return { ok: false, reason: "notFound" };
  if (!can(user, "project.editDetails", oblastIdsOf(project))) return { ok: false, reason: "forbidden" };
  if (project.withdrawnAt) return { ok: false, reason: "withdrawn" };
  if (project.version !== input.version)
    return { ok: false, reason: "conflict", ...(await concurrentChanges(project.id, input.version)) };

  const before: Record<string, string | number | null> = {
    responsibleOrganisation: project.responsibleOrganisation,
    confidence: project.confidence,
    confidenceReason: project.confidenceReason,
    budgetNote: project.budgetNote,
  };
  for (const field of DATE_FIELDS) before[field] = project[field] ? isoDate(project[field]) : null;
  for (const field of MONEY_FIELDS) before[field] = project[field] === null ? null : Number(project[field]);

  const errors: FieldErrors = {};
  // The baseline is the promise the project started with: once work has begun it no longer moves.
  const baselineFrozen =
    project.status === "IN_PROGRESS" || project.status === "COMPLETED" || project.actualStart !== null;
  for (const field of ["baselineStart", "baselineFinish"] as const) {
    if (baselineFrozen && before[field] !== null && input[field] !== before[field]) errors[field] = "baselineFrozen";
  }
  for (const [start, finish] of [
    ["baselineStart", "baselineFinish"],
    ["forecastStart", "forecastFinish"],
    ["actualStart", "actualFinish"],
  ] as const) {
    if (input[start] && input[finish] && input[finish]! < input[start]!) errors[finish] = "finishBeforeStart";
  }
  const budgetChanged =
    input.budgetBaseline !== before.budgetBaseline || input.budgetForecast !== before.budgetForecast;
  if (budgetChanged && input.budgetBaseline && input.budgetForecast !== null) {
    const deviation = Math.abs(input.budgetForecast - input.budgetBaseline) / input.budgetBaseline;
    if (deviation > BUDGET_DEVIATION_NEEDING_NOTE && !input.budgetNote) errors.budgetNote = "budgetNoteRequired";
  }
  if (input.confidence !== before.confidence && input.confidence !== null && !input.confidenceReason)
    errors.confidenceReason = "confidenceReasonRequired";
  if (Object.keys(errors).length > 0) return { ok: false, reason: "invalid", fieldErrors: errors };

  const after: Record<string, string | number | null> = {
    responsibleOrganisation: input.responsibleOrganisation,
    confidence: input.confidence,
    confidenceReason:
      input.confidence !== before.confidence
        ? (input.confidenceReason ?? null)
        : (input.confidenceReason ?? project.confidenceReason),
    budgetNote: input.budgetNote ?? project.budgetNote,
  };
  for (const field of DATE_FIELDS) after[field] = input[field];
  for (const field of MONEY_FIELDS) after[field] = input[field];
  const changed = Object.keys(after).filter((key) => after[key] !== before[key]);
  if (changed.length === 0) return { ok: true, version: project.version };

  const data: Prisma.ProjectUpdateManyMutationInput = {
    responsibleOrganisation: input.responsibleOrganisation,
    confidence: input.confidence,
    confidenceReason: after.confidenceReason as string | null,
    budgetNote: after.budgetNote as string | null,
    version: { increment: 1 },
  };
  for (const field of DATE_FIELDS) data[field] = input[field] ? dateFromIso(input[field]!) : null;
  for (const field of MONEY_FIELDS) data[field] = input[field] === null ? null : new Prisma.Decimal(input[field]!);

  const saved = await prisma.$transaction(async (tx) => {
    await recordActor(tx, user.id);
    const updated = await tx.project.updateMany({
      where: { id: project.id, version: input.version, withdrawnAt: null },
      data,
    });
    if (updated.count === 0) return false;
    await writeAudit(tx, {
      actorId: user.id,
      action: "project.details",
      targetType: "project",
      targetId: String(project.id),
      oblastId: project.oblasts[0]?.oblastId ?? null,
      before: Object.fromEntries(changed.map((key) => [key, before[key] ?? null])),
      after: { ...Object.fromEntries(changed.map((key) => [key, after[key] ?? null])), version: project.version + 1 },
      ip: context.ip,
    });
    return true;
  });
  if (!saved) return { ok: false, reason: "conflict", ...(await concurrentChanges(project.id, input.version)) };
  return { ok: true, version: project.version + 1 };
}
