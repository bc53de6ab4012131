import "server-only";
import { can, scopedOblastId, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import { figureSql } from "../figures/definitions";
import { Prisma } from "../generated/prisma/client";
import { projectFilterSql } from "../projects/scope-sql";
import { type BlockersInPeriod, blockersInPeriod } from "../schedule/blockers";
import type { ProjectStatusCode } from "../reference-data";
import type { TReportQuery } from "./report-query";

// A period report is rebuilt from the append-only histories: the state of a project at a moment is its latest
// progress update recorded before that moment (progress_updates) and its confidence, dates, budget and responsible
// organisation as last changed before that moment (project_detail_history). A report for a past period therefore
// shows what the tracker knew at the period's end, whenever it is generated: editing a baseline, a budget or a
// confidence rating today changes no past report. Moments are midnights in Kazakhstan (UTC+5). Overdue, at risk,
// watch and stalled are the dashboard's own definitions (lib/figures/definitions.ts) applied to that state, on the
// period's last day.

const startOf = (day: string) => new Date(`${day}T00:00:00+05:00`);
const endOf = (day: string) => new Date(startOf(day).getTime() + 86_400_000);
const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

/** The report's projects: the user's scope, the chosen oblast, horizons and sectors. */
function projectFilter(user: Actor, query: TReportQuery): Prisma.Sql {
  const base = projectFilterSql(user, {
    oblastCode: query.scope === "region" ? undefined : query.scope,
    sectorCodes: query.sectors,
    horizons: query.horizons,
  });
  return query.kind === "ALL" ? base : Prisma.sql`${base} AND p.kind = ${query.kind}::"ProjectKind"`;
}

/**
 * Each project as the histories stood at `moment`, in the column names the figure definitions read. Details come
 * from the last change before the moment; a project first changed after it reads the values that change replaced
 * (the history's first row); a project never changed reads its values as they are (they never moved).
 */
function stateAt(user: Actor, query: TReportQuery, moment: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT p.id, p.code, p.category_id, p.horizon, p.planned_quantity, p.unit, p.kind, p.created_at,
           coalesce(h.status, 'PLANNED') AS status, coalesce(h.percent_complete, 0) AS percent_complete,
           coalesce(h.percent_complete, 0) AS percent, h.quantity_done, h.as_of AS last_progress_as_of,
           CASE WHEN d.id IS NULL THEN p.confidence ELSE d.confidence END AS confidence,
           CASE WHEN d.id IS NULL THEN p.confidence_reason ELSE d.confidence_reason END AS confidence_reason,
           CASE WHEN d.id IS NULL THEN p.baseline_start ELSE d.baseline_start END AS baseline_start,
           CASE WHEN d.id IS NULL THEN p.baseline_finish ELSE d.baseline_finish END AS baseline_finish,
           CASE WHEN d.id IS NULL THEN p.forecast_finish ELSE d.forecast_finish END AS forecast_finish,
           CASE WHEN d.id IS NULL THEN p.budget_baseline ELSE d.budget_baseline END AS budget_baseline,
           CASE WHEN d.id IS NULL THEN p.budget_forecast ELSE d.budget_forecast END AS budget_forecast,
           CASE WHEN d.id IS NULL THEN p.responsible_organisation ELSE d.responsible_organisation END
             AS responsible_organisation,
           ms.milestone_risk_from
    FROM projects p
    LEFT JOIN LATERAL (
      SELECT u.status, u.percent_complete, u.quantity_done, u.as_of FROM progress_updates u
      WHERE u.project_id = p.id AND u.created_at < ${moment} ORDER BY u.created_at DESC, u.id DESC LIMIT 1
    ) h ON TRUE
    LEFT JOIN LATERAL (
      SELECT x.* FROM project_detail_history x WHERE x.project_id = p.id
      ORDER BY x.changed_at < ${moment} DESC, CASE WHEN x.changed_at < ${moment} THEN x.changed_at END DESC NULLS LAST,
               x.changed_at, CASE WHEN x.changed_at < ${moment} THEN -x.id ELSE x.id END
      LIMIT 1
    ) d ON TRUE
    LEFT JOIN LATERAL (
      -- The milestones as they stood: each one's last version before the moment (one never versioned, written
      -- in bulk, reads as it is if it existed then), through the at-risk figure's milestone rule.
      SELECT min(figure_milestone_risk_from(v.status::text, v.baseline_date, v.forecast_date, v.actual_date))
        AS milestone_risk_from
      FROM milestones m
      CROSS JOIN LATERAL (
        (SELECT c.status, c.baseline_date, c.forecast_date, c.actual_date FROM milestone_changes c
         WHERE c.milestone_id = m.id AND c.at < ${moment} ORDER BY c.at DESC, c.id DESC LIMIT 1)
        UNION ALL
        SELECT m.status, m.baseline_date, m.forecast_date, m.actual_date
        WHERE m.created_at < ${moment} AND NOT EXISTS (SELECT 1 FROM milestone_changes x WHERE x.milestone_id = m.id)
      ) v
      WHERE m.project_id = p.id
    ) ms ON TRUE
    WHERE ${projectFilter(user, query)}`;
}

export type PeriodFigures = {
  total: number;
  notStarted: number;
  design: number;
  inProgress: number;
  completed: number;
  paused: number;
  cancelled: number;
  overdue: number;
  atRisk: number;
  watch: number;
  stalled: number;
  averagePercent: number;
};

/** The dashboard's figures as they stood at `moment`, the date-dependent ones judged on `day`. */
async function figuresAt(user: Actor, query: TReportQuery, moment: Date, day: string): Promise<PeriodFigures> {
  const [row] = await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT count(*) AS total,
      count(*) FILTER (WHERE ${figureSql("notStarted", day, "s")}) AS not_started,
      count(*) FILTER (WHERE ${figureSql("design", day, "s")}) AS design,
      count(*) FILTER (WHERE ${figureSql("inProgress", day, "s")}) AS in_progress,
      count(*) FILTER (WHERE ${figureSql("completed", day, "s")}) AS completed,
      count(*) FILTER (WHERE ${figureSql("paused", day, "s")}) AS paused,
      count(*) FILTER (WHERE ${figureSql("cancelled", day, "s")}) AS cancelled,
      count(*) FILTER (WHERE ${figureSql("overdue", day, "s")}) AS overdue,
      count(*) FILTER (WHERE ${figureSql("atRisk", day, "s")}) AS at_risk,
      count(*) FILTER (WHERE ${figureSql("watch", day, "s")}) AS watch,
      count(*) FILTER (WHERE ${figureSql("stalled", day, "s")}) AS stalled,
      coalesce(avg(percent), 0)::float AS average_percent
    FROM (${stateAt(user, query, moment)}) s`);
  return {
    total: num(row!.total),
    notStarted: num(row!.not_started),
    design: num(row!.design),
    inProgress: num(row!.in_progress),
    completed: num(row!.completed),
    paused: num(row!.paused),
    cancelled: num(row!.cancelled),
    overdue: num(row!.overdue),
    atRisk: num(row!.at_risk),
    watch: num(row!.watch),
    stalled: num(row!.stalled),
    averagePercent: Math.round(num(row!.average_percent) * 10) / 10,
  };
}

