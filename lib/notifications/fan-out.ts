import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { MailDelivery, NotificationKind } from "../generated/prisma/enums";
import { localizedName } from "../i18n/locales";
import { composeSingleMail } from "../mail/compose";
import { DEFAULT_DELIVERY } from "./kinds";
import { type EventForFanOut, recipientsOf } from "./recipients";
import { notificationText, recipientLocale } from "./render";

/** How a user wants mail of a kind: their choice, else the kind's default. */
export async function deliveryFor(
  tx: Prisma.TransactionClient,
  userId: number,
  kind: NotificationKind,
): Promise<MailDelivery> {
  const preference = await tx.notificationPreference.findUnique({ where: { userId_kind: { userId, kind } } });
  return preference?.delivery ?? DEFAULT_DELIVERY[kind];
}

/** Inserts a mail into the queue once per dedupe key; returns its id, or null when it was already queued. */
export async function enqueueMail(
  tx: Prisma.TransactionClient,
  mail: {
    userId: number;
    kind: NotificationKind | null;
    dedupeKey: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    headers: Record<string, string>;
  },
): Promise<bigint | null> {
  const rows = await tx.$queryRaw<{ id: bigint }[]>`
    INSERT INTO mail_outbox (user_id, kind, dedupe_key, to_address, subject, body_text, body_html, headers)
    VALUES (${mail.userId}, ${mail.kind}::"NotificationKind", ${mail.dedupeKey}, ${mail.to}, ${mail.subject},
      ${mail.text}, ${mail.html}, ${JSON.stringify(mail.headers)}::jsonb)
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`;
  return rows[0]?.id ?? null;
}

/** Fans one event out to its recipients, inside the transaction that marks it processed. */
async function fanOutEvent(tx: Prisma.TransactionClient, eventId: bigint): Promise<number> {
  const row = await tx.notificationEvent.findUniqueOrThrow({
    where: { id: eventId },
    include: { project: { select: { code: true, nameKk: true, nameRu: true, nameEn: true } } },
  });
  const event: EventForFanOut = row;
  const recipients = await recipientsOf(tx, event);
  if (recipients.length === 0) return 0;
  const actor =
    event.actorId !== null ? await tx.user.findUnique({ where: { id: event.actorId }, select: { name: true } }) : null;
  const isReminder = (row.payload as Record<string, unknown> | null)?.reminder === true;
  let created = 0;
  for (const recipient of recipients) {
    const delivery = await deliveryFor(tx, recipient.id, row.kind);
    // A weekly reminder of a stale project goes to the weekly digest only, already read in the app.
    const digest = isReminder
      ? delivery === "OFF"
        ? null
        : "WEEKLY"
      : delivery === "DAILY" || delivery === "WEEKLY"
        ? delivery
        : null;
    const inserted = await tx.notification.createManyAndReturn({
      data: [
        {
          userId: recipient.id,
          eventId: row.id,
          kind: row.kind,
          projectId: row.projectId,
          digest,
          readAt: isReminder ? new Date() : null,
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    const notification = inserted[0];
    if (!notification) continue;
    created += 1;
    if (delivery !== "IMMEDIATE" || isReminder) continue;
    const locale = recipientLocale(recipient.locale);
    const item = {
      kind: row.kind,
      subjectId: row.subjectId,
      projectCode: row.project?.code ?? null,
      text: notificationText(
        {
          kind: row.kind,
          payload: row.payload,
          actorName: actor?.name ?? null,
          projectCode: row.project?.code ?? null,
          projectName: row.project ? localizedName(row.project, locale) : null,
        },
        locale,
      ),
    };
    const mail = composeSingleMail(recipient.id, locale, item);
    const mailId = await enqueueMail(tx, {
      userId: recipient.id,
      kind: row.kind,
      dedupeKey: `notification:${row.id}:${recipient.id}`,
      to: recipient.email,
      ...mail,
    });
    if (mailId !== null) await tx.notification.update({ where: { id: notification.id }, data: { mailId } });
  }
  return created;
}

/**
 * Takes up to `limit` unprocessed events (rows other workers hold are skipped, so instances share the work) and
 * fans each out in its own transaction: its notifications, its mails and its processed mark commit together or
 * not at all. An event that fails is logged and marked processed, so one bad row cannot stall the queue.
 */
export async function processNotificationEvents(limit = 50): Promise<{ events: number; notifications: number }> {
  let events = 0;
  let notifications = 0;
  for (; events < limit; events++) {
    const outcome = await prisma.$transaction(async (tx) => {
      const claimed = await tx.$queryRaw<{ id: bigint }[]>`
        SELECT id FROM notification_events WHERE processed_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`;
      const event = claimed[0];
      if (!event) return null;
      let created = 0;
      try {
        await tx.$executeRaw`SAVEPOINT fan_out`;
        created = await fanOutEvent(tx, event.id);
        await tx.$executeRaw`RELEASE SAVEPOINT fan_out`;
      } catch (error) {
        await tx.$executeRaw`ROLLBACK TO SAVEPOINT fan_out`;
        console.error(`notification event ${event.id} could not be fanned out`, error);
      }
      await tx.notificationEvent.update({ where: { id: event.id }, data: { processedAt: new Date() } });
      return created;
    });
    if (outcome === null) break;
    notifications += outcome;
  }
  return { events, notifications };
}
