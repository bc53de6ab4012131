import "server-only";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { type Actor, can, projectScope } from "../auth/permissions";
import { prisma } from "../db";
import { type FieldErrors, fieldErrorsOf } from "../forms/field-errors";
import { Prisma } from "../generated/prisma/client";
import type { BlockerCategory, BlockerStatus, EscalationLevel } from "../generated/prisma/enums";
import { attachEvidence, refuseEvidence } from "../evidence/attach-evidence";
import {
  blockerFigureSql,
  blockerFigureWhere,
  notOverdueBlockerWhere,
  CLOSED_BLOCKER_STATUSES,
} from "../figures/blocker-figures";
import { projectViewSql } from "../projects/scope-sql";
import { dateFromIso, isoDate, todayInKazakhstan } from "../progress/calendar";
import { ZEvidence } from "../progress/progress-input";
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
    /** Uploaded photos and documents to attach (lib/evidence); an officer who may update the blocker adds them too. */
    evidence: ZEvidence,
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

  const written = prisma.$transaction(async (tx) => {
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
    await attachEvidence(
      tx,
      user,
      { id: project.id, oblastId: scope.oblastIds[0] ?? null },
      { blockerId },
      input.evidence,
      context,
    );
    return { ok: true as const, blockerId };
  });
  // A file no longer attachable, or one too many, rolls the whole save back with the picker's message.
  return written.catch(refuseEvidence);
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
  /** Blockers raised, or resolved, from one day to another (a period report links here with its period). */
  period: optionalFilter(z.enum(["raised", "resolved"])),
  from: optionalFilter(ZDay),
  to: optionalFilter(ZDay),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type TBlockerQuery = z.infer<typeof ZBlockerQuery>;
export const BLOCKER_PAGE_SIZE = 50;

export function parseBlockerQuery(raw: Record<string, string | string[] | undefined>): TBlockerQuery {
  return ZBlockerQuery.parse(
    Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])),
  );
}

/** A period's first moment and the moment after its last day, in Kazakhstan (UTC+5), as the period report counts. */
const periodMoments = (from: string, to: string) => ({
  start: new Date(`${from}T00:00:00+05:00`),
  end: new Date(new Date(`${to}T00:00:00+05:00`).getTime() + 86_400_000),
});

/**
 * The blockers resolved in a period: those with a version recorded in it that made them RESOLVED (the version
 * before it was not RESOLVED). A blocker resolved, reopened and resolved again in one period counts once.
 */