export type ProjectChange = {
  code: string;
  nameKk: string;
  nameRu: string | null;
  nameEn: string | null;
  unit: string | null;
  fromStatus: ProjectStatusCode;
  toStatus: ProjectStatusCode;
  fromPercent: number;
  toPercent: number;
  quantityDelivered: number | null;
  updates: number;
  comments: string[];
  confidenceChanges: string[];
};

/** A slice of a long table: `offset` rows skipped, at most `limit` shown; no slice = every row (exports). */
type Slice = { limit: number; offset: number } | null;

/**
 * What changed during the period, project by project, from the history rows recorded in it (or only the projects
 * completed in it), with the number of such projects: a slice of the rows when the page shows one.
 */
async function changesIn(
  user: Actor,
  query: TReportQuery,
  from: Date,
  to: Date,
  options: { completedOnly: boolean; slice: Slice },
): Promise<{ rows: ProjectChange[]; total: number }> {
  const fromStatus = Prisma.sql`max(f.previous_status::text) FILTER (WHERE f.first_rank = 1)`;
  const toStatus = Prisma.sql`max(f.status::text) FILTER (WHERE f.last_rank = 1)`;
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    WITH scoped AS (SELECT p.* FROM projects p WHERE ${projectFilter(user, query)}),
    period AS (
      SELECT u.*, row_number() OVER (PARTITION BY u.project_id ORDER BY u.created_at, u.id) AS first_rank,
             row_number() OVER (PARTITION BY u.project_id ORDER BY u.created_at DESC, u.id DESC) AS last_rank
      FROM progress_updates u JOIN scoped s ON s.id = u.project_id
      WHERE u.created_at >= ${from} AND u.created_at < ${to}
    ),
    before AS (
      SELECT DISTINCT ON (u.project_id) u.project_id, u.quantity_done
      FROM progress_updates u JOIN scoped s ON s.id = u.project_id WHERE u.created_at < ${from}
      ORDER BY u.project_id, u.created_at DESC, u.id DESC
    )
    SELECT s.code, s.name_kk, s.name_ru, s.name_en, s.unit, count(*) OVER () AS matching,
      ${fromStatus} AS from_status, ${toStatus} AS to_status,
      max(f.previous_percent) FILTER (WHERE f.first_rank = 1) AS from_percent, max(f.percent_complete) FILTER (WHERE f.last_rank = 1) AS to_percent,
      max(f.quantity_done) FILTER (WHERE f.last_rank = 1) - coalesce(max(b.quantity_done), 0) AS delivered,
      count(*) AS updates, array_remove(array_agg(f.comment ORDER BY f.created_at), NULL) AS comments
    FROM period f JOIN scoped s ON s.id = f.project_id LEFT JOIN before b ON b.project_id = f.project_id
    GROUP BY s.code, s.name_kk, s.name_ru, s.name_en, s.unit
    ${options.completedOnly ? Prisma.sql`HAVING ${toStatus} = 'COMPLETED' AND ${fromStatus} <> 'COMPLETED'` : Prisma.empty}
    ORDER BY s.code
    ${options.slice ? Prisma.sql`LIMIT ${options.slice.limit} OFFSET ${options.slice.offset}` : Prisma.empty}`);
  // A slice past the last row has no row to carry the count: count once more (rare: a page number out of range).
  const total =
    rows.length > 0
      ? num(rows[0]!.matching)
      : options.slice && options.slice.offset > 0
        ? (await changesIn(user, query, from, to, { ...options, slice: { limit: 1, offset: 0 } })).total
        : 0;
  const codes = rows.map((row) => String(row.code));
  const confidence =
    codes.length === 0
      ? []
      : await prisma.$queryRaw<{ code: string; confidence: string | null; reason: string | null }[]>(Prisma.sql`
    SELECT p.code, x.confidence::text AS confidence, x.confidence_reason AS reason
    FROM project_detail_history x JOIN projects p ON p.id = x.project_id
    WHERE ',' || x.changed_fields || ',' LIKE '%,confidence,%' AND x.changed_at >= ${from} AND x.changed_at < ${to}
      AND ${projectFilter(user, query)} AND p.code IN (${Prisma.join(codes)})
    ORDER BY x.changed_at, x.id`);
  const changes = rows.map((row) => ({
    code: String(row.code),
    nameKk: String(row.name_kk),
    nameRu: row.name_ru as string | null,
    nameEn: row.name_en as string | null,
    unit: row.unit as string | null,
    fromStatus: row.from_status as ProjectStatusCode,
    toStatus: row.to_status as ProjectStatusCode,
    fromPercent: num(row.from_percent),
    toPercent: num(row.to_percent),
    quantityDelivered: row.unit && row.delivered !== null ? num(row.delivered) : null,
    updates: num(row.updates),
    comments: (row.comments as string[]) ?? [],
    confidenceChanges: confidence
      .filter((change) => change.code === row.code)
      .map((change) => [change.confidence ?? "—", change.reason].filter(Boolean).join(": ")),
  }));
  return { rows: changes, total };
}

export type AttentionProject = {
  code: string;
  nameKk: string;
  nameRu: string | null;
  nameEn: string | null;
  status: ProjectStatusCode;
  percent: number;
  reason: "overdue" | "atRisk";
  latestComment: string | null;
};

/** The most projects the exceptions table lists (the report's PDF, exports and snapshot); the total is always told. */
export const ATTENTION_LISTED = 500;

/**
 * At the period's end: overdue, and otherwise at risk (both by the figures' definitions, on the period's last day),
 * the first ATTENTION_LISTED of them, and how many there are in all (counted before the limit, so the table's heading
 * never says 500 when 31 000 are at risk). The latest comment is read for the listed rows only.
 */
async function attentionAt(
  user: Actor,
  query: TReportQuery,
  endDay: string,
  moment: Date,
): Promise<{ rows: AttentionProject[]; total: number }> {
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT a.*,
      (SELECT u.comment FROM progress_updates u WHERE u.project_id = a.id AND u.created_at < ${moment} AND u.comment IS NOT NULL ORDER BY u.created_at DESC LIMIT 1) AS latest_comment
    FROM (
      SELECT p.id, p.code, p.name_kk, p.name_ru, p.name_en, s.status, s.percent,
        CASE WHEN ${figureSql("overdue", endDay, "s")} THEN 'overdue' ELSE 'atRisk' END AS reason,
        count(*) OVER () AS total
      FROM (${stateAt(user, query, moment)}) s JOIN projects p ON p.id = s.id
      WHERE ${figureSql("atRisk", endDay, "s")}
      ORDER BY reason DESC, p.code LIMIT ${ATTENTION_LISTED}
    ) a
    ORDER BY a.reason DESC, a.code`);
  return {
    total: rows.length === 0 ? 0 : num(rows[0]!.total as bigint),
    rows: rows.map((row) => ({
      code: String(row.code),
      nameKk: String(row.name_kk),
      nameRu: row.name_ru as string | null,
      nameEn: row.name_en as string | null,
      status: row.status as ProjectStatusCode,
      percent: num(row.percent),
      reason: row.reason as "overdue" | "atRisk",
      latestComment: row.latest_comment as string | null,
    })),
  };
}

