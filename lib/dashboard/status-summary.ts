import "server-only";
import type { Actor } from "../auth/permissions";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { PROJECT_STATUSES, type ProjectStatusCode } from "../reference-data";
import { projectScopeSql } from "../projects/scope-sql";

export type StatusSummary = {
  total: number;
  byStatus: Record<ProjectStatusCode, number>;
  averagePercent: number;
  updatedProjects: number;
};

/** Project counts per status and the average completion in the user's scope, aggregated in SQL. */
export async function getStatusSummary(user: Actor): Promise<StatusSummary> {
  const rows = await prisma.$queryRaw<{ status: ProjectStatusCode; count: bigint; percent_sum: bigint; updated: bigint }[]>(Prisma.sql`
    SELECT p.status, count(*) AS count, coalesce(sum(p.percent_complete), 0) AS percent_sum,
           count(*) FILTER (WHERE p.version > 1) AS updated
    FROM projects p
    WHERE p.withdrawn_at IS NULL AND ${projectScopeSql(user)}
    GROUP BY p.status`);
  const byStatus = Object.fromEntries(PROJECT_STATUSES.map((status) => [status, 0])) as Record<ProjectStatusCode, number>;
  let total = 0;
  let percentSum = 0;
  let updatedProjects = 0;
  for (const row of rows) {
    byStatus[row.status] = Number(row.count);
    total += Number(row.count);
    percentSum += Number(row.percent_sum);
    updatedProjects += Number(row.updated);
  }
  return { total, byStatus, averagePercent: total === 0 ? 0 : Math.round((percentSum / total) * 10) / 10, updatedProjects };
}
