import "server-only";
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import { PROJECT_CODE_PATTERN } from "../reference-data";

const HISTORY_LIMIT = 100;

/**
 * One project with what its page shows, or null when it does not exist or the user may not see it — the two are
 * indistinguishable on purpose, so project codes of other oblasts do not leak.
 */
export async function getProjectForUser(user: Actor, code: string) {
  if (!PROJECT_CODE_PATTERN.test(code)) return null;
  const project = await prisma.project.findUnique({
    where: { code },
    include: {
      category: { include: { sector: true } },
      district: true,
      oblasts: { include: { oblast: true }, orderBy: { oblastId: "asc" } },
      progressUpdates: {
        orderBy: { createdAt: "desc" },
        take: HISTORY_LIMIT,
        include: { author: { select: { name: true } }, reportedBy: { select: { name: true } } },
      },
    },
  });
  if (!project) return null;
  if (!can(user, "project.view", { oblastIds: project.oblasts.map((link) => link.oblastId) })) return null;
  return {
    ...project,
    plannedQuantity: project.plannedQuantity === null ? null : Number(project.plannedQuantity),
    quantityDone: project.quantityDone === null ? null : Number(project.quantityDone),
    budgetBaseline: project.budgetBaseline === null ? null : Number(project.budgetBaseline),
    budgetForecast: project.budgetForecast === null ? null : Number(project.budgetForecast),
    budgetSpent: project.budgetSpent === null ? null : Number(project.budgetSpent),
    progressUpdates: project.progressUpdates.map((update) => ({
      ...update,
      quantityDone: update.quantityDone === null ? null : Number(update.quantityDone),
    })),
  };
}
