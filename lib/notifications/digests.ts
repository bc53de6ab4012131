import "server-only";
import { prisma } from "../db";
import { localizedName } from "../i18n/locales";
import { composeDigest } from "../mail/compose";
import { TRACKER_TIME_ZONE, todayInKazakhstan } from "../progress/calendar";
import { enqueueMail } from "./fan-out";
import { notificationText, recipientLocale } from "./render";

export type DigestFrequency = "DAILY" | "WEEKLY";

/** Midnight of a Kazakhstan calendar day as an instant (the offset read from the time zone database). */
function startOfKazakhstanDay(isoDay: string): Date {
  const noonUtc = new Date(`${isoDay}T12:00:00Z`);
  const offsetName = new Intl.DateTimeFormat("en-US", { timeZone: TRACKER_TIME_ZONE, timeZoneName: "longOffset" })
    .formatToParts(noonUtc)
    .find((part) => part.type === "timeZoneName")?.value;
  const offset = /GMT([+-]\d{2}):?(\d{2})?/.exec(offsetName ?? "");
  const sign = offset?.[1]?.startsWith("-") ? "-" : "+";
  const hours = offset?.[1]?.replace(/[+-]/, "") ?? "05";
  return new Date(`${isoDay}T00:00:00${sign}${hours}:${offset?.[2] ?? "00"}`);
}

/**
 * The period a digest run belongs to and where it starts: a daily digest covers what came before today
 * (Kazakhstan time), a weekly one what came before this Monday. Items of the running period wait for the next.
 */
export function digestPeriod(frequency: DigestFrequency, now: Date): { key: string; start: Date } {
  const today = todayInKazakhstan(now);
  if (frequency === "DAILY") return { key: today, start: startOfKazakhstanDay(today) };
  const day = new Date(`${today}T00:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  const monday = new Date(day.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
  return { key: `week-of-${monday}`, start: startOfKazakhstanDay(monday) };
}

/**
 * Makes this period's digest mail for every user with notifications waiting for it: one mail per user and
 * period (the dedupe key), carrying every waiting notification created before the period began, grouped by kind.
 * Safe to run as often as the worker likes, on every instance.
 */
export async function runDigests(frequency: DigestFrequency, now: Date = new Date()): Promise<number> {
  const period = digestPeriod(frequency, now);
  const users = await prisma.notification.findMany({
    where: { digest: frequency, mailId: null, createdAt: { lt: period.start } },
    distinct: ["userId"],
    select: { userId: true },
  });
  let mails = 0;
  for (const { userId } of users) {
    const made = await prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: bigint }[]>`
        SELECT id FROM notifications
        WHERE user_id = ${userId} AND digest = ${frequency}::"MailDelivery" AND mail_id IS NULL
          AND created_at < ${period.start}
        ORDER BY created_at, id FOR UPDATE SKIP LOCKED`;
      if (locked.length === 0) return false;
      const user = await tx.user.findUnique({ where: { id: userId } });
      if (!user) return false;
      const items = await tx.notification.findMany({
        where: { id: { in: locked.map((row) => row.id) } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: {
          event: { include: { actor: { select: { name: true } } } },
          project: { select: { code: true, nameKk: true, nameRu: true, nameEn: true } },
        },
      });
      const locale = recipientLocale(user.locale);
      const mail = composeDigest(
        userId,
        locale,
        frequency,
        items.map((item) => ({
          kind: item.kind,
          subjectId: item.event.subjectId,
          projectCode: item.project?.code ?? null,
          text: notificationText(
            {
              kind: item.kind,
              payload: item.event.payload,
              actorName: item.event.actor?.name ?? null,
              projectCode: item.project?.code ?? null,
              projectName: item.project ? localizedName(item.project, locale) : null,
            },
            locale,
          ),
        })),
      );
      const mailId = await enqueueMail(tx, {
        userId,
        kind: null,
        dedupeKey: `digest:${frequency}:${userId}:${period.key}`,
        to: user.email,
        ...mail,
      });
      // This period's digest was already made (by another instance, or before these arrived): they wait.
      if (mailId === null) return false;
      await tx.notification.updateMany({ where: { id: { in: items.map((item) => item.id) } }, data: { mailId } });
      return true;
    });
    if (made) mails += 1;
  }
  return mails;
}
