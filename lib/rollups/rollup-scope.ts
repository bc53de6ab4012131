import "server-only";
import { scopedOblastId, type Actor } from "../auth/permissions";
import { Prisma } from "../generated/prisma/client";
import type { KindChoice } from "../figures/figure-names";

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