export type GroupRow = {
  code: string;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  total: number;
  completed: number;
  inProgress: number;
  averagePercent: number;
};

async function groupsAt(
  user: Actor,
  query: TReportQuery,
  moment: Date,
  by: "oblast" | "sector" | "horizon",
): Promise<GroupRow[]> {
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>(
    by === "horizon"
      ? Prisma.sql`SELECT coalesce(s.horizon::text, 'none') AS code, coalesce(s.horizon::text, 'none') AS name_kk,
          coalesce(s.horizon::text, 'none') AS name_ru, coalesce(s.horizon::text, 'none') AS name_en, count(*) AS total,
          count(*) FILTER (WHERE s.status = 'COMPLETED') AS completed,
          count(*) FILTER (WHERE s.status IN ('DESIGN', 'IN_PROGRESS')) AS in_progress, coalesce(avg(s.percent), 0)::float AS average_percent
          FROM (${stateAt(user, query, moment)}) s GROUP BY s.horizon ORDER BY s.horizon NULLS LAST`
      : by === "oblast"
        ? Prisma.sql`SELECT o.code, o.name_kk, o.name_ru, o.name_en, count(*) AS total, count(*) FILTER (WHERE s.status = 'COMPLETED') AS completed,
          count(*) FILTER (WHERE s.status IN ('DESIGN', 'IN_PROGRESS')) AS in_progress, coalesce(avg(s.percent), 0)::float AS average_percent
          FROM (${stateAt(user, query, moment)}) s JOIN project_oblasts po ON po.project_id = s.id JOIN oblasts o ON o.id = po.oblast_id
          GROUP BY o.id, o.code, o.name_kk, o.name_ru, o.name_en ORDER BY o.id`
        : Prisma.sql`SELECT sec.code, sec.name_kk, sec.name_ru, sec.name_en, count(*) AS total, count(*) FILTER (WHERE s.status = 'COMPLETED') AS completed,
          count(*) FILTER (WHERE s.status IN ('DESIGN', 'IN_PROGRESS')) AS in_progress, coalesce(avg(s.percent), 0)::float AS average_percent
          FROM (${stateAt(user, query, moment)}) s JOIN categories c ON c.id = s.category_id JOIN sectors sec ON sec.id = c.sector_id
          GROUP BY sec.id, sec.code, sec.name_kk, sec.name_ru, sec.name_en, sec.sort_order ORDER BY sec.sort_order`,
  );
  return rows.map((row) => ({
    code: String(row.code),
    nameKk: String(row.name_kk),
    nameRu: String(row.name_ru),
    nameEn: String(row.name_en),
    total: num(row.total),
    completed: num(row.completed),
    inProgress: num(row.in_progress),
    averagePercent: Math.round(num(row.average_percent) * 10) / 10,
  }));
}

