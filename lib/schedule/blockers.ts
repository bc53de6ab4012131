import "server-only";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { type Actor, can, projectScope } from "../auth/permissions";
import { prisma } from "../db";
import { type FieldErrors, fieldErrorsOf } from "../forms/field-errors";
import type { Prisma } from "../generated/prisma/client";
import type { BlockerCategory, BlockerStatus, EscalationLevel } from "../generated/prisma/enums";
import { blockerFigureWhere, notOverdueBlockerWhere, CLOSED_BLOCKER_STATUSES } from "../figures/blocker-figures";
import { dateFromIso, isoDate, todayInKazakhstan } from "../progress/calendar";
import { myProjectsWhere } from "../projects/responsibility-scope";
import { oblastIdsOf, projectForChange as projectForWrite } from "../progress/project-for-change";
import { OBLAST_CODES, PROJECT_CODE_PATTERN, SECTORS } from "../reference-data";
import { ZDay, ZId, ZOptionalDay, ZOptionalText } from "./schedule-input";
import { daysBetween } from "./slip";

export const BLOCKER_CATEGORIES = [
  "LAND",
  "FINANCING",
  "PERMITS",
  "DESIGN",
  "CONTRACTOR",
  "UTILITIES",
  "LEGAL",
  "OTHER",
] as const satisfies readonly BlockerCategory[];
/** Escalation goes up this ladder: district → oblast akimat → ministry → government. */
export const ESCALATION_LEVELS = [
  "DISTRICT",
  "OBLAST",
  "MINISTRY",
  "GOVERNMENT",
] as const satisfies readonly EscalationLevel[];
export const BLOCKER_STATUSES = ["OPEN", "IN_HAND", "RESOLVED", "DROPPED"] as const satisfies readonly BlockerStatus[];
const CLOSED: readonly BlockerStatus[] = CLOSED_BLOCKER_STATUSES;

const optionalId = z.preprocess((value) => (value === "" || value === undefined ? undefined : value), ZId.optional());

export const ZBlockerInput = z
  .object({
    projectCode: z.string().regex(PROJECT_CODE_PATTERN, "unknownProject"),
    blockerId: optionalId,
    version: optionalId,
    category: z.enum(BLOCKER_CATEGORIES, "required"),
    description: z.string("required").trim().min(1, "required").max(2000, "tooLong"),
    responsibleAgency: ZOptionalText(300),
    responsibleUserId: z.preprocess((value) => (value === "" ? null : (value ?? null)), ZId.nullable()),
    raisedOn: z.preprocess((value) => (value === "" || value === undefined ? undefined : value), ZDay.optional()),
    dueDate: ZOptionalDay,
    escalation: z.enum(ESCALATION_LEVELS, "required"),
    status: z.enum(BLOCKER_STATUSES, "required"),
    resolutionNote: ZOptionalText(2000),
    note: ZOptionalText(2000),
  })
  .superRefine((input, context) => {
    if (CLOSED.includes(input.status) && !input.resolutionNote)
      context.addIssue({ code: "custom", path: ["resolutionNote"], message: "resolutionNeeded" });
    if (input.raisedOn && input.raisedOn > todayInKazakhstan())
      context.addIssue({ code: "custom", path: ["raisedOn"], message: "futureDate" });
    if (input.blockerId !== undefined && input.version === undefined)
      context.addIssue({ code: "custom", path: ["version"], message: "invalid" });
  });
export type TBlockerInput = z.infer<typeof ZBlockerInput>;

export type SaveBlockerResult =
  | { ok: true; blockerId: number }
  | { ok: false; reason: "notFound" | "forbidden" | "withdrawn" | "conflict" }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors };

/**
 * Raises a blocker or changes one. Ministry staff and admins manage every blocker; an akimat officer raises
 * blockers on their oblast's projects and updates the ones they are responsible for (status, escalation, due date,
 * resolution). Versioned; every version kept in blocker_changes with its note, audited, in one transaction.
 */
