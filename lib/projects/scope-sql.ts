import "server-only";
import { Prisma } from "../generated/prisma/client";
import { scopedOblastId, type Actor } from "../auth/permissions";
import { myProjectsSql } from "./responsibility-scope";

export type ProjectSqlFilter = { oblastCode?: string | undefined; sectorCodes?: string[]; horizons?: string[] };

/**
 * The condition every dashboard and report query starts from: projects still in the catalog, within the user's
 * scope, narrowed to one oblast (inter-oblast projects touching it included), some sectors and some horizons
 * ("none" standing for projects without one).
 */
export function projectFilterSql(user: Actor, filter: ProjectSqlFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`p.withdrawn_at IS NULL`];
  // The user's scope (the SQL twin of `projectScope`) and the chosen oblast as one membership test on
  // project_oblasts, so the planner sees a single semi-join it can hash: two correlated EXISTS tests made it probe
  // every project of the oblast one by one (300 ms for an oblast's "at risk" at 100k).
  const own = scopedOblastId(user);
  const memberships: Prisma.Sql[] = [
    ...(own === null ? [] : [Prisma.sql`po.oblast_id = ${own}`]),
    ...(filter.oblastCode
      ? [Prisma.sql`po.oblast_id = (SELECT ob.id FROM oblasts ob WHERE ob.code = ${filter.oblastCode})`]
      : []),
  ];
  if (memberships.length)
    conditions.push(
      Prisma.sql`p.id IN (SELECT po.project_id FROM project_oblasts po WHERE ${Prisma.join(memberships, " AND ")})`,
    );
  if (filter.sectorCodes?.length) {
    conditions.push(
      Prisma.sql`p.category_id IN (SELECT c.id FROM categories c JOIN sectors s ON s.id = c.sector_id WHERE s.code IN (${Prisma.join(filter.sectorCodes)}))`,
    );
  }
  if (filter.horizons?.length) {
    const years = filter.horizons.filter((horizon) => horizon !== "none").map(Number);
    const alternatives = [
      ...(years.length ? [Prisma.sql`p.horizon IN (${Prisma.join(years)})`] : []),
      ...(filter.horizons.includes("none") ? [Prisma.sql`p.horizon IS NULL`] : []),
    ];
    conditions.push(Prisma.sql`(${Prisma.join(alternatives, " OR ")})`);
  }
  return Prisma.join(conditions, " AND ");
}

/** A dashboard's view of the projects: an oblast, a sector, objects or measures, and "my projects". */
export type ProjectView = {
  oblastCode?: string | undefined;
  sectorCode?: string | undefined;
  kind?: "ALL" | "OBJECT" | "MEASURE" | undefined;
  mine?: boolean | undefined;
};

/**
 * The projects a dashboard view counts, as a condition on `projects p`: the figures' date counts, its movement lists
 * and its blocker figures all start from it, so they count the projects of one view.
 */
export function projectViewSql(user: Actor, view: ProjectView): Prisma.Sql {
  const conditions = [
    projectFilterSql(user, { oblastCode: view.oblastCode, sectorCodes: view.sectorCode ? [view.sectorCode] : [] }),
  ];
  if (view.kind && view.kind !== "ALL") conditions.push(Prisma.sql`p.kind = ${view.kind}::"ProjectKind"`);
  if (view.mine) conditions.push(myProjectsSql(user));
  return Prisma.join(conditions, " AND ");
}
