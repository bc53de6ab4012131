import "server-only";
import { can, scopedOblastId, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { projectFilterSql } from "../projects/scope-sql";
import type { ProjectStatusCode } from "../reference-data";
import type { TReportQuery } from "./report-query";

// A period report is rebuilt from the append-only history: the state of a project at a moment is its latest
// progress update recorded before that moment. A report for a past period therefore shows what the tracker knew at
// the period's end, whenever it is generated. Moments are midnights in Kazakhstan (UTC+5).

const startOf = (day: string) => new Date(`${day}T00:00:00+05:00`);
const endOf = (day: string) => new Date(startOf(day).getTime() + 86_400_000);
const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

/** The report's projects: the user's scope, the chosen oblast, horizons and sectors. */
function projectFilter(user: Actor, query: TReportQuery): Prisma.Sql {
  return projectFilterSql(user, {
    oblastCode: query.scope === "region" ? undefined : query.scope,
    sectorCodes: query.sectors,
    horizons: query.horizons,
  });
}

/** Each project's status, percent and quantity as the history stood at `moment`. */
function stateAt(user: Actor, query: TReportQuery, moment: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT p.id, p.code, p.category_id, p.horizon, p.planned_quantity, p.unit,
           coalesce(h.status, 'PLANNED') AS status, coalesce(h.percent_complete, 0) AS percent, h.quantity_done
    FROM projects p
    LEFT JOIN LATERAL (
      SELECT u.status, u.percent_complete, u.quantity_done FROM progress_updates u
      WHERE u.project_id = p.id AND u.created_at < ${moment} ORDER BY u.created_at DESC, u.id DESC LIMIT 1
    ) h ON TRUE
    WHERE ${projectFilter(user, query)}`;
}

export type PeriodFigures = {
  total: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  paused: number;
  cancelled: number;
  averagePercent: number;
};

async function figuresAt(user: Actor, query: TReportQuery, moment: Date): Promise<PeriodFigures> {
  const [row] = await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT count(*) AS total, count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
      count(*) FILTER (WHERE status IN ('DESIGN', 'IN_PROGRESS')) AS in_progress, count(*) FILTER (WHERE status = 'PLANNED') AS not_started,
      count(*) FILTER (WHERE status = 'PAUSED') AS paused, count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
      coalesce(avg(percent), 0)::float AS average_percent
    FROM (${stateAt(user, query, moment)}) s`);
  return {
    total: num(row!.total),
    completed: num(row!.completed),
    inProgress: num(row!.in_progress),
    notStarted: num(row!.not_started),
    paused: num(row!.paused),
    cancelled: num(row!.cancelled),
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

/** What changed during the period, project by project, from the history rows recorded in it. */
async function changesIn(user: Actor, query: TReportQuery, from: Date, to: Date): Promise<ProjectChange[]> {
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
    SELECT s.code, s.name_kk, s.name_ru, s.name_en, s.unit,
      max(f.previous_status::text) FILTER (WHERE f.first_rank = 1) AS from_status, max(f.status::text) FILTER (WHERE f.last_rank = 1) AS to_status,
      max(f.previous_percent) FILTER (WHERE f.first_rank = 1) AS from_percent, max(f.percent_complete) FILTER (WHERE f.last_rank = 1) AS to_percent,
      max(f.quantity_done) FILTER (WHERE f.last_rank = 1) - coalesce(max(b.quantity_done), 0) AS delivered,
      count(*) AS updates, array_remove(array_agg(f.comment ORDER BY f.created_at), NULL) AS comments
    FROM period f JOIN scoped s ON s.id = f.project_id LEFT JOIN before b ON b.project_id = f.project_id
    GROUP BY s.code, s.name_kk, s.name_ru, s.name_en, s.unit ORDER BY s.code`);
  const confidence = await prisma.$queryRaw<
    { code: string; confidence: string | null; reason: string | null }[]
  >(Prisma.sql`
    SELECT p.code, a.after ->> 'confidence' AS confidence, a.after ->> 'confidenceReason' AS reason
    FROM audit_logs a JOIN projects p ON a.target_type = 'project' AND a.target_id = p.id::text
    WHERE a.action = 'project.details' AND a.after ? 'confidence' AND a.at >= ${from} AND a.at < ${to} AND ${projectFilter(user, query)}
    ORDER BY a.at`);
  return rows.map((row) => ({
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

/** At the period's end: overdue (horizon year passed, not completed) and at-risk (RED confidence or behind a straight-line schedule). */
async function attentionAt(
  user: Actor,
  query: TReportQuery,
  endDay: string,
  moment: Date,
): Promise<AttentionProject[]> {
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT p.code, p.name_kk, p.name_ru, p.name_en, s.status, s.percent,
      CASE WHEN p.horizon IS NOT NULL AND make_date(p.horizon, 12, 31) < ${endDay}::date THEN 'overdue' ELSE 'atRisk' END AS reason,
      (SELECT u.comment FROM progress_updates u WHERE u.project_id = p.id AND u.created_at < ${moment} AND u.comment IS NOT NULL ORDER BY u.created_at DESC LIMIT 1) AS latest_comment
    FROM (${stateAt(user, query, moment)}) s JOIN projects p ON p.id = s.id
    WHERE s.status NOT IN ('COMPLETED', 'CANCELLED') AND (
      (p.horizon IS NOT NULL AND make_date(p.horizon, 12, 31) < ${endDay}::date) OR p.confidence = 'RED' OR
      (p.baseline_start IS NOT NULL AND p.baseline_finish > p.baseline_start AND ${endDay}::date > p.baseline_start AND
       s.percent < 100.0 * LEAST(1, (${endDay}::date - p.baseline_start)::numeric / (p.baseline_finish - p.baseline_start))))
    ORDER BY reason DESC, p.code LIMIT 500`);
  return rows.map((row) => ({
    code: String(row.code),
    nameKk: String(row.name_kk),
    nameRu: row.name_ru as string | null,
    nameEn: row.name_en as string | null,
    status: row.status as ProjectStatusCode,
    percent: num(row.percent),
    reason: row.reason as "overdue" | "atRisk",
    latestComment: row.latest_comment as string | null,
  }));
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

async function groupsAt(user: Actor, query: TReportQuery, moment: Date, by: "oblast" | "sector"): Promise<GroupRow[]> {
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>(
    by === "oblast"
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

export type PeriodReport = {
  query: TReportQuery;
  start: PeriodFigures;
  end: PeriodFigures;
  changes: ProjectChange[];
  completedInPeriod: ProjectChange[];
  attention: AttentionProject[];
  byOblast: GroupRow[];
  bySector: GroupRow[];
};

/** The period report (managers, ministry, admins for any scope; akimat officers for their own oblast only). */
export async function buildPeriodReport(user: Actor, requested: TReportQuery): Promise<PeriodReport | null> {
  if (!can(user, "report.view")) return null;
  const ownOblast = scopedOblastId(user);
  let query = requested;
  if (ownOblast !== null) {
    const own = await prisma.oblast.findUniqueOrThrow({ where: { id: ownOblast } });
    query = { ...requested, scope: own.code as TReportQuery["scope"] };
  }
  const from = startOf(query.from);
  const to = endOf(query.to);
  const [start, end, changes, attention, byOblast, bySector] = await Promise.all([
    figuresAt(user, query, from),
    figuresAt(user, query, to),
    changesIn(user, query, from, to),
    attentionAt(user, query, query.to, to),
    groupsAt(user, query, to, "oblast"),
    groupsAt(user, query, to, "sector"),
  ]);
  return {
    query,
    start,
    end,
    changes,
    completedInPeriod: changes.filter((change) => change.toStatus === "COMPLETED" && change.fromStatus !== "COMPLETED"),
    attention,
    byOblast,
    bySector,
  };
}