export async function saveBlocker(
  user: Actor,
  rawInput: unknown,
  context: { ip: string | null },
): Promise<SaveBlockerResult> {
  const parsed = ZBlockerInput.safeParse(rawInput);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const input = parsed.data;
  const project = await projectForWrite(user, input.projectCode);
  if (!project) return { ok: false, reason: "notFound" };
  const scope = oblastIdsOf(project);
  const existing =
    input.blockerId === undefined
      ? null
      : await prisma.blocker.findFirst({ where: { id: input.blockerId, projectId: project.id } });
  if (input.blockerId !== undefined && !existing) return { ok: false, reason: "notFound" };
  const manages = can(user, "blocker.manage", scope);
  const owns = existing !== null && existing.responsibleUserId === user.id && can(user, "blocker.updateOwn", scope);
  if (existing ? !manages && !owns : !can(user, "blocker.raise", scope)) return { ok: false, reason: "forbidden" };
  if (project.withdrawnAt) return { ok: false, reason: "withdrawn" };
  if (input.responsibleUserId !== null && (!existing || manages)) {
    const responsible = await prisma.user.findUnique({ where: { id: input.responsibleUserId } });
    if (!responsible?.active || !can(responsible, "project.view", scope))
      return { ok: false, reason: "invalid", fieldErrors: { responsibleUserId: "responsibleCannotSee" } };
  }
  const requested = {
    category: input.category,
    description: input.description,
    responsibleAgency: input.responsibleAgency,
    responsibleUserId: input.responsibleUserId,
    dueDate: input.dueDate === null ? null : dateFromIso(input.dueDate),
    escalation: input.escalation,
    status: input.status,
    resolutionNote: input.resolutionNote,
  };
  // An owner's form may carry every field, but only the state fields (status, escalation, due date, resolution)
  // are taken from it: what the blocker is and who holds it stay as the ministry set them.
  const values =
    existing && !manages
      ? {
          ...requested,
          ...Object.fromEntries(
            (["category", "description", "responsibleAgency", "responsibleUserId"] as const).map((key) => [
              key,
              existing[key],
            ]),
          ),
        }
      : requested;

  return prisma.$transaction(async (tx) => {
    let blockerId: number;
    let version: number;
    if (existing) {
      const updated = await tx.blocker.updateMany({
        where: { id: existing.id, version: input.version! },
        data: { ...values, version: { increment: 1 } },
      });
      if (updated.count === 0) return { ok: false as const, reason: "conflict" as const };
      blockerId = existing.id;
      version = input.version! + 1;
    } else {
      const created = await tx.blocker.create({
        data: {
          ...values,
          projectId: project.id,
          raisedById: user.id,
          raisedOn: dateFromIso(input.raisedOn ?? todayInKazakhstan()),
        },
      });
      blockerId = created.id;
      version = 1;
    }
    await tx.blockerChange.create({
      data: {
        blockerId,
        actorId: user.id,
        version,
        category: values.category,
        description: values.description,
        responsibleAgency: values.responsibleAgency,
        responsibleUserId: values.responsibleUserId,
        dueDate: values.dueDate,
        escalation: values.escalation,
        status: values.status,
        note: input.note ?? values.resolutionNote,
      },
    });
    const summary = (row: { status: string; escalation: string; dueDate: Date | null }) => ({
      status: row.status,
      escalation: row.escalation,
      dueDate: row.dueDate && isoDate(row.dueDate),
    });
    await writeAudit(tx, {
      actorId: user.id,
      action: existing ? "blocker.update" : "blocker.raise",
      targetType: "project",
      targetId: String(project.id),
      ip: context.ip,
      ...(existing ? { before: { blocker: existing.id, ...summary(existing) } } : {}),
      after: { blocker: blockerId, ...summary(values) },
    });
    return { ok: true as const, blockerId };
  });
}

export type BlockerView = {
  id: number;
  version: number;
  projectCode: string;
  projectName: { nameKk: string; nameRu: string | null; nameEn: string | null };
  category: BlockerCategory;
  description: string;
  responsibleAgency: string | null;
  responsibleUserId: number | null;
  responsibleName: string | null;
  raisedBy: string;
  raisedOn: string;
  dueDate: string | null;
  escalation: EscalationLevel;
  status: BlockerStatus;
  resolutionNote: string | null;
  ageDays: number;
  overdue: boolean;
};

const blockerInclude = {
  project: { select: { code: true, nameKk: true, nameRu: true, nameEn: true } },
  raisedBy: { select: { name: true } },
  responsibleUser: { select: { name: true } },
} satisfies Prisma.BlockerInclude;

