import "server-only";
import { z } from "zod";
import type { Actor } from "../auth/permissions";
import { prisma } from "../db";
import type { MailDelivery, NotificationKind } from "../generated/prisma/enums";
import type { Locale } from "../i18n/locales";
import { DEFAULT_DELIVERY, MAIL_DELIVERIES, NOTIFICATION_KINDS } from "./kinds";
import { verifyUnsubscribeToken } from "./unsubscribe-token";

export const ZPreferencesInput = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, z.enum(MAIL_DELIVERIES)])) as Record<
    NotificationKind,
    z.ZodEnum<{ [K in MailDelivery]: K }>
  >,
);

/** Every kind with the user's choice or its default. */
export async function getPreferences(user: Actor): Promise<Record<NotificationKind, MailDelivery>> {
  const stored = await prisma.notificationPreference.findMany({ where: { userId: user.id } });
  const chosen = new Map(stored.map((row) => [row.kind, row.delivery]));
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, chosen.get(kind) ?? DEFAULT_DELIVERY[kind]]),
  ) as Record<NotificationKind, MailDelivery>;
}

/** Saves the user's choice for every kind at once. */
export async function savePreferences(user: Actor, raw: unknown): Promise<{ ok: boolean }> {
  const parsed = ZPreferencesInput.safeParse(raw);
  if (!parsed.success) return { ok: false };
  await prisma.$transaction(
    NOTIFICATION_KINDS.map((kind) =>
      prisma.notificationPreference.upsert({
        where: { userId_kind: { userId: user.id, kind } },
        create: { userId: user.id, kind, delivery: parsed.data[kind] },
        update: { delivery: parsed.data[kind] },
      }),
    ),
  );
  return { ok: true };
}

/** What an unsubscribe link names, for the confirmation page; null when the token is not ours. */
export async function describeUnsubscribe(token: unknown) {
  const claim = verifyUnsubscribeToken(token);
  if (!claim) return null;
  const user = await prisma.user.findUnique({ where: { id: claim.userId }, select: { email: true, locale: true } });
  return user ? { ...claim, email: user.email, locale: user.locale } : null;
}

/** Turns off mail of one kind for the user a signed link names; a forged or altered link changes nothing. */
export async function unsubscribeWithToken(
  token: unknown,
): Promise<{ ok: true; kind: NotificationKind } | { ok: false }> {
  const claim = verifyUnsubscribeToken(token);
  if (!claim) return { ok: false };
  const user = await prisma.user.findUnique({ where: { id: claim.userId }, select: { id: true } });
  if (!user) return { ok: false };
  await prisma.notificationPreference.upsert({
    where: { userId_kind: { userId: claim.userId, kind: claim.kind } },
    create: { userId: claim.userId, kind: claim.kind, delivery: "OFF" },
    update: { delivery: "OFF" },
  });
  return { ok: true, kind: claim.kind };
}

/** The language the user's notifications and mails are written in, from the language switcher. */
export async function rememberLocale(user: Actor, locale: Locale): Promise<void> {
  await prisma.user.update({ where: { id: user.id }, data: { locale } });
}
