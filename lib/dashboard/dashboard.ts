import "server-only";
import { scopedOblastId, type Actor } from "../auth/permissions";
import { cachedAggregate } from "../cache/aggregate-cache";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { todayInKazakhstan } from "../progress/calendar";
import { projectFilterSql } from "../projects/scope-sql";
import type { ProjectStatusCode } from "../reference-data";

// Every figure of the dashboards, aggregated in SQL over the projects the user may see (projectScopeSql), optionally
// narrowed to one oblast or one sector. The page receives a few hundred numbers, never the rows behind them.

export type DashboardFilter = { oblastCode?: string; sectorCode?: string };

/** A started project with no update for this long is shown as stalled. */
const STALLED_AFTER_DAYS = 90;
/** Physical delivery tracked on the dashboards: category and unit whose quantities can be added up. */
export const PHYSICAL_MEASURES = [
  { key: "roadKm", category: "road", unit: "km" },
  { key: "railwayKm", category: "railway", unit: "km" },
  { key: "powerMw", category: "power-plant", unit: "MW" },
  { key: "schoolPlaces", category: "education", unit: "places" },
] as const;

/**
 * Dashboard aggregates are cached in PostgreSQL per scope and filter until projects or their history change, so
 * the first reader after a change pays for the SQL and everyone else, on every instance, reads the result.
 */
function cached<T>(name: string, user: Actor, filter: DashboardFilter, compute: () => Promise<T>): Promise<T> {
  const key = `dashboard:${name}:${scopedOblastId(user) ?? "all"}:${filter.oblastCode ?? "-"}:${filter.sectorCode ?? "-"}`;
  return cachedAggregate(key, compute);
}

function whereSql(user: Actor, filter: DashboardFilter): Prisma.Sql {
  return projectFilterSql(user, {
    oblastCode: filter.oblastCode,
    sectorCodes: filter.sectorCode ? [filter.sectorCode] : [],
  });
}

const num = (value: bigint | number | string | null | undefined | Prisma.Decimal) =>
  value === null || value === undefined ? 0 : Number(value);

export type Figures = {
  total: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  paused: number;
  cancelled: number;
  overdue: number;
  atRisk: number;
  averagePercent: number;
  completionByCount: number;
  weighted: { key: string; planned: number; done: number }[];
};

export async function getFigures(user: Actor, filter: DashboardFilter): Promise<Figures> {
  return cached("getFigures", user, filter, async () => {
    const today = todayInKazakhstan();
    const [row] = await prisma.$queryRaw<Record<string, bigint | number | null>[]>(Prisma.sql`
      SELECT count(*) AS total,
        count(*) FILTER (WHERE p.status = 'COMPLETED') AS completed,
        count(*) FILTER (WHERE p.status IN ('DESIGN', 'IN_PROGRESS')) AS in_progress,
        count(*) FILTER (WHERE p.status = 'PLANNED') AS not_started,
        count(*) FILTER (WHERE p.status = 'PAUSED') AS paused,
        count(*) FILTER (WHERE p.status = 'CANCELLED') AS cancelled,
        count(*) FILTER (WHERE p.status NOT IN ('COMPLETED', 'CANCELLED') AND p.horizon IS NOT NULL AND make_date(p.horizon, 12, 31) < ${today}::date) AS overdue,
        count(*) FILTER (WHERE p.status NOT IN ('COMPLETED', 'CANCELLED') AND (p.confidence = 'RED' OR (
          p.baseline_start IS NOT NULL AND p.baseline_finish > p.baseline_start AND ${today}::date > p.baseline_start AND
          p.percent_complete < 100.0 * LEAST(1, (${today}::date - p.baseline_start)::numeric / (p.baseline_finish - p.baseline_start))))) AS at_risk,
        coalesce(avg(p.percent_complete), 0)::float AS average_percent
      FROM projects p WHERE ${whereSql(user, filter)}`);
    const weightedRows = await prisma.$queryRaw<
      { category: string; unit: string; planned: Prisma.Decimal | null; done: Prisma.Decimal | null }[]
    >(Prisma.sql`
      SELECT c.code AS category, p.unit, sum(p.planned_quantity) AS planned, sum(coalesce(p.quantity_done, CASE WHEN p.status = 'COMPLETED' THEN p.planned_quantity ELSE 0 END)) AS done
      FROM projects p JOIN categories c ON c.id = p.category_id
      WHERE ${whereSql(user, filter)} AND p.status <> 'CANCELLED' AND (c.code, p.unit) IN (('road', 'km'), ('railway', 'km'), ('power-plant', 'MW'))
      GROUP BY c.code, p.unit`);
    const total = num(row!.total);
    return {
      total,
      completed: num(row!.completed),
      inProgress: num(row!.in_progress),
      notStarted: num(row!.not_started),
      paused: num(row!.paused),
      cancelled: num(row!.cancelled),
      overdue: num(row!.overdue),
      atRisk: num(row!.at_risk),
      averagePercent: Math.round(num(row!.average_percent) * 10) / 10,
      completionByCount: total === 0 ? 0 : Math.round((num(row!.completed) / total) * 1000) / 10,
      weighted: PHYSICAL_MEASURES.slice(0, 3).map((measure) => {
        const found = weightedRows.find(
          (candidate) => candidate.category === measure.category && candidate.unit === measure.unit,
        );
        return { key: measure.key, planned: num(found?.planned ?? null), done: num(found?.done ?? null) };
      }),
    };
  });
}

