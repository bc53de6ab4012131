import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";

// The history of a project's confidence, dates, budget and responsible organisation (project_detail_history) is
// written by a trigger on projects in the changing transaction; the trigger takes the acting user from a
// transaction-local setting that every write path sets first with `recordActor`.

/** Names the acting user for the history rows this transaction writes (cleared at commit or rollback). */
export async function recordActor(tx: Prisma.TransactionClient, actorId: number): Promise<void> {
  await tx.$executeRaw`SELECT set_config('batys.actor_id', ${String(actorId)}, true)`;
}

export type DetailChange = {
  at: string;
  actor: string | null;
  version: number;
  fields: string[];
  values: Record<string, string | number | null>;
};

const iso = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);
const money = (value: Prisma.Decimal | null) => (value === null ? null : value.toString());

/** The detail changes of a project (newest last), optionally only those that made a version after `afterVersion`. */
export async function detailChanges(projectId: number, afterVersion = 0, take = 50): Promise<DetailChange[]> {
  const rows = await prisma.projectDetailHistory.findMany({
    where: { projectId, projectVersion: { gt: afterVersion }, NOT: { changedFields: "" } },
    orderBy: [{ changedAt: "asc" }, { id: "asc" }],
    include: { actor: { select: { name: true } } },
    take,
  });
  return rows.map((row) => {
    const all: Record<string, string | number | null> = {
      responsibleOrganisation: row.responsibleOrganisation,
      baselineStart: iso(row.baselineStart),
      baselineFinish: iso(row.baselineFinish),
      forecastStart: iso(row.forecastStart),
      forecastFinish: iso(row.forecastFinish),
      actualStart: iso(row.actualStart),
      actualFinish: iso(row.actualFinish),
      budgetBaseline: money(row.budgetBaseline),
      budgetForecast: money(row.budgetForecast),
      budgetSpent: money(row.budgetSpent),
      budgetNote: row.budgetNote,
      confidence: row.confidence,
      confidenceReason: row.confidenceReason,
    };
    return {
      at: row.changedAt.toISOString(),
      actor: row.actor?.name ?? null,
      version: row.projectVersion,
      fields: row.changedFields.split(","),
      values: Object.fromEntries(row.changedFields.split(",").map((field) => [field, all[field] ?? null])),
    };
  });
}
