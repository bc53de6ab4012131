import "server-only";
import { scopedOblastId, type Actor } from "../auth/permissions";
import { perRender } from "../cache/aggregate-cache";
import { prisma } from "../db";
import { figureSql } from "../figures/definitions";
import type { KindChoice } from "../figures/figure-names";
import { Prisma } from "../generated/prisma/client";
import { todayInKazakhstan } from "../progress/calendar";
import { projectViewSql } from "../projects/scope-sql";
import type { ProjectStatusCode } from "../reference-data";
import {
  isOblastView,
  rollupDistrictsFrom,
  rollupMonthsFrom,
  rollupMonthsWhere,
  rollupProjectsFrom,
  rollupWhere,
} from "../rollups/rollup-scope";

// Every figure of the dashboards. Counts, sums and the monthly trend come from the roll-ups (lib/rollups, kept exact
// by the writes' own transactions), a few hundred rows per view; the date-dependent figures (overdue, at risk,
// stalled) are counted with their one definition (lib/figures/definitions.ts) for today's date, as an index range
// over each project's stored first day in the figure.
// The page receives a few hundred numbers, never the rows behind them.

/**
 * Which projects a dashboard is about. `kind` reads objects, measures or both (undefined = both); `mine` narrows it
 * to the user's own projects (responsible for, a contact of, or watching: lib/projects/responsibility-scope.ts).
 */
export type DashboardFilter = { oblastCode?: string; sectorCode?: string; kind?: KindChoice; mine?: boolean };
/** `today` (YYYY-MM-DD, Kazakhstan) is injectable so tests can move the clock; it defaults to the real day. */
export type DashboardOptions = { today?: string };

/** Physical delivery tracked on the dashboards: category and unit whose quantities can be added up. */
export const PHYSICAL_MEASURES = [
  { key: "roadKm", category: "road", unit: "km" },
  { key: "railwayKm", category: "railway", unit: "km" },
  { key: "powerMw", category: "power-plant", unit: "MW" },
  { key: "schoolPlaces", category: "education", unit: "places" },
] as const;

/** Each aggregate once per render, keyed by everything it depends on (today's date included). */
function once<T>(name: string, user: Actor, filter: DashboardFilter, today: string, compute: () => Promise<T>) {
  const mine = filter.mine ? `mine-${user.id}` : "-";
  const key = `dashboard:${name}:${scopedOblastId(user) ?? "all"}:${filter.oblastCode ?? "-"}:${filter.sectorCode ?? "-"}:${filter.kind ?? "ALL"}:${mine}:${today}`;
  return perRender(key, compute);
}

const num = (value: bigint | number | string | null | undefined | Prisma.Decimal) =>
  value === null || value === undefined ? 0 : Number(value);
const tenth = (value: number) => Math.round(value * 10) / 10;

export type Figures = {
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
  completionByCount: number;
  weighted: { key: string; planned: number; done: number }[];
};

/** The date-dependent figures of a view, counted on the projects for `today`. */
function dateFigures(user: Actor, filter: DashboardFilter, today: string) {
  return once("dateFigures", user, filter, today, () => countDateFigures(user, filter, today));
}

async function countDateFigures(user: Actor, filter: DashboardFilter, today: string) {
  // Each figure counted on its own index: the projects whose first day in the figure is today or earlier (the days
  // are kept by triggers, lib/figures/definitions.ts), never a scan of every project in scope.
  const count = (figure: "overdue" | "atRisk" | "stalled") =>
    Prisma.sql`(SELECT count(*) FROM projects p WHERE ${projectViewSql(user, filter)} AND ${figureSql(figure, today)})`;
  const [row] = await prisma.$queryRaw<{ overdue: bigint; at_risk: bigint; stalled: bigint }[]>(Prisma.sql`
    SELECT ${count("overdue")} AS overdue, ${count("atRisk")} AS at_risk, ${count("stalled")} AS stalled`);
  return { overdue: num(row!.overdue), atRisk: num(row!.at_risk), stalled: num(row!.stalled) };
}

