import "server-only";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { type Actor, can } from "../auth/permissions";
import { prisma } from "../db";
import { type FieldErrors, fieldErrorsOf } from "../forms/field-errors";
import type { MilestoneStatus, MilestoneType } from "../generated/prisma/enums";
import { dateFromIso, isoDate } from "../progress/calendar";
import { oblastIdsOf, projectForChange as projectForWrite } from "../progress/project-for-change";
import { PROJECT_CODE_PATTERN } from "../reference-data";
import { ZId, ZOptionalDay, ZOptionalPastDay, ZOptionalText, ZOptionalUrl } from "./schedule-input";
import { slipDays } from "./slip";

/** The standard milestones (OC4IDS milestone types as a guide), in delivery order; CUSTOM takes a title. */
export const MILESTONE_TYPES = [
  "DESIGN_APPROVED",
  "FINANCING_SECURED",
  "LAND_ALLOCATED",
  "CONTRACT_SIGNED",
  "CONSTRUCTION_STARTED",
  "COMMISSIONED",
  "HANDED_OVER",
  "CUSTOM",
] as const satisfies readonly MilestoneType[];
export const MILESTONE_STATUSES = [
  "SCHEDULED",
  "MET",
  "MISSED",
  "PARTIALLY_MET",
] as const satisfies readonly MilestoneStatus[];

export const ZMilestoneInput = z
  .object({
    projectCode: z.string().regex(PROJECT_CODE_PATTERN, "unknownProject"),
    milestoneId: z.preprocess((value) => (value === "" ? undefined : value), ZId.optional()),
    version: z.preprocess((value) => (value === "" ? undefined : value), ZId.optional()),
    type: z.enum(MILESTONE_TYPES, "required"),
    title: ZOptionalText(200),
    baselineDate: ZOptionalDay,
    forecastDate: ZOptionalDay,
    actualDate: ZOptionalPastDay,
    status: z.enum(MILESTONE_STATUSES, "required"),
    evidenceUrl: ZOptionalUrl,
    reason: ZOptionalText(2000),
  })
  .superRefine((input, context) => {
    if (input.type === "CUSTOM" && !input.title)
      context.addIssue({ code: "custom", path: ["title"], message: "required" });
    if ((input.status === "MET" || input.status === "PARTIALLY_MET") && !input.actualDate)
      context.addIssue({ code: "custom", path: ["actualDate"], message: "actualDateRequired" });
    if (input.milestoneId !== undefined && input.version === undefined)
      context.addIssue({ code: "custom", path: ["version"], message: "invalid" });
  });
export type TMilestoneInput = z.infer<typeof ZMilestoneInput>;

export type SaveMilestoneResult =
  | { ok: true; milestoneId: number }
  | { ok: false; reason: "notFound" | "forbidden" | "withdrawn" | "conflict" }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors };

const dayOrNull = (value: string | null) => (value === null ? null : dateFromIso(value));
const sameDay = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && isoDate(a) === isoDate(b));

/**
 * Adds or changes a milestone (ADMIN, MINISTRY). Once a baseline date is set and the project is under way the
 * baseline is frozen: it changes only with a reason. Every version lands in milestone_changes with its reason, in
 * the same transaction as the change and its audit row; a stale version is refused as a conflict.
 */
