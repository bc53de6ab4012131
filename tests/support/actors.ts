import type { Actor } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";

/** A demo account as the services see it. */
export async function actor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: user.id, role: user.role, oblastId: user.oblastId };
}

/** A project touching exactly one oblast, with a planned quantity, for tests that write progress. */
export async function freshProject(oblastCode: string, offset = 0) {
  return prisma.project.findFirstOrThrow({
    where: {
      status: "PLANNED",
      version: 1,
      plannedQuantity: { not: null },
      withdrawnAt: null,
      oblasts: { every: { oblast: { code: oblastCode } }, some: {} },
    },
    orderBy: { code: "asc" },
    skip: offset,
    include: { oblasts: true },
  });
}

/** Everything about a project a refused write must leave untouched. */
export async function projectFingerprint(projectId: number) {
  const [project, updates, audits, reports] = await Promise.all([
    prisma.project.findUniqueOrThrow({ where: { id: projectId } }),
    prisma.progressUpdate.count({ where: { projectId } }),
    prisma.auditLog.count({ where: { targetType: "project", targetId: String(projectId) } }),
    prisma.fieldReport.count({ where: { projectId } }),
  ]);
  return { ...project, updatedAt: project.updatedAt.toISOString(), updates, audits, reports };
}
