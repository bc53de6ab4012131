import "server-only";
import { prisma } from "../db";
import type { Confidence } from "../generated/prisma/enums";

// The delivery confidence of a project over time, with its narrative: every change of the rating or its reason,
// who made it and when, read from the append-only project_detail_history (written by a trigger in the changing
// transaction), so the project page tells the story beside its milestones and blockers.

export type ConfidenceChange = { at: Date; actor: string | null; confidence: Confidence | null; reason: string | null };

/** A project's confidence changes, newest first (the caller checked the user may see the project). */
export async function confidenceStory(projectId: number, take = 20): Promise<ConfidenceChange[]> {
  const rows = await prisma.projectDetailHistory.findMany({
    where: { projectId, changedFields: { contains: "confidence" } },
    orderBy: [{ changedAt: "desc" }, { id: "desc" }],
    include: { actor: { select: { name: true } } },
    take,
  });
  return rows
    .filter((row) =>
      row.changedFields.split(",").some((field) => field === "confidence" || field === "confidenceReason"),
    )
    .map((row) => ({
      at: row.changedAt,
      actor: row.actor?.name ?? null,
      confidence: row.confidence,
      reason: row.confidenceReason,
    }));
}