export async function saveMilestone(
  user: Actor,
  rawInput: unknown,
  context: { ip: string | null },
): Promise<SaveMilestoneResult> {
  const parsed = ZMilestoneInput.safeParse(rawInput);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const input = parsed.data;
  const project = await projectForWrite(user, input.projectCode);
  if (!project) return { ok: false, reason: "notFound" };
  if (!can(user, "milestone.edit", oblastIdsOf(project))) return { ok: false, reason: "forbidden" };
  if (project.withdrawnAt) return { ok: false, reason: "withdrawn" };
  const existing =
    input.milestoneId === undefined
      ? null
      : await prisma.milestone.findFirst({ where: { id: input.milestoneId, projectId: project.id } });
  if (input.milestoneId !== undefined && !existing) return { ok: false, reason: "notFound" };
  const values = {
    type: input.type,
    title: input.type === "CUSTOM" ? input.title : (input.title ?? null),
    baselineDate: dayOrNull(input.baselineDate),
    forecastDate: dayOrNull(input.forecastDate),
    actualDate: dayOrNull(input.actualDate),
    status: input.status,
    evidenceUrl: input.evidenceUrl,
  };
  const baselineFrozen = existing?.baselineDate != null && project.status === "IN_PROGRESS";
  if (baselineFrozen && !sameDay(existing.baselineDate, values.baselineDate) && !input.reason)
    return { ok: false, reason: "invalid", fieldErrors: { reason: "baselineChangeNeedsReason" } };

  return prisma.$transaction(async (tx) => {
    // The project's row first: a milestone's trigger updates the project's figure days (figure-thresholds
    // migration), and every write locks a project before its milestones, so two writers cannot deadlock.
    await tx.$executeRaw`SELECT 1 FROM projects WHERE id = ${project.id} FOR NO KEY UPDATE`;
    let milestoneId: number;
    let version: number;
    if (existing) {
      const updated = await tx.milestone.updateMany({
        where: { id: existing.id, version: input.version! },
        data: { ...values, version: { increment: 1 } },
      });
      if (updated.count === 0) return { ok: false as const, reason: "conflict" as const };
      milestoneId = existing.id;
      version = input.version! + 1;
    } else {
      const created = await tx.milestone.create({ data: { ...values, projectId: project.id } });
      milestoneId = created.id;
      version = 1;
    }
    const { evidenceUrl: _evidence, ...versioned } = values;
    await tx.milestoneChange.create({
      data: { ...versioned, milestoneId, actorId: user.id, version, reason: input.reason },
    });
    await writeAudit(tx, {
      actorId: user.id,
      action: existing ? "milestone.update" : "milestone.create",
      targetType: "project",
      targetId: String(project.id),
      ip: context.ip,
      ...(existing
        ? {
            before: {
              milestone: existing.id,
              status: existing.status,
              baselineDate: existing.baselineDate && isoDate(existing.baselineDate),
              forecastDate: existing.forecastDate && isoDate(existing.forecastDate),
              actualDate: existing.actualDate && isoDate(existing.actualDate),
            },
          }
        : {}),
      after: {
        milestone: milestoneId,
        status: values.status,
        baselineDate: input.baselineDate,
        forecastDate: input.forecastDate,
        actualDate: input.actualDate,
        ...(input.reason ? { reason: input.reason } : {}),
      },
    });
    return { ok: true as const, milestoneId };
  });
}

export type MilestoneView = {
  id: number;
  type: MilestoneType;
  title: string | null;
  baselineDate: string | null;
  forecastDate: string | null;
  actualDate: string | null;
  status: MilestoneStatus;
  evidenceUrl: string | null;
  version: number;
  slipDays: number | null;
  changes: { at: Date; actor: string; baselineDate: string | null; status: MilestoneStatus; reason: string | null }[];
};

const day = (value: Date | null) => (value === null ? null : isoDate(value));

/** A project's milestones in date order with their slip and every earlier version (the caller checked access). */
export async function projectMilestones(projectId: number): Promise<MilestoneView[]> {
  const milestones = await prisma.milestone.findMany({
    where: { projectId },
    include: { changes: { orderBy: { id: "desc" }, include: { actor: { select: { name: true } } } } },
  });
  return milestones
    .map((milestone) => ({
      id: milestone.id,
      type: milestone.type,
      title: milestone.title,
      baselineDate: day(milestone.baselineDate),
      forecastDate: day(milestone.forecastDate),
      actualDate: day(milestone.actualDate),
      status: milestone.status,
      evidenceUrl: milestone.evidenceUrl,
      version: milestone.version,
      slipDays: slipDays(milestone.baselineDate, milestone.forecastDate, milestone.actualDate),
      changes: milestone.changes.map((change) => ({
        at: change.at,
        actor: change.actor.name,
        baselineDate: day(change.baselineDate),
        status: change.status,
        reason: change.reason,
      })),
    }))
    .sort(
      (a, b) =>
        (a.actualDate ?? a.forecastDate ?? a.baselineDate ?? "9999").localeCompare(
          b.actualDate ?? b.forecastDate ?? b.baselineDate ?? "9999",
        ) || MILESTONE_TYPES.indexOf(a.type) - MILESTONE_TYPES.indexOf(b.type),
    );
}
