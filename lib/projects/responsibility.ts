import "server-only";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { PROJECT_CODE_PATTERN } from "../reference-data";
import { projectListWhere, type TProjectListQuery } from "./list-projects";

// Who answers for a project: a responsible officer (ministry staff or an admin), who also watches it, and the
// akimat officers of its oblast(s) named as regional contacts. Anyone who may see a project may watch it.

/** A bulk assignment touches at most this many projects at once. */
export const MAX_BULK_ASSIGN = 2000;

const ZUserIdOrNone = z.preprocess(
  (value) => (value === "" || value === null || value === undefined ? null : value),
  z.coerce.number().int().positive().nullable(),
);
const ZContactIds = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.coerce.number().int().positive()).max(50),
);

export const ZAssignResponsibilityInput = z.object({
  projectCode: z.string().regex(PROJECT_CODE_PATTERN),
  officerId: ZUserIdOrNone,
  contactIds: ZContactIds,
});
export const ZWatchInput = z.object({ projectCode: z.string().regex(PROJECT_CODE_PATTERN), watch: z.boolean() });
export const ZBulkAssignInput = z.object({ officerId: ZUserIdOrNone });

export type ResponsibilityFailure = "forbidden" | "notFound" | "invalid" | "invalidOfficer" | "invalidContact";
export type ResponsibilityResult = { ok: true } | { ok: false; reason: ResponsibilityFailure };

async function visibleProject(user: Actor, code: string) {
  const project = await prisma.project.findUnique({
    where: { code },
    select: { id: true, code: true, responsibleOfficerId: true, oblasts: { select: { oblastId: true } } },
  });
  if (!project) return null;
  const oblastIds = project.oblasts.map((link) => link.oblastId);
  return can(user, "project.view", { oblastIds }) ? { ...project, oblastIds } : null;
}

/** Ministry staff and admins may be responsible officers. */
async function isOfficer(tx: Prisma.TransactionClient, userId: number): Promise<boolean> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, active: true } });
  return Boolean(user?.active && (user.role === "MINISTRY" || user.role === "ADMIN"));
}

/** Who may be chosen on a project: officers, and the akimat officers of its oblasts. */
export async function assignableUsers(oblastIds: readonly number[]) {
  const [officers, contacts] = await Promise.all([
    prisma.user.findMany({
      where: { active: true, role: { in: ["MINISTRY", "ADMIN"] } },
      select: { id: true, name: true, email: true },
      orderBy: { name: "asc" },
    }),
    prisma.user.findMany({
      where: { active: true, role: "AKIMAT", oblastId: { in: [...oblastIds] } },
      select: { id: true, name: true, email: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return { officers, contacts };
}

/** What the project page shows: the officer, the contacts and whether the reader watches the project. */
export async function projectResponsibility(user: Actor, projectId: number) {
  const [project, contacts, watching] = await Promise.all([
    prisma.project.findUnique({
      where: { id: projectId },
      select: { responsibleOfficer: { select: { id: true, name: true, email: true } } },
    }),
    prisma.projectContact.findMany({
      where: { projectId },
      select: { user: { select: { id: true, name: true, email: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    prisma.projectWatcher.findUnique({ where: { projectId_userId: { projectId, userId: user.id } } }),
  ]);
  return {
    officer: project?.responsibleOfficer ?? null,
    contacts: contacts.map((contact) => contact.user),
    watching: watching !== null,
  };
}

/** Sets a project's responsible officer and regional contacts; the officer starts watching the project. */
export async function assignResponsibility(
  user: Actor,
  raw: unknown,
  context: { ip: string | null },
): Promise<ResponsibilityResult> {
  if (!can(user, "project.assignResponsibility")) return { ok: false, reason: "forbidden" };
  const parsed = ZAssignResponsibilityInput.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const project = await visibleProject(user, parsed.data.projectCode);
  if (!project) return { ok: false, reason: "notFound" };
  const { officerId } = parsed.data;
  const contactIds = [...new Set(parsed.data.contactIds)];
  return prisma.$transaction(async (tx) => {
    if (officerId !== null && !(await isOfficer(tx, officerId))) return { ok: false, reason: "invalidOfficer" };
    const contacts = await tx.user.findMany({
      where: { id: { in: contactIds }, active: true, role: "AKIMAT", oblastId: { in: project.oblastIds } },
      select: { id: true },
    });
    if (contacts.length !== contactIds.length) return { ok: false, reason: "invalidContact" };
    const before = await tx.projectContact.findMany({ where: { projectId: project.id }, select: { userId: true } });
    await tx.project.update({ where: { id: project.id }, data: { responsibleOfficerId: officerId } });
    await tx.projectContact.deleteMany({ where: { projectId: project.id } });
    if (contactIds.length > 0)
      await tx.projectContact.createMany({ data: contactIds.map((userId) => ({ projectId: project.id, userId })) });
    if (officerId !== null)
      await tx.projectWatcher.createMany({
        data: [{ projectId: project.id, userId: officerId }],
        skipDuplicates: true,
      });
    await writeAudit(tx, {
      actorId: user.id,
      action: "project.assignResponsibility",
      targetType: "project",
      targetId: String(project.id),
      before: { officerId: project.responsibleOfficerId, contactIds: before.map((contact) => contact.userId) },
      after: { officerId, contactIds },
      ip: context.ip,
    });
    return { ok: true } as const;
  });
}

/** Sets the responsible officer of every project a filtered list selects, in one transaction with one audit row. */
export async function bulkAssignResponsibleOfficer(
  user: Actor,
  query: TProjectListQuery,
  raw: unknown,
  context: { ip: string | null },
): Promise<{ ok: true; count: number } | { ok: false; reason: ResponsibilityFailure | "tooMany" }> {
  if (!can(user, "project.assignResponsibility")) return { ok: false, reason: "forbidden" };
  const parsed = ZBulkAssignInput.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { officerId } = parsed.data;
  const where = await projectListWhere(user, query);
  const projects = await prisma.project.findMany({ where, select: { id: true }, take: MAX_BULK_ASSIGN + 1 });
  if (projects.length > MAX_BULK_ASSIGN) return { ok: false, reason: "tooMany" };
  const ids = projects.map((project) => project.id);
  return prisma.$transaction(async (tx) => {
    if (officerId !== null && !(await isOfficer(tx, officerId))) return { ok: false, reason: "invalidOfficer" };
    await tx.project.updateMany({ where: { id: { in: ids } }, data: { responsibleOfficerId: officerId } });
    if (officerId !== null)
      await tx.projectWatcher.createMany({
        data: ids.map((projectId) => ({ projectId, userId: officerId })),
        skipDuplicates: true,
      });
    await writeAudit(tx, {
      actorId: user.id,
      action: "project.bulkAssignResponsibility",
      targetType: "project",
      after: { officerId, projectIds: ids },
      ip: context.ip,
    });
    return { ok: true, count: ids.length } as const;
  });
}

/** Starts or stops watching a project the user may see. */
export async function setWatching(user: Actor, raw: unknown): Promise<ResponsibilityResult> {
  const parsed = ZWatchInput.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const project = await visibleProject(user, parsed.data.projectCode);
  if (!project) return { ok: false, reason: "notFound" };
  if (!can(user, "project.watch", { oblastIds: project.oblastIds })) return { ok: false, reason: "forbidden" };
  if (parsed.data.watch)
    await prisma.projectWatcher.createMany({
      data: [{ projectId: project.id, userId: user.id }],
      skipDuplicates: true,
    });
  else await prisma.projectWatcher.deleteMany({ where: { projectId: project.id, userId: user.id } });
  return { ok: true };
}
