import "server-only";
import { Prisma } from "../generated/prisma/client";
import { scopedOblastId, type Actor } from "../auth/permissions";

/**
 * The SQL twin of `projectScope`: a condition on the projects table (aliased `p`) limiting raw aggregates to the
 * projects the user may see, so counts and charts never disagree with the lists.
 */
export function projectScopeSql(user: Actor): Prisma.Sql {
  const oblastId = scopedOblastId(user);
  return oblastId === null
    ? Prisma.sql`TRUE`
    : Prisma.sql`EXISTS (SELECT 1 FROM project_oblasts po WHERE po.project_id = p.id AND po.oblast_id = ${oblastId})`;
}
