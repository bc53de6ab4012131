import "server-only";
import { can, type Actor } from "../auth/permissions";
import type { Prisma } from "../generated/prisma/client";
import type { NotificationKind, Role } from "../generated/prisma/enums";

export type EventForFanOut = {
  id: bigint;
  kind: NotificationKind;
  projectId: number | null;
  userId: number | null;
  actorId: number | null;
  subjectId: number | null;
  payload: unknown;
};

export type Recipient = { id: number; email: string; role: Role; oblastId: number | null; locale: string | null };

const RECIPIENT_FIELDS = { id: true, email: true, role: true, oblastId: true, locale: true, active: true } as const;

function authorOf(event: EventForFanOut): number | null {
  const payload = event.payload as Record<string, unknown> | null;
  const author = payload?.authorId;
  return typeof author === "number" ? author : null;
}

/**
 * Who is told about an event: the users the event concerns, less the one who caused it, less anyone inactive or
 * not allowed to see the project (the same `can(user, "project.view")` that guards the project page).
 */
export async function recipientsOf(tx: Prisma.TransactionClient, event: EventForFanOut): Promise<Recipient[]> {
  if (event.kind === "ACCOUNT_EVENT") {
    if (event.userId === null) return [];
    const user = await tx.user.findUnique({ where: { id: event.userId }, select: RECIPIENT_FIELDS });
    return user?.active ? [user] : [];
  }
  if (event.projectId === null) return [];
  const project = await tx.project.findUnique({
    where: { id: event.projectId },
    select: {
      responsibleOfficerId: true,
      withdrawnAt: true,
      oblasts: { select: { oblastId: true } },
      watchers: { select: { userId: true } },
    },
  });
  if (!project) return [];
  const oblastIds = project.oblasts.map((link) => link.oblastId);
  const candidates = new Set<number>();
  let reviewersByRole = false;
  switch (event.kind) {
    case "FIELD_REPORT_SUBMITTED":
      // The responsible officer reviews their project's reports; without one, every reviewer is told.
      if (project.responsibleOfficerId !== null) candidates.add(project.responsibleOfficerId);
      else reviewersByRole = true;
      break;
    case "FIELD_REPORT_ACCEPTED":
    case "FIELD_REPORT_REJECTED": {
      const author = authorOf(event);
      if (author !== null) candidates.add(author);
      break;
    }
    case "PROJECT_STALE":
      if (project.responsibleOfficerId !== null) candidates.add(project.responsibleOfficerId);
      break;
    default:
      for (const watcher of project.watchers) candidates.add(watcher.userId);
      if (project.responsibleOfficerId !== null) candidates.add(project.responsibleOfficerId);
  }
  const users = await tx.user.findMany({
    where: reviewersByRole
      ? { active: true, role: { in: ["ADMIN", "MINISTRY"] } }
      : { active: true, id: { in: [...candidates] } },
    select: RECIPIENT_FIELDS,
    orderBy: { id: "asc" },
  });
  const isReviewEvent = event.kind === "FIELD_REPORT_SUBMITTED";
  return users.filter((user) => {
    if (user.id === event.actorId) return false;
    const actor: Actor = { id: user.id, role: user.role, oblastId: user.oblastId };
    if (user.role === "AKIMAT" && user.oblastId === null) return false;
    if (!can(actor, "project.view", { oblastIds })) return false;
    return !isReviewEvent || can(actor, "fieldReport.review");
  });
}
