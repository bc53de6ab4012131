import "server-only";
import { can, type Actor } from "../auth/permissions";
import { ForbiddenError } from "../auth/errors";
import { prisma } from "../db";

export async function listUsers(actor: Actor) {
  if (!can(actor, "user.manage")) throw new ForbiddenError();
  return prisma.user.findMany({
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { id: true, name: true, email: true, role: true, active: true, oblast: { select: { code: true, nameKk: true, nameRu: true, nameEn: true } } },
  });
}
