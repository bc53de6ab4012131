import "server-only";
import { prisma } from "../db";
import { isoDate } from "./calendar";

/** What someone else changed since the form was loaded, for the conflict message. */
export type ConcurrentChange = { at: string; actor: string | null; action: string; after: Record<string, unknown> };
export type ProgressSnapshot = {
  version: number;
  status: string;
  percentComplete: number;
  quantityDone: number | null;
  lastProgressAsOf: string | null;
};

/** The project's current values and the audited changes made after `sinceVersion`. */
export async function concurrentChanges(
  projectId: number,
  sinceVersion: number,
): Promise<{ current: ProgressSnapshot; changes: ConcurrentChange[] }> {
  const project = await prisma.project.findUniqueOrThrow({ where: { id: projectId } });
  const entries = await prisma.auditLog.findMany({
    where: { targetType: "project", targetId: String(projectId), after: { path: ["version"], gt: sinceVersion } },
    orderBy: { at: "asc" },
    include: { actor: { select: { name: true } } },
    take: 20,
  });
  return {
    current: {
      version: project.version,
      status: project.status,
      percentComplete: project.percentComplete,
      quantityDone: project.quantityDone === null ? null : Number(project.quantityDone),
      lastProgressAsOf: project.lastProgressAsOf ? isoDate(project.lastProgressAsOf) : null,
    },
    changes: entries.map((entry) => ({
      at: entry.at.toISOString(),
      actor: entry.actor?.name ?? null,
      action: entry.action,
      after: (entry.after ?? {}) as Record<string, unknown>,
    })),
  };
}
