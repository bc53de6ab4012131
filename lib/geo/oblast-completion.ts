import "server-only";
import type { Actor } from "../auth/permissions";
import { scopedOblastId } from "../auth/permissions";
import { perRender } from "../cache/aggregate-cache";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { projectFilterSql } from "../projects/scope-sql";

export type MapKind = "objects" | "measures";
export type OblastCompletion = { code: string; total: number; completed: number; percent: number };

/**
 * Completion per oblast for the map: completed projects of one kind (capital objects or programme measures) over
 * all of that kind touching the oblast, within what the user may see. An inter-oblast project counts in each
 * oblast it touches, as on the oblast dashboards.
 */
export async function getOblastCompletion(user: Actor, kind: MapKind): Promise<OblastCompletion[]> {
  const key = `geo:oblastCompletion:${scopedOblastId(user) ?? "all"}:${kind}`;
  return perRender(key, async () => {
    const rows = await prisma.$queryRaw<{ code: string; total: bigint; completed: bigint }[]>(Prisma.sql`
      SELECT o.code, count(p.id) AS total, count(p.id) FILTER (WHERE p.status = 'COMPLETED') AS completed
      FROM oblasts o
      LEFT JOIN project_oblasts po ON po.oblast_id = o.id
      LEFT JOIN projects p ON p.id = po.project_id AND p.kind = ${kind === "objects" ? "OBJECT" : "MEASURE"}::"ProjectKind"
        AND ${projectFilterSql(user, {})}
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
