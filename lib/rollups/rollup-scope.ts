import "server-only";
import { scopedOblastId, type Actor } from "../auth/permissions";
import { Prisma } from "../generated/prisma/client";
import type { KindChoice } from "../figures/figure-names";
import { myProjectsSql } from "../projects/responsibility-scope";

// Which roll-up rows answer a question: the region's rows (oblast 0, each project once) for someone who sees
// everything, one oblast's rows (every project touching it, inter-oblast ones included) for an oblast view or an
// akimat officer — the same projects `projectScope` gives the lists. Rows aliased `r`.

export type RollupFilter = {
  oblastCode?: string | undefined;
  sectorCode?: string | undefined;
  sectorCodes?: string[];
  horizons?: string[];
  kind?: KindChoice | undefined;
};

/** The oblast whose rows to read: an explicit oblast, else the user's own, else null for the region. */
function oblastCondition(user: Actor, filter: RollupFilter): Prisma.Sql {
  const own = scopedOblastId(user);
  if (filter.oblastCode) {
    const chosen = Prisma.sql`(SELECT o.id FROM oblasts o WHERE o.code = ${filter.oblastCode})`;
    return own === null
      ? Prisma.sql`r.oblast_id = ${chosen}`
      : Prisma.sql`r.oblast_id = ${own} AND r.oblast_id = ${chosen}`;
  }
  return own === null ? Prisma.sql`r.oblast_id = 0` : Prisma.sql`r.oblast_id = ${own}`;
}

/** True when the question is about one oblast (the user's own or a chosen one), not the whole region. */
export function isOblastView(user: Actor, filter: RollupFilter): boolean {
  return Boolean(filter.oblastCode) || scopedOblastId(user) !== null;
}

const sectorCodesOf = (filter: RollupFilter) => [
  ...(filter.sectorCode ? [filter.sectorCode] : []),
  ...(filter.sectorCodes ?? []),
];

/** The condition on roll-up rows (alias `r`) with a category_id column. */
export function rollupWhere(user: Actor, filter: RollupFilter, options: { oblast?: boolean } = {}): Prisma.Sql {
  const conditions: Prisma.Sql[] = options.oblast === false ? [] : [oblastCondition(user, filter)];
  const sectors = sectorCodesOf(filter);
  if (sectors.length)
    conditions.push(
      Prisma.sql`r.category_id IN (SELECT c.id FROM categories c JOIN sectors s ON s.id = c.sector_id WHERE s.code IN (${Prisma.join(sectors)}))`,
    );
  if (filter.kind && filter.kind !== "ALL") conditions.push(Prisma.sql`r.kind = ${filter.kind}`);
  if (filter.horizons?.length)
    conditions.push(
      Prisma.sql`r.horizon IN (${Prisma.join(filter.horizons.map((horizon) => (horizon === "none" ? 0 : Number(horizon))))})`,
    );
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

/** The condition on rollup_months rows (alias `r`), which carry a sector rather than a category. */
export function rollupMonthsWhere(user: Actor, filter: RollupFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [oblastCondition(user, filter)];
  const sectors = sectorCodesOf(filter);
  if (sectors.length)
    conditions.push(Prisma.sql`r.sector_id IN (SELECT s.id FROM sectors s WHERE s.code IN (${Prisma.join(sectors)}))`);
  if (filter.kind && filter.kind !== "ALL") conditions.push(Prisma.sql`r.kind = ${filter.kind}`);
  return Prisma.join(conditions, " AND ");
}

/** A view of the dashboards that is one user's own: "my projects" (responsible for, contact of, watching). */
export type MineFilter = { mine?: boolean | undefined };

const mineProjects = (user: Actor) => Prisma.sql`p.withdrawn_at IS NULL AND ${myProjectsSql(user)}`;
const projectOblasts = Prisma.sql`CROSS JOIN LATERAL (
  SELECT 0 AS oblast_id UNION ALL SELECT po.oblast_id FROM project_oblasts po WHERE po.project_id = p.id) o`;

/**
 * What to read as `rollup_projects`: the table, or for "my projects" the same rows computed from the user's own
 * projects (one row per project and oblast, the table's columns and meaning, as rollup_projects_expected() in the
 * migration), so every dashboard query reads one user's projects unchanged. A user's projects are few; counting
 * them directly is cheap, and the roll-ups, shared by everyone, cannot know whose they are.
 */
export function rollupProjectsFrom(user: Actor, filter: MineFilter): Prisma.Sql {
  if (!filter.mine) return Prisma.sql`rollup_projects`;
  return Prisma.sql`(SELECT o.oblast_id, p.category_id, coalesce(p.horizon, 0) AS horizon, p.kind::text AS kind,
      p.status::text AS status, coalesce(p.confidence::text, '') AS confidence, coalesce(p.unit, '') AS unit,
      1 AS projects, p.percent_complete::bigint AS percent_sum, coalesce(p.planned_quantity, 0) AS planned_quantity,
      coalesce(p.quantity_done, CASE WHEN p.status = 'COMPLETED' THEN p.planned_quantity END, 0) AS done_quantity
    FROM projects p ${projectOblasts} WHERE ${mineProjects(user)})`;
}

/** What to read as `rollup_districts` (see rollupProjectsFrom). */
export function rollupDistrictsFrom(user: Actor, filter: MineFilter): Prisma.Sql {
  if (!filter.mine) return Prisma.sql`rollup_districts`;
  return Prisma.sql`(SELECT po.oblast_id, coalesce(p.district_id, 0) AS district_id, p.category_id, p.kind::text AS kind,
      p.status::text AS status, 1 AS projects, p.percent_complete::bigint AS percent_sum
    FROM projects p JOIN project_oblasts po ON po.project_id = p.id WHERE ${mineProjects(user)})`;
}

/** What to read as `rollup_months` (see rollupProjectsFrom). */
export function rollupMonthsFrom(user: Actor, filter: MineFilter): Prisma.Sql {
  if (!filter.mine) return Prisma.sql`rollup_months`;
  return Prisma.sql`(SELECT o.oblast_id, c.sector_id, p.kind::text AS kind, date_trunc('month', u.as_of)::date AS month,
      1 AS updates,
      CASE WHEN u.status = 'COMPLETED' AND u.previous_status <> 'COMPLETED' THEN 1
           WHEN u.status <> 'COMPLETED' AND u.previous_status = 'COMPLETED' THEN -1 ELSE 0 END AS completions,
      (u.percent_complete - u.previous_percent)::bigint AS percent_gained
    FROM progress_updates u JOIN projects p ON p.id = u.project_id JOIN categories c ON c.id = p.category_id
    ${projectOblasts} WHERE ${mineProjects(user)})`;
}
