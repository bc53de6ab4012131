import "server-only";
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { isoDate } from "./calendar";
import type { ProjectState } from "./progress-rules";

export type ProjectForChange = Prisma.ProjectGetPayload<{ include: { oblasts: true } }>;

/** Loads a project for a write by someone who may see it; null when it does not exist for them (a 404). */
export async function projectForChange(user: Actor, code: string): Promise<ProjectForChange | null> {
  const project = await prisma.project.findUnique({ where: { code }, include: { oblasts: true } });
  if (!project || !can(user, "project.view", { oblastIds: project.oblasts.map((link) => link.oblastId) })) return null;
  return project;
}

export const oblastIdsOf = (project: { oblasts: { oblastId: number }[] }) => ({
  oblastIds: project.oblasts.map((link) => link.oblastId),
});

/** The project as the progress rules see it. */
export function projectStateOf(project: ProjectForChange): ProjectState {
  return {
    status: project.status,
    percentComplete: project.percentComplete,
    plannedQuantity: project.plannedQuantity === null ? null : Number(project.plannedQuantity),
    unit: project.unit,
    lastProgressAsOf: project.lastProgressAsOf ? isoDate(project.lastProgressAsOf) : null,
    forecastFinish: project.forecastFinish ? isoDate(project.forecastFinish) : null,
  };
}
