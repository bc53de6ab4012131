import "server-only";
import { z } from "zod";
import { projectScope, type Actor } from "../auth/permissions";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../db";
import { localizedName, type Locale } from "../i18n/locales";
import { notificationHref } from "./kinds";
import { notificationText } from "./render";

export const NOTIFICATIONS_PAGE_SIZE = 50;

/** A user's notifications about what they may still see (an officer moved to another oblast loses the old ones). */
export function visibleTo(user: Actor): Prisma.NotificationWhereInput {
  return { userId: user.id, OR: [{ projectId: null }, { project: { is: projectScope(user) } }] };
}

/** The number on the bell. */
export function unreadCount(user: Actor): Promise<number> {
  return prisma.notification.count({ where: { ...visibleTo(user), readAt: null } });
}

const NOTIFICATION_ORDER: Prisma.NotificationOrderByWithRelationInput[] = [
  { readAt: { sort: "desc", nulls: "first" } },
  { createdAt: "desc" },
  { id: "desc" },
];
const NOTIFICATION_INCLUDE = {
  event: { include: { actor: { select: { name: true } } } },
  project: { select: { code: true, nameKk: true, nameRu: true, nameEn: true } },
} satisfies Prisma.NotificationInclude;
type NotificationRow = Prisma.NotificationGetPayload<{ include: typeof NOTIFICATION_INCLUDE }>;

/** One notification as the page and the download show it, in the reader's language. */
function notificationOf(row: NotificationRow, locale: Locale) {
  return {
    id: String(row.id),
    kind: row.kind,
    createdAt: row.createdAt,
    read: row.readAt !== null,
    readAt: row.readAt,
    projectCode: row.project?.code ?? null,
    href: notificationHref({
      kind: row.kind,
      subjectId: row.event.subjectId,
      projectCode: row.project?.code ?? null,
    }),
    text: notificationText(
      {
        kind: row.kind,
        payload: row.event.payload,
        actorName: row.event.actor?.name ?? null,
        projectCode: row.project?.code ?? null,
        projectName: row.project ? localizedName(row.project, locale) : null,
      },
      locale,
    ),
  };
}

/** The user's notifications, unread first, newest first within each, in the reader's language. */
export async function listNotifications(user: Actor, locale: Locale, page = 1, pageSize = NOTIFICATIONS_PAGE_SIZE) {
  const rows = await prisma.notification.findMany({
    where: visibleTo(user),
    orderBy: NOTIFICATION_ORDER,
    skip: (page - 1) * pageSize,
    take: pageSize,
    include: NOTIFICATION_INCLUDE,
  });
  return rows.map((row) => notificationOf(row, locale));
}

export const ZNotificationId = z.object({ id: z.coerce.bigint().positive() });

/** Marks one of the user's own notifications read; returns where it leads (null when it is not theirs). */
export async function markNotificationRead(user: Actor, raw: unknown): Promise<{ href: string } | null> {
  const parsed = ZNotificationId.safeParse(raw);
  if (!parsed.success) return null;
  const row = await prisma.notification.findFirst({
    where: { id: parsed.data.id, ...visibleTo(user) },
    include: { event: { select: { subjectId: true } }, project: { select: { code: true } } },
  });
  if (!row) return null;
  if (row.readAt === null) await prisma.notification.update({ where: { id: row.id }, data: { readAt: new Date() } });
  return {
    href: notificationHref({ kind: row.kind, subjectId: row.event.subjectId, projectCode: row.project?.code ?? null }),
  };
}

export async function markAllNotificationsRead(user: Actor): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: { ...visibleTo(user), readAt: null },
    data: { readAt: new Date() },
  });
  return count;
}