function toView(blocker: Prisma.BlockerGetPayload<{ include: typeof blockerInclude }>, today: string): BlockerView {
  const due = blocker.dueDate && isoDate(blocker.dueDate);
  const open = !CLOSED.includes(blocker.status);
  return {
    id: blocker.id,
    version: blocker.version,
    projectCode: blocker.project.code,
    projectName: blocker.project,
    category: blocker.category,
    description: blocker.description,
    responsibleAgency: blocker.responsibleAgency,
    responsibleUserId: blocker.responsibleUserId,
    responsibleName: blocker.responsibleUser?.name ?? null,
    raisedBy: blocker.raisedBy.name,
    raisedOn: isoDate(blocker.raisedOn),
    dueDate: due,
    escalation: blocker.escalation,
    status: blocker.status,
    resolutionNote: blocker.resolutionNote,
    ageDays: daysBetween(isoDate(blocker.raisedOn), today),
    overdue: open && due !== null && due < today,
  };
}

/** A project's blockers, open ones first (the caller checked the user may see the project). */
export async function projectBlockers(projectId: number, today = todayInKazakhstan()): Promise<BlockerView[]> {
  const blockers = await prisma.blocker.findMany({
    where: { projectId },
    include: blockerInclude,
    orderBy: [{ raisedOn: "desc" }, { id: "desc" }],
  });
  return blockers
    .map((blocker) => toView(blocker, today))
    .sort((a, b) => Number(CLOSED.includes(a.status)) - Number(CLOSED.includes(b.status)));
}

const optionalFilter = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional()).catch(undefined);
export const ZBlockerQuery = z.object({
  // A NUL byte would reach PostgreSQL as an error: such a search is dropped, never a 500.
  q: optionalFilter(
    z
      .string()
      .trim()
      .max(200)
      .refine((value) => !value.includes(String.fromCharCode(0))),
  ),
  oblast: optionalFilter(z.enum(OBLAST_CODES)),
  category: optionalFilter(z.enum(BLOCKER_CATEGORIES)),
  escalation: optionalFilter(z.enum(ESCALATION_LEVELS)),
  /** The dashboard's views: one sector, capital projects or programme measures, "my projects". */
  sector: optionalFilter(z.enum(SECTORS.map((sector) => sector.code) as [string, ...string[]])),
  kind: optionalFilter(z.enum(["OBJECT", "MEASURE"])),
  mine: optionalFilter(z.enum(["1"])),
  state: z.enum(["open", "overdue", "closed", "all"]).catch("open").default("open"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type TBlockerQuery = z.infer<typeof ZBlockerQuery>;
export const BLOCKER_PAGE_SIZE = 50;

export function parseBlockerQuery(raw: Record<string, string | string[] | undefined>): TBlockerQuery {
  return ZBlockerQuery.parse(
    Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])),
  );
}

function blockerWhere(
  user: Actor,
  query: Partial<Omit<TBlockerQuery, "page" | keyof BlockerFigureFilter>> &
    BlockerFigureFilter &
    Pick<TBlockerQuery, "state">,
  today: string,
): Prisma.BlockerWhereInput {
  const state: Prisma.BlockerWhereInput =
    query.state === "open"
      ? blockerFigureWhere("openBlockers", today)
      : query.state === "overdue"
        ? blockerFigureWhere("overdueBlockers", today)
        : query.state === "closed"
          ? { status: { in: [...CLOSED] } }
          : {};
  return {
    AND: [
      { project: { ...projectScope(user), withdrawnAt: null } },
      query.oblast ? { project: { oblasts: { some: { oblast: { code: query.oblast } } } } } : {},
      query.sector ? { project: { category: { sector: { code: query.sector } } } } : {},
      query.kind ? { project: { kind: query.kind } } : {},
      query.mine ? { project: myProjectsWhere(user) } : {},
      query.category ? { category: query.category } : {},
      query.q
        ? {
            OR: [
              { description: { contains: query.q, mode: "insensitive" as const } },
              { project: { code: { contains: query.q.toUpperCase() } } },
            ],
          }
        : {},
      query.escalation ? { escalation: query.escalation } : {},
      state,
    ],
  };
}

/**
 * The blockers page: the user's scope, filtered; overdue ones first, then by due date and age. The counts beside
 * it use the same `where`, so a figure and its list agree.
 */