export type StatusBreakdownRow = { code: string; nameKk: string; nameRu: string; nameEn: string } & Record<
  ProjectStatusCode,
  number
>;

const STATUS_COUNTS = Prisma.sql`
  count(*) FILTER (WHERE p.status = 'PLANNED') AS "PLANNED", count(*) FILTER (WHERE p.status = 'DESIGN') AS "DESIGN",
  count(*) FILTER (WHERE p.status = 'IN_PROGRESS') AS "IN_PROGRESS", count(*) FILTER (WHERE p.status = 'COMPLETED') AS "COMPLETED",
  count(*) FILTER (WHERE p.status = 'PAUSED') AS "PAUSED", count(*) FILTER (WHERE p.status = 'CANCELLED') AS "CANCELLED"`;

function statusRows(rows: Record<string, unknown>[]): StatusBreakdownRow[] {
  return rows.map((row) => ({
    code: String(row.code),
    nameKk: String(row.name_kk),
    nameRu: String(row.name_ru ?? row.name_kk),
    nameEn: String(row.name_en ?? row.name_kk),
    PLANNED: num(row.PLANNED as bigint),
    DESIGN: num(row.DESIGN as bigint),
    IN_PROGRESS: num(row.IN_PROGRESS as bigint),
    COMPLETED: num(row.COMPLETED as bigint),
    PAUSED: num(row.PAUSED as bigint),
    CANCELLED: num(row.CANCELLED as bigint),
  }));
}

/** Project counts per status for each sector (or, within one sector, each category). */
export async function getStatusBySector(user: Actor, filter: DashboardFilter): Promise<StatusBreakdownRow[]> {
  return cached("getStatusBySector", user, filter, async () => {
    const rows = filter.sectorCode
      ? await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
          SELECT c.code, c.name_kk, c.name_ru, c.name_en, ${STATUS_COUNTS}
          FROM projects p JOIN categories c ON c.id = p.category_id
          WHERE ${whereSql(user, filter)} GROUP BY c.code, c.name_kk, c.name_ru, c.name_en, c.sort_order ORDER BY c.sort_order`)
      : await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
          SELECT s.code, s.name_kk, s.name_ru, s.name_en, ${STATUS_COUNTS}
          FROM projects p JOIN categories c ON c.id = p.category_id JOIN sectors s ON s.id = c.sector_id
          WHERE ${whereSql(user, filter)} GROUP BY s.code, s.name_kk, s.name_ru, s.name_en, s.sort_order ORDER BY s.sort_order`);
    return statusRows(rows);
  });
}