/** Rows of the changes table (and of the completed list) per page on screen; exports take every row. */
export const REPORT_PAGE_SIZE = 100;

export type TurnedProject = {
  code: string;
  nameKk: string;
  nameRu: string | null;
  nameEn: string | null;
  status: ProjectStatusCode;
  percent: number;
  turnedRed: boolean;
  becameOverdue: boolean;
};

/** Projects that turned RED, or became overdue, during the period (not so at its start, so at its end). */
async function turnedIn(user: Actor, query: TReportQuery, from: Date, to: Date): Promise<TurnedProject[]> {
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT p.code, p.name_kk, p.name_ru, p.name_en, e.status, e.percent,
      (e.confidence::text = 'RED' AND coalesce(b.confidence::text, '') <> 'RED' AND e.status NOT IN ('COMPLETED', 'CANCELLED'))
        AS turned_red,
      (${figureSql("overdue", query.to, "e")} AND NOT ${figureSql("overdue", query.from, "b")}) AS became_overdue
    FROM (${stateAt(user, query, to)}) e JOIN (${stateAt(user, query, from)}) b ON b.id = e.id
    JOIN projects p ON p.id = e.id
    WHERE (e.confidence::text = 'RED' AND coalesce(b.confidence::text, '') <> 'RED' AND e.status NOT IN ('COMPLETED', 'CANCELLED'))
       OR (${figureSql("overdue", query.to, "e")} AND NOT ${figureSql("overdue", query.from, "b")})
    ORDER BY p.code LIMIT 500`);
  return rows.map((row) => ({
    code: String(row.code),
    nameKk: String(row.name_kk),
    nameRu: row.name_ru as string | null,
    nameEn: row.name_en as string | null,
    status: row.status as ProjectStatusCode,
    percent: num(row.percent),
    turnedRed: Boolean(row.turned_red),
    becameOverdue: Boolean(row.became_overdue),
  }));
}

export type OpenBlocker = {
  code: string;
  nameKk: string;
  nameRu: string | null;
  nameEn: string | null;
  category: string;
  description: string;
  escalation: string;
  dueDate: string | null;
};

/**
 * Blockers open at the period's end (their last version recorded before it is OPEN or IN_HAND), the most escalated
 * and the longest due first; `total` counts them all.
 */
async function openBlockersAt(
  user: Actor,
  query: TReportQuery,
  moment: Date,
): Promise<{ total: number; top: OpenBlocker[] }> {
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT p.code, p.name_kk, p.name_ru, p.name_en, c.category::text AS category, c.description,
      c.escalation::text AS escalation, to_char(c.due_date, 'YYYY-MM-DD') AS due_date, count(*) OVER () AS total
    FROM blockers bl JOIN projects p ON p.id = bl.project_id
    JOIN LATERAL (
      SELECT x.* FROM blocker_changes x WHERE x.blocker_id = bl.id AND x.at < ${moment}
      ORDER BY x.at DESC, x.id DESC LIMIT 1
    ) c ON TRUE
    WHERE ${projectFilter(user, query)} AND c.status IN ('OPEN', 'IN_HAND')
    ORDER BY c.escalation DESC, c.due_date NULLS LAST, bl.id LIMIT 5`);
  return {
    total: rows.length ? num(rows[0]!.total) : 0,
    top: rows.map((row) => ({
      code: String(row.code),
      nameKk: String(row.name_kk),
      nameRu: row.name_ru as string | null,
      nameEn: row.name_en as string | null,
      category: String(row.category),
      description: String(row.description),
      escalation: String(row.escalation),
      dueDate: row.due_date as string | null,
    })),
  };
}