async function resolvedInPeriodIds(from: string, to: string): Promise<number[]> {
  const { start, end } = periodMoments(from, to);
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    SELECT DISTINCT x.blocker_id AS id FROM blocker_changes x
    LEFT JOIN blocker_changes previous ON previous.blocker_id = x.blocker_id AND previous.version = x.version - 1
    WHERE x.status = 'RESOLVED' AND previous.status IS DISTINCT FROM 'RESOLVED' AND x.at >= ${start} AND x.at < ${end}`;
  return rows.map((row) => row.id);
}

/**
 * The period part of a register's or a report's filter: raised on a day of the period (the day it was raised), or
 * resolved in it (resolvedInPeriodIds). One definition for the blockers register and the period report.
 */
export async function blockerPeriodWhere(period: {
  period?: "raised" | "resolved" | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): Promise<Prisma.BlockerWhereInput> {
  if (!period.period || !period.from || !period.to) return {};
  const [from, to] = period.from <= period.to ? [period.from, period.to] : [period.to, period.from];
  if (period.period === "raised") return { raisedOn: { gte: dateFromIso(from), lte: dateFromIso(to) } };
  return { id: { in: await resolvedInPeriodIds(from, to) } };
}

function blockerWhere(
  user: Actor,
  query: Partial<Omit<TBlockerQuery, "page" | keyof BlockerFigureFilter>> &
    BlockerFigureFilter &
    Pick<TBlockerQuery, "state">,
  today: string,
  periodWhere: Prisma.BlockerWhereInput = {},
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
      periodWhere,
      state,
    ],
  };
}

/**
 * The blockers page: the user's scope, filtered; overdue ones first, then by due date and age. The counts beside
 * it use the same `where`, so a figure and its list agree.
 */
export async function listBlockers(user: Actor, query: TBlockerQuery, today = todayInKazakhstan()) {
  const where = blockerWhere(user, query, today, await blockerPeriodWhere(query));
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
  const where = blockerWhere(user, query, today, await blockerPeriodWhere(query));
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
 * Open and overdue blockers (lib/figures/blocker-figures.ts) in the user's scope and a dashboard's view: the
 * register's rows for `state=open` / `state=overdue` with the same view (its `where` on projects is
 * projectViewSql's, the figures' conditions are one definition's two forms), counted in one pass over the open
 * blockers — two Prisma counts each joined every project (50 ms for the region at 100k, 135 for an oblast).
 */
export async function blockerFigures(user: Actor, filter: BlockerFigureFilter = {}, today = todayInKazakhstan()) {
  const projects = projectViewSql(user, {
    oblastCode: filter.oblast,
    sectorCode: filter.sector,
    kind: filter.kind,
    mine: filter.mine === "1",
  });
  const [row] = await prisma.$queryRaw<{ open: bigint; overdue: bigint }[]>(Prisma.sql`
    SELECT count(*) AS open, count(*) FILTER (WHERE ${blockerFigureSql("overdueBlockers", today)}) AS overdue
    FROM blockers b JOIN projects p ON p.id = b.project_id
    WHERE ${blockerFigureSql("openBlockers", today)} AND ${projects}`);
  return { open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0) };
}

/** The /blockers URL of a figure in a dashboard's view. */
export function blockerListHref(state: "open" | "overdue", filter: BlockerFigureFilter): string {
  const params = Object.entries({ state, ...filter }).flatMap(([key, value]) => (value ? [[key, value]] : []));
  return `/blockers?${new URLSearchParams(params).toString()}`;
}

/** A report's choice of projects, as the period report filters them (lib/reports/report-query.ts). */
export type BlockerReportScope = {
  oblast?: string | undefined;
  sectors?: string[];
  horizons?: string[];
  kind?: "ALL" | "OBJECT" | "MEASURE";
};

/** One blocker as a period report lists it. */
export type PeriodBlocker = {
  id: number;
  code: string;
  nameKk: string;
  nameRu: string | null;
  nameEn: string | null;
  category: BlockerCategory;
  description: string;
  escalation: EscalationLevel;
  raisedOn: string;
  /** When it was resolved (the first time in the period), for the resolved list. */
  resolvedOn: string | null;
  status: BlockerStatus;
  resolutionNote: string | null;
};

/**
 * The blockers raised and those resolved in a period, in the user's scope and the report's choice of projects
 * (the register's own `where` with its period filter, so the report's counts are the register's for the same days
 * and scope). `limit` caps the rows listed (the screen), never the totals; null lists every row (exports, PDF).
 */
export async function blockersInPeriod(
  user: Actor,
  period: { from: string; to: string },
  scope: BlockerReportScope = {},
  limit: number | null = null,
) {
  const years = (scope.horizons ?? []).filter((horizon) => horizon !== "none").map(Number);
  const horizons: Prisma.ProjectWhereInput[] = [
    ...(years.length ? [{ horizon: { in: years } }] : []),
    ...((scope.horizons ?? []).includes("none") ? [{ horizon: null }] : []),
  ];
  const projects: Prisma.BlockerWhereInput = {
    project: {
      AND: [
        scope.sectors?.length ? { category: { sector: { code: { in: scope.sectors } } } } : {},
        horizons.length ? { OR: horizons } : {},
        scope.kind && scope.kind !== "ALL" ? { kind: scope.kind } : {},
      ],
    },
  };
  const list = async (kind: "raised" | "resolved") => {
    const where = {
      AND: [
        blockerWhere(
          user,
          { state: "all", oblast: scope.oblast },
          todayInKazakhstan(),
          await blockerPeriodWhere({ period: kind, ...period }),
        ),
        projects,
      ],
    };
    const [total, rows] = await Promise.all([
      prisma.blocker.count({ where }),
      prisma.blocker.findMany({
        where,
        include: {
          project: { select: { code: true, nameKk: true, nameRu: true, nameEn: true } },
          ...(kind === "resolved"
            ? {
                changes: {
                  where: {
                    status: "RESOLVED" as const,
                    at: {
                      gte: periodMoments(period.from, period.to).start,
                      lt: periodMoments(period.from, period.to).end,
                    },
                  },
                  orderBy: { at: "asc" as const },
                  take: 1,
                  select: { at: true },
                },
              }
            : {}),
        },
        orderBy: [{ project: { code: "asc" } }, { raisedOn: "asc" }, { id: "asc" }],
        ...(limit === null ? {} : { take: limit }),
      }),
    ]);
    return {
      total,
      rows: rows.map(
        (row): PeriodBlocker => ({
          id: row.id,
          code: row.project.code,
          nameKk: row.project.nameKk,
          nameRu: row.project.nameRu,
          nameEn: row.project.nameEn,
          category: row.category,
          description: row.description,
          escalation: row.escalation,
          raisedOn: isoDate(row.raisedOn),
          resolvedOn:
            "changes" in row && Array.isArray(row.changes) && row.changes[0]
              ? kazakhstanDay((row.changes[0] as { at: Date }).at)
              : null,
          status: row.status,
          resolutionNote: row.resolutionNote,
        }),
      ),
    };
  };
  const [raised, resolved] = await Promise.all([list("raised"), list("resolved")]);
  return { raised, resolved };
}
export type BlockersInPeriod = Awaited<ReturnType<typeof blockersInPeriod>>;

/** The Kazakhstan (UTC+5) day of a moment. */
const kazakhstanDay = (moment: Date) => new Date(moment.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);

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