export type CompletionRow = {
  code: string;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  total: number;
  completed: number;
  averagePercent: number;
};

function completionRows(rows: Record<string, unknown>[]): CompletionRow[] {
  return rows.map((row) => ({
    code: String(row.code),
    nameKk: String(row.name_kk),
    nameRu: String(row.name_ru ?? row.name_kk),
    nameEn: String(row.name_en ?? row.name_kk),
    total: num(row.total as bigint),
    completed: num(row.completed as bigint),
    averagePercent: Math.round(num(row.average_percent as number) * 10) / 10,
  }));
}

const COMPLETION = Prisma.sql`count(DISTINCT p.id) AS total, count(DISTINCT p.id) FILTER (WHERE p.status = 'COMPLETED') AS completed, coalesce(avg(p.percent_complete), 0)::float AS average_percent`;

/** Completion per oblast (an inter-oblast project counts in each oblast it touches), or per district within one oblast. */
export async function getCompletionByPlace(user: Actor, filter: DashboardFilter): Promise<CompletionRow[]> {
  return cached("getCompletionByPlace", user, filter, async () => {
    if (filter.oblastCode) {
      return completionRows(
        await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
        SELECT coalesce(d.code, '-') AS code, coalesce(d.name_kk, '-') AS name_kk, d.name_ru, d.name_en, ${COMPLETION}
        FROM projects p LEFT JOIN districts d ON d.id = p.district_id
        WHERE ${whereSql(user, filter)} GROUP BY d.code, d.name_kk, d.name_ru, d.name_en ORDER BY d.name_kk NULLS LAST`),
      );
    }
    return completionRows(
      await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT o.code, o.name_kk, o.name_ru, o.name_en, ${COMPLETION}
      FROM projects p JOIN project_oblasts po ON po.project_id = p.id JOIN oblasts o ON o.id = po.oblast_id
      WHERE ${whereSql(user, filter)} GROUP BY o.id, o.code, o.name_kk, o.name_ru, o.name_en ORDER BY o.id`),
    );
  });
}