export async function getFigures(
  user: Actor,
  filter: DashboardFilter,
  options: DashboardOptions = {},
): Promise<Figures> {
  const today = options.today ?? todayInKazakhstan();
  return once("getFigures", user, filter, today, async () => {
    const [[row], weightedRows, dated] = await Promise.all([
      prisma.$queryRaw<Record<string, bigint | number | null>[]>(Prisma.sql`
        SELECT coalesce(sum(r.projects), 0) AS total,
          coalesce(sum(r.projects) FILTER (WHERE r.status = 'PLANNED'), 0) AS not_started,
          coalesce(sum(r.projects) FILTER (WHERE r.status = 'DESIGN'), 0) AS design,
          coalesce(sum(r.projects) FILTER (WHERE r.status = 'IN_PROGRESS'), 0) AS in_progress,
          coalesce(sum(r.projects) FILTER (WHERE r.status = 'COMPLETED'), 0) AS completed,
          coalesce(sum(r.projects) FILTER (WHERE r.status = 'PAUSED'), 0) AS paused,
          coalesce(sum(r.projects) FILTER (WHERE r.status = 'CANCELLED'), 0) AS cancelled,
          coalesce(sum(r.projects) FILTER (WHERE r.status NOT IN ('COMPLETED', 'CANCELLED') AND r.confidence = 'AMBER'), 0) AS watch,
          coalesce(sum(r.percent_sum)::float / nullif(sum(r.projects), 0), 0) AS average_percent
        FROM ${rollupProjectsFrom(user, filter)} r WHERE ${rollupWhere(user, filter)}`),
      prisma.$queryRaw<{ category: string; unit: string; planned: Prisma.Decimal; done: Prisma.Decimal }[]>(Prisma.sql`
        SELECT c.code AS category, r.unit, sum(r.planned_quantity) AS planned, sum(r.done_quantity) AS done
        FROM ${rollupProjectsFrom(user, filter)} r JOIN categories c ON c.id = r.category_id
        WHERE ${rollupWhere(user, filter)} AND r.status <> 'CANCELLED'
          AND (c.code, r.unit) IN (('road', 'km'), ('railway', 'km'), ('power-plant', 'MW'))
        GROUP BY c.code, r.unit`),
      dateFigures(user, filter, today),
    ]);
    const total = num(row!.total);
    return {
      total,
      notStarted: num(row!.not_started),
      design: num(row!.design),
      inProgress: num(row!.in_progress),
      completed: num(row!.completed),
      paused: num(row!.paused),
      cancelled: num(row!.cancelled),
      watch: num(row!.watch),
      ...dated,
      averagePercent: tenth(num(row!.average_percent)),
      completionByCount: total === 0 ? 0 : tenth((num(row!.completed) / total) * 100),
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

const STATUS_SUMS = Prisma.sql`
  coalesce(sum(r.projects) FILTER (WHERE r.status = 'PLANNED'), 0) AS "PLANNED",
  coalesce(sum(r.projects) FILTER (WHERE r.status = 'DESIGN'), 0) AS "DESIGN",
  coalesce(sum(r.projects) FILTER (WHERE r.status = 'IN_PROGRESS'), 0) AS "IN_PROGRESS",
  coalesce(sum(r.projects) FILTER (WHERE r.status = 'COMPLETED'), 0) AS "COMPLETED",
  coalesce(sum(r.projects) FILTER (WHERE r.status = 'PAUSED'), 0) AS "PAUSED",
  coalesce(sum(r.projects) FILTER (WHERE r.status = 'CANCELLED'), 0) AS "CANCELLED"`;

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
export async function getStatusBySector(
  user: Actor,
  filter: DashboardFilter,
  options: DashboardOptions = {},
): Promise<StatusBreakdownRow[]> {
  const today = options.today ?? todayInKazakhstan();
  return once("getStatusBySector", user, filter, today, async () => {
    const rows = filter.sectorCode
      ? await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
          SELECT c.code, c.name_kk, c.name_ru, c.name_en, ${STATUS_SUMS}
          FROM ${rollupProjectsFrom(user, filter)} r JOIN categories c ON c.id = r.category_id
          WHERE ${rollupWhere(user, filter)}
          GROUP BY c.code, c.name_kk, c.name_ru, c.name_en, c.sort_order HAVING sum(r.projects) > 0 ORDER BY c.sort_order`)
      : await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
          SELECT s.code, s.name_kk, s.name_ru, s.name_en, ${STATUS_SUMS}
          FROM ${rollupProjectsFrom(user, filter)} r JOIN categories c ON c.id = r.category_id JOIN sectors s ON s.id = c.sector_id
          WHERE ${rollupWhere(user, filter)}
          GROUP BY s.code, s.name_kk, s.name_ru, s.name_en, s.sort_order HAVING sum(r.projects) > 0 ORDER BY s.sort_order`);
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
    averagePercent: tenth(num(row.average_percent as number)),
  }));
}

const COMPLETION = Prisma.sql`sum(r.projects) AS total,
  coalesce(sum(r.projects) FILTER (WHERE r.status = 'COMPLETED'), 0) AS completed,
  coalesce(sum(r.percent_sum)::float / nullif(sum(r.projects), 0), 0) AS average_percent`;

/**
 * Completion per oblast for the region (an inter-oblast project counts in each oblast it touches, so the rows add
 * up to more than the region's total — the tables say so), or per district within one oblast.
 */
export async function getCompletionByPlace(
  user: Actor,
  filter: DashboardFilter,
  options: DashboardOptions = {},
): Promise<CompletionRow[]> {
  const today = options.today ?? todayInKazakhstan();
  return once("getCompletionByPlace", user, filter, today, async () => {
    if (isOblastView(user, filter)) {
      return completionRows(
        await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
        SELECT coalesce(d.code, '-') AS code, coalesce(d.name_kk, '-') AS name_kk, d.name_ru, d.name_en, ${COMPLETION}
        FROM ${rollupDistrictsFrom(user, filter)} r LEFT JOIN districts d ON d.id = r.district_id
        WHERE ${rollupWhere(user, filter)}
        GROUP BY d.code, d.name_kk, d.name_ru, d.name_en HAVING sum(r.projects) > 0 ORDER BY d.name_kk NULLS LAST`),
      );
    }
    return completionRows(
      await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT o.code, o.name_kk, o.name_ru, o.name_en, ${COMPLETION}
      FROM ${rollupProjectsFrom(user, filter)} r JOIN oblasts o ON o.id = r.oblast_id
      WHERE ${rollupWhere(user, filter, { oblast: false })}
      GROUP BY o.id, o.code, o.name_kk, o.name_ru, o.name_en HAVING sum(r.projects) > 0 ORDER BY o.id`),
    );
  });
}

export async function getCompletionByHorizon(
  user: Actor,
  filter: DashboardFilter,
  options: DashboardOptions = {},
): Promise<CompletionRow[]> {
  const today = options.today ?? todayInKazakhstan();
  return once("getCompletionByHorizon", user, filter, today, async () => {
    return completionRows(
      await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT CASE WHEN r.horizon = 0 THEN 'none' ELSE r.horizon::text END AS code,
             CASE WHEN r.horizon = 0 THEN 'none' ELSE r.horizon::text END AS name_kk, NULL AS name_ru, NULL AS name_en,
             ${COMPLETION}
      FROM ${rollupProjectsFrom(user, filter)} r WHERE ${rollupWhere(user, filter)}
      GROUP BY r.horizon HAVING sum(r.projects) > 0 ORDER BY r.horizon = 0, r.horizon`),
    );
  });
}

export type MonthPoint = { month: string; completed: number; averagePercent: number };

/**
 * Month by month from the monthly trend roll-up: each progress update carries the status and percent it replaced,
 * so the monthly sums of those changes, accumulated with a window function, give the number of completed projects
 * and the average percent at each month's end.
 */
export async function getProgressOverTime(
  user: Actor,
  filter: DashboardFilter,
  options: DashboardOptions = {},
): Promise<MonthPoint[]> {
  const today = options.today ?? todayInKazakhstan();
  return once("getProgressOverTime", user, filter, today, async () => {
    const [rows, [projects]] = await Promise.all([
      prisma.$queryRaw<{ month: Date; completed: bigint | number; percent_total: bigint | number }[]>(Prisma.sql`
        WITH monthly AS (
          SELECT r.month, sum(r.completions) AS completions, sum(r.percent_gained) AS percent_gained
          FROM ${rollupMonthsFrom(user, filter)} r WHERE ${rollupMonthsWhere(user, filter)} GROUP BY r.month HAVING sum(r.updates) > 0
        )
        SELECT month, sum(completions) OVER (ORDER BY month) AS completed,
               sum(percent_gained) OVER (ORDER BY month) AS percent_total
        FROM monthly ORDER BY month`),
      prisma.$queryRaw<{ n: bigint | null }[]>(
        Prisma.sql`SELECT sum(r.projects) AS n FROM ${rollupProjectsFrom(user, filter)} r WHERE ${rollupWhere(user, filter)}`,
      ),
    ]);
    const count = num(projects?.n ?? null);
    return rows.map((row) => ({
      month: row.month.toISOString().slice(0, 7),
      completed: num(row.completed),
      averagePercent: count === 0 ? 0 : tenth(num(row.percent_total) / count),
    }));
  });
}

export type DeliveryRow = { key: string; horizon: string; planned: number; done: number };

/** Physical delivery planned and done per horizon: road km, railway km, MW, school places. */
export async function getPhysicalDelivery(
  user: Actor,
  filter: DashboardFilter,
  options: DashboardOptions = {},
): Promise<DeliveryRow[]> {
  const today = options.today ?? todayInKazakhstan();
  return once("getPhysicalDelivery", user, filter, today, async () => {
    const rows = await prisma.$queryRaw<
      { category: string; unit: string; horizon: string; planned: Prisma.Decimal | null; done: Prisma.Decimal | null }[]
    >(Prisma.sql`
      SELECT c.code AS category, r.unit, CASE WHEN r.horizon = 0 THEN 'none' ELSE r.horizon::text END AS horizon,
             sum(r.planned_quantity) AS planned, sum(r.done_quantity) AS done
      FROM ${rollupProjectsFrom(user, filter)} r JOIN categories c ON c.id = r.category_id
      WHERE ${rollupWhere(user, filter)} AND r.status <> 'CANCELLED'
        AND (c.code, r.unit) IN (('road', 'km'), ('railway', 'km'), ('power-plant', 'MW'), ('education', 'places'))
      GROUP BY 1, 2, 3, r.horizon HAVING sum(r.projects) > 0 ORDER BY 1, r.horizon = 0, r.horizon`);
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

/** `at` is an ISO timestamp. */
export type MovedProject = {
  code: string;
  nameKk: string;
  nameRu: string | null;
  nameEn: string | null;
  status: ProjectStatusCode;
  percentComplete: number;
  at: string | null;
};

/** The projects updated most recently, and the first stalled projects (see the stalled figure's definition). */
export async function getMovement(
  user: Actor,
  filter: DashboardFilter,
  options: DashboardOptions = {},
): Promise<{ recent: MovedProject[]; stalled: MovedProject[]; stalledCount: number }> {
  const today = options.today ?? todayInKazakhstan();
  return once("getMovement", user, filter, today, async () => {
    const select = Prisma.sql`SELECT p.code, p.name_kk AS "nameKk", p.name_ru AS "nameRu", p.name_en AS "nameEn", p.status, p.percent_complete AS "percentComplete", p.last_progress_at AS at FROM projects p`;
    type Row = Omit<MovedProject, "at"> & { at: Date | null };
    const [recent, stalled, dated] = await Promise.all([
      prisma.$queryRaw<Row[]>(
        Prisma.sql`${select} WHERE ${projectViewSql(user, filter)} AND p.last_progress_at IS NOT NULL ORDER BY p.last_progress_at DESC LIMIT 8`,
      ),
      prisma.$queryRaw<Row[]>(
        Prisma.sql`${select} WHERE ${projectViewSql(user, filter)} AND ${figureSql("stalled", today)}
          ORDER BY p.stalled_from, p.code LIMIT 8`,
      ),
      dateFigures(user, filter, today),
    ]);
    const plain = (rows: Row[]) => rows.map((row) => ({ ...row, at: row.at ? row.at.toISOString() : null }));
    return { recent: plain(recent), stalled: plain(stalled), stalledCount: dated.stalled };
  });
}