export type PeriodReport = {
  query: TReportQuery;
  start: PeriodFigures;
  end: PeriodFigures;
  /** The projects that changed in the period (on screen: the page asked for, REPORT_PAGE_SIZE rows). */
  changes: ProjectChange[];
  /** How many projects changed in the period, and which page of them `changes` holds (1 when not paged). */
  changesTotal: number;
  page: number;
  pages: number;
  /** The projects completed in the period (on screen: the first REPORT_PAGE_SIZE). */
  completedInPeriod: ProjectChange[];
  completedTotal: number;
  attention: AttentionProject[];
  /** How many projects are overdue or at risk at the period's end (the table lists the first ATTENTION_LISTED). Absent
   * in reports saved before it was kept: there the list was the whole count unless it held 500 rows. */
  attentionTotal?: number;
  byOblast: GroupRow[];
  bySector: GroupRow[];
  /** By horizon year; `code` is the year or "none". */
  byHorizon: GroupRow[];
  turned: TurnedProject[];
  openBlockers: { total: number; top: OpenBlocker[] };
  /**
   * The blockers raised and those resolved in the period (lib/schedule/blockers.ts, the register's definition); on
   * screen the first REPORT_PAGE_SIZE of each. Absent in reports saved before it existed.
   */
  blockersInPeriod?: BlockersInPeriod;
};