export async function getCompletionByHorizon(user: Actor, filter: DashboardFilter): Promise<CompletionRow[]> {
  return cached("getCompletionByHorizon", user, filter, async () => {
    return completionRows(
      await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT coalesce(p.horizon::text, 'none') AS code, coalesce(p.horizon::text, 'none') AS name_kk, NULL AS name_ru, NULL AS name_en, ${COMPLETION}
      FROM projects p WHERE ${whereSql(user, filter)} GROUP BY p.horizon ORDER BY p.horizon NULLS LAST`),
    );
  });
}

export type MonthPoint = { month: string; completed: number; averagePercent: number };

/**
 * Month by month from the append-only history: each update carries the status and percent it replaced, so the
 * monthly sums of those changes, accumulated with a window function, give the number of completed projects and
 * the average percent at each month's end.
 */
export async function getProgressOverTime(user: Actor, filter: DashboardFilter): Promise<MonthPoint[]> {
  return cached("getProgressOverTime", user, filter, async () => {
    const rows = await prisma.$queryRaw<
      { month: Date; completed: bigint | number; percent_total: bigint | number; projects: bigint }[]
    >(Prisma.sql`
      WITH scoped AS (SELECT p.id FROM projects p WHERE ${whereSql(user, filter)}),
      monthly AS (
        SELECT date_trunc('month', u.as_of)::date AS month,
               sum(CASE WHEN u.status = 'COMPLETED' AND u.previous_status <> 'COMPLETED' THEN 1
                        WHEN u.status <> 'COMPLETED' AND u.previous_status = 'COMPLETED' THEN -1 ELSE 0 END) AS completed_change,
               sum(u.percent_complete - u.previous_percent) AS percent_change
        FROM progress_updates u JOIN scoped s ON s.id = u.project_id
        GROUP BY 1
      )
      SELECT month, sum(completed_change) OVER (ORDER BY month) AS completed, sum(percent_change) OVER (ORDER BY month) AS percent_total,
             (SELECT count(*) FROM scoped) AS projects
      FROM monthly ORDER BY month`);
    return rows.map((row) => ({
      month: row.month.toISOString().slice(0, 7),
      completed: num(row.completed),
      averagePercent: num(row.projects) === 0 ? 0 : Math.round((num(row.percent_total) / num(row.projects)) * 10) / 10,
    }));
  });
}

export type DeliveryRow = { key: string; horizon: string; planned: number; done: number };

/** Physical delivery planned and done per horizon: road km, railway km, MW, school places. */
export async function getPhysicalDelivery(user: Actor, filter: DashboardFilter): Promise<DeliveryRow[]> {
  return cached("getPhysicalDelivery", user, filter, async () => {
    const rows = await prisma.$queryRaw<
      { category: string; unit: string; horizon: string; planned: Prisma.Decimal | null; done: Prisma.Decimal | null }[]
    >(Prisma.sql`
      SELECT c.code AS category, p.unit, coalesce(p.horizon::text, 'none') AS horizon, sum(p.planned_quantity) AS planned,
             sum(coalesce(p.quantity_done, CASE WHEN p.status = 'COMPLETED' THEN p.planned_quantity ELSE 0 END)) AS done
      FROM projects p JOIN categories c ON c.id = p.category_id
      WHERE ${whereSql(user, filter)} AND p.status <> 'CANCELLED'
        AND (c.code, p.unit) IN (('road', 'km'), ('railway', 'km'), ('power-plant', 'MW'), ('education', 'places'))
      GROUP BY 1, 2, 3 ORDER BY 1, 3`);
    return rows.flatMap((row) => {
      const measure = PHYSICAL_MEASURES.find(
        (candidate) => candidate.category === row.category && candidate.unit === row.unit,
      );
      return measure
        ? [{ key: measure.key, horizon: row.horizon, planned: num(row.planned), done: num(row.done) }]
        : [];
    });
  });
}

/** `at` is an ISO timestamp (the result is cached as JSON). */
export type MovedProject = {
  code: string;
  nameKk: string;
  nameRu: string | null;
  nameEn: string | null;
  status: ProjectStatusCode;
  percentComplete: number;
  at: string | null;
};

/** The projects updated most recently, and started projects with no update for 90 days. */
export async function getMovement(
  user: Actor,
  filter: DashboardFilter,
): Promise<{ recent: MovedProject[]; stalled: MovedProject[]; stalledCount: number }> {
  return cached("getMovement", user, filter, async () => {
    const select = Prisma.sql`SELECT p.code, p.name_kk AS "nameKk", p.name_ru AS "nameRu", p.name_en AS "nameEn", p.status, p.percent_complete AS "percentComplete", p.last_progress_at AS at FROM projects p`;
    const stalledWhere = Prisma.sql`${whereSql(user, filter)} AND p.status IN ('DESIGN', 'IN_PROGRESS', 'PAUSED')
      AND coalesce(p.last_progress_at, p.updated_at) < now() - make_interval(days => ${STALLED_AFTER_DAYS})`;
    type Row = Omit<MovedProject, "at"> & { at: Date | null };
    const [recent, stalled, [count]] = await Promise.all([
      prisma.$queryRaw<Row[]>(
        Prisma.sql`${select} WHERE ${whereSql(user, filter)} AND p.last_progress_at IS NOT NULL ORDER BY p.last_progress_at DESC LIMIT 8`,
      ),
      prisma.$queryRaw<Row[]>(
        Prisma.sql`${select} WHERE ${stalledWhere} ORDER BY coalesce(p.last_progress_at, p.updated_at) LIMIT 8`,
      ),
      prisma.$queryRaw<{ n: bigint }[]>(Prisma.sql`SELECT count(*) AS n FROM projects p WHERE ${stalledWhere}`),
    ]);
    const plain = (rows: Row[]) => rows.map((row) => ({ ...row, at: row.at ? row.at.toISOString() : null }));
    return { recent: plain(recent), stalled: plain(stalled), stalledCount: num(count!.n) };
  });
}
