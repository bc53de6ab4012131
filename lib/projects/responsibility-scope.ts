import "server-only";
import { Prisma } from "../generated/prisma/client";
import type { Actor } from "../auth/permissions";

/** "My projects": those the user is responsible for, a regional contact of, or watches. */
export function myProjectsWhere(user: Actor): Prisma.ProjectWhereInput {
  return {
    OR: [
      { responsibleOfficerId: user.id },
      { contacts: { some: { userId: user.id } } },
      { watchers: { some: { userId: user.id } } },
    ],
  };
}

/** The SQL twin of `myProjectsWhere`, on the projects table aliased `p`. */
export function myProjectsSql(user: Actor): Prisma.Sql {
  return Prisma.sql`(p.responsible_officer_id = ${user.id}
    OR EXISTS (SELECT 1 FROM project_contacts mc WHERE mc.project_id = p.id AND mc.user_id = ${user.id})
    OR EXISTS (SELECT 1 FROM project_watchers mw WHERE mw.project_id = p.id AND mw.user_id = ${user.id}))`;
}