/**
 * The period report (managers, ministry, admins for any scope; akimat officers for their own oblast only). With
 * `page`, the report is for the screen: the changes table holds that page of REPORT_PAGE_SIZE rows and the
 * completed list its first rows (at 100 000 projects a quarter changes tens of thousands); without, every row
 * (exports, PDF, tests).
 */
export async function buildPeriodReport(
  user: Actor,
  requested: TReportQuery,
  options: { page?: number; pageSize?: number } = {},
): Promise<PeriodReport | null> {
  if (!can(user, "report.view")) return null;
  const ownOblast = scopedOblastId(user);
  let query = requested;
  if (ownOblast !== null) {
    const own = await prisma.oblast.findUniqueOrThrow({ where: { id: ownOblast } });
    query = { ...requested, scope: own.code as TReportQuery["scope"] };
  }
  const from = startOf(query.from);
  const to = endOf(query.to);
  const paged = options.page !== undefined;
  const page = paged ? Math.max(1, Math.floor(options.page!)) : 1;
  const size = Math.max(1, Math.floor(options.pageSize ?? REPORT_PAGE_SIZE));
  const [start, end, changes, completed, attention, byOblast, bySector, byHorizon, turned, openBlockers, blockers] =
    await Promise.all([
      figuresAt(user, query, from, query.from),
      figuresAt(user, query, to, query.to),
      changesIn(user, query, from, to, {
        completedOnly: false,
        slice: paged ? { limit: size, offset: (page - 1) * size } : null,
      }),
      paged ? changesIn(user, query, from, to, { completedOnly: true, slice: { limit: size, offset: 0 } }) : null,
      attentionAt(user, query, query.to, to),
      groupsAt(user, query, to, "oblast"),
      groupsAt(user, query, to, "sector"),
      groupsAt(user, query, to, "horizon"),
      turnedIn(user, query, from, to),
      openBlockersAt(user, query, to),
      blockersInPeriod(
        user,
        { from: query.from, to: query.to },
        {
          oblast: query.scope === "region" ? undefined : query.scope,
          sectors: query.sectors,
          horizons: query.horizons,
          kind: query.kind,
        },
        paged ? size : null,
      ),
    ]);
  const completedInPeriod =
    completed?.rows ??
    changes.rows.filter((change) => change.toStatus === "COMPLETED" && change.fromStatus !== "COMPLETED");
  return {
    query,
    start,
    end,
    changes: changes.rows,
    changesTotal: changes.total,
    page,
    pages: paged ? Math.max(1, Math.ceil(changes.total / size)) : 1,
    completedInPeriod,
    completedTotal: completed?.total ?? completedInPeriod.length,
    attention: attention.rows,
    attentionTotal: attention.total,
    byOblast,
    bySector,
    byHorizon,
    turned,
    openBlockers,
    blockersInPeriod: blockers,
  };
}
