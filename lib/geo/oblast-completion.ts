import "server-only";
import type { Actor } from "../auth/permissions";
import { scopedOblastId } from "../auth/permissions";
import { perRender } from "../cache/aggregate-cache";
import { prisma } from "../db";
import type { KindChoice } from "../figures/figure-names";
import { Prisma } from "../generated/prisma/client";

export type OblastCompletion = { code: string; total: number; completed: number; percent: number };

/**
 * Completion per oblast for the map: completed projects of the dashboard's kind (capital objects, programme measures
 * or both) over all of that kind touching the oblast. Read from the maintained roll-ups (lib/rollups: one row set per oblast,
 * every project touching it, inter-oblast ones included), the same rows the dashboards' cards and charts read, so
 * the map, an oblast's dashboard, its completion bar and its list always agree.
 *
 * An akimat officer gets their own oblast only: the roll-ups count each oblast whole, and another oblast's figure
 * is outside what the officer may see (the map draws the other oblasts without figures).
 */
export async function getOblastCompletion(user: Actor, kind: KindChoice): Promise<OblastCompletion[]> {
  const own = scopedOblastId(user);
  const key = `geo:oblastCompletion:${own ?? "all"}:${kind}`;
  return perRender(key, async () => {
    const rows = await prisma.$queryRaw<{ code: string; total: bigint; completed: bigint }[]>(Prisma.sql`
      SELECT o.code, coalesce(sum(r.projects), 0) AS total,
             coalesce(sum(r.projects) FILTER (WHERE r.status = 'COMPLETED'), 0) AS completed
      FROM oblasts o
      LEFT JOIN rollup_projects r ON r.oblast_id = o.id AND ${kind === "ALL" ? Prisma.sql`TRUE` : Prisma.sql`r.kind = ${kind}`}
      WHERE ${own === null ? Prisma.sql`TRUE` : Prisma.sql`o.id = ${own}`}
      GROUP BY o.code ORDER BY o.code`);
    return rows.map((row) => {
      const total = Number(row.total);
      const completed = Number(row.completed);
      return {
        code: row.code,
        total,
        completed,
        percent: total === 0 ? 0 : Math.round((completed / total) * 1000) / 10,
      };
    });
  });
}
