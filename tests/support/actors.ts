import type { Actor } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";

/** A demo account as the services see it. */
export async function actor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: user.id, role: user.role, oblastId: user.oblastId };
}

/**
 * A new account of its own, for tests that reset passwords or end sessions: changing a shared demo account would
 * break the sign-in of whichever test file runs after.
 */
export async function throwawayActor(role: Actor["role"], oblastCode: string | null, label: string): Promise<Actor> {
  const oblast = oblastCode ? await prisma.oblast.findUniqueOrThrow({ where: { code: oblastCode } }) : null;
  const user = await prisma.user.create({
    data: {
      email: `${label}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@batys.test`,
      name: `Test ${label}`,
      role,
      oblastId: oblast?.id ?? null,
      passwordHash: "not-a-hash: this account never signs in",
    },
  });
  return { id: user.id, role: user.role, oblastId: user.oblastId };
}

/**
 * A project touching exactly one oblast, with a planned quantity, never written: for tests that write progress.
 * `offset` only tells apart the projects one file takes before writing any of them (0, 1, 2…): files run one after
 * another and a written project leaves this pool, so a high offset only risks running past the pool's end (about 30
 * projects an oblast) once earlier files have taken theirs.
 */
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