export async function listBlockers(user: Actor, query: TBlockerQuery, today = todayInKazakhstan()) {
  const where = blockerWhere(user, query, today);
  const overdueWhere = { AND: [where, blockerFigureWhere("overdueBlockers", today)] };
  const [total, overdueCount] = await Promise.all([
    prisma.blocker.count({ where }),
    prisma.blocker.count({ where: overdueWhere }),
  ]);
  // Overdue first: a page of the overdue ones, then the rest (the figure's exact complement) by due date (nulls
  // last) and age, each a page read straight from its ordered query.
  const offset = (query.page - 1) * BLOCKER_PAGE_SIZE;
  const overdueTake = Math.max(0, Math.min(BLOCKER_PAGE_SIZE, overdueCount - offset));
  const restOffset = Math.max(0, offset - overdueCount);
  const restTake = BLOCKER_PAGE_SIZE - overdueTake;
  const [overdueRows, restRows] = await Promise.all([
    overdueTake > 0
      ? prisma.blocker.findMany({
          where: overdueWhere,
          include: blockerInclude,
          orderBy: [{ dueDate: "asc" }, { id: "asc" }],
          skip: offset,
          take: overdueTake,
        })
      : Promise.resolve([]),
    restTake > 0
      ? prisma.blocker.findMany({
          where: { AND: [where, notOverdueBlockerWhere(today)] },
          include: blockerInclude,
          orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { raisedOn: "asc" }, { id: "asc" }],
          skip: restOffset,
          take: restTake,
        })
      : Promise.resolve([]),
  ]);
  const blockers = [...overdueRows, ...restRows].map((row) => toView(row, today));
  return {
    total,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / BLOCKER_PAGE_SIZE)),
    blockers,
  };
}

/**
 * Every blocker of a filtered register, a batch at a time (the CSV/XLSX download), in the order of the project code
 * and the day it was raised: an export is read as a table, not a worklist.
 */
export async function* allBlockers(
  user: Actor,
  query: TBlockerQuery,
  today = todayInKazakhstan(),
  batchSize = 500,
): AsyncGenerator<BlockerView> {
  const where = blockerWhere(user, query, today);
  for (let skip = 0; ; skip += batchSize) {
    const rows = await prisma.blocker.findMany({
      where,
      include: blockerInclude,
      orderBy: [{ project: { code: "asc" } }, { raisedOn: "asc" }, { id: "asc" }],
      skip,
      take: batchSize,
    });
    for (const row of rows) yield toView(row, today);
    if (rows.length < batchSize) return;
  }
}

/** Which projects' blockers a figure counts: the dashboard's view (oblast, sector, kind, "my projects"). */
export type BlockerFigureFilter = {
  oblast?: string | undefined;
  sector?: string | undefined;
  kind?: "OBJECT" | "MEASURE" | undefined;
  mine?: "1" | undefined;
};

/**
 * Open and overdue blockers (lib/figures/blocker-figures.ts) in the user's scope and a dashboard's view, counted by
 * the list's own `where`: the numbers on the dashboard and on /blockers are the row counts of the lists they open.
 */
export async function blockerFigures(user: Actor, filter: BlockerFigureFilter = {}, today = todayInKazakhstan()) {
  const [open, overdue] = await Promise.all([
    prisma.blocker.count({ where: blockerWhere(user, { ...filter, state: "open" }, today) }),
    prisma.blocker.count({ where: blockerWhere(user, { ...filter, state: "overdue" }, today) }),
  ]);
  return { open, overdue };
}

/** The /blockers URL of a figure in a dashboard's view. */
export function blockerListHref(state: "open" | "overdue", filter: BlockerFigureFilter): string {
  const params = Object.entries({ state, ...filter }).flatMap(([key, value]) => (value ? [[key, value]] : []));
  return `/blockers?${new URLSearchParams(params).toString()}`;
}

/** Blockers raised and resolved in a period (reports), in the user's scope. */
export async function blockersInPeriod(user: Actor, from: string, to: string) {
  const range = { gte: dateFromIso(from), lte: dateFromIso(to) };
  const scope = { project: { ...projectScope(user), withdrawnAt: null } };
  const [raised, resolved] = await Promise.all([
    prisma.blocker.count({ where: { ...scope, raisedOn: range } }),
    prisma.blockerChange.findMany({
      where: {
        status: "RESOLVED",
        at: { gte: range.gte, lt: new Date(range.lte.getTime() + 86_400_000) },
        blocker: scope,
      },
      distinct: ["blockerId"],
      select: { blockerId: true },
    }),
  ]);
  return { raised, resolved: resolved.length };
}

/** Who may be made responsible for a project's blocker: active ministry staff and the akimat officers of its oblasts. */
export async function responsibleCandidates(oblastIds: number[]) {
  return prisma.user.findMany({
    where: {
      active: true,
      OR: [{ role: { in: ["MINISTRY", "ADMIN"] } }, { role: "AKIMAT", oblastId: { in: oblastIds } }],
    },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
