import "server-only";
import { prisma } from "../db";
import { transmit } from "./transport";

/** How long a claimed mail is reserved for its worker; a worker that dies leaves it to others after this. */
export const LEASE_SECONDS = 120;
export const MAX_ATTEMPTS = 8;

/** Retry after 30 s, 1 min, 2 min, … capped at one hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

type Claimed = {
  id: bigint;
  to_address: string;
  subject: string;
  body_text: string;
  body_html: string;
  headers: Record<string, string>;
  attempts: number;
};

/**
 * Claims up to `limit` mails that are due (or whose previous worker's lease ran out) and reserves them in one
 * short transaction (SKIP LOCKED: instances never claim the same row), then sends each and records the outcome.
 * The "sent" mark is conditional on the claim still being ours (same attempt number), so a worker that comes
 * back after its lease expired cannot overwrite another's result.
 */
export async function deliverMail(limit = 20, options: { leaseSeconds?: number } = {}): Promise<number> {
  const lease = options.leaseSeconds ?? LEASE_SECONDS;
  const claimed = await prisma.$queryRaw<Claimed[]>`
    UPDATE mail_outbox SET status = 'SENDING', attempts = attempts + 1,
      locked_until = CURRENT_TIMESTAMP + make_interval(secs => ${lease})
    WHERE id IN (
      SELECT id FROM mail_outbox
      WHERE (status = 'PENDING' AND next_attempt_at <= CURRENT_TIMESTAMP)
         OR (status = 'SENDING' AND locked_until < CURRENT_TIMESTAMP)
      ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, to_address, subject, body_text, body_html, headers, attempts`;
  let sent = 0;
  for (const mail of claimed.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    try {
      const { filePath } = await transmit({
        id: mail.id,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.body_text,
        html: mail.body_html,
        headers: mail.headers,
      });
      await prisma.$executeRaw`
        UPDATE mail_outbox SET status = 'SENT', sent_at = CURRENT_TIMESTAMP, locked_until = NULL, last_error = NULL,
          file_path = ${filePath}
        WHERE id = ${mail.id} AND status = 'SENDING' AND attempts = ${mail.attempts}`;
      sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = mail.attempts >= MAX_ATTEMPTS;
      await prisma.$executeRaw`
        UPDATE mail_outbox SET status = ${giveUp ? "FAILED" : "PENDING"}::"MailStatus", locked_until = NULL,
          last_error = ${message.slice(0, 1000)},
          next_attempt_at = CURRENT_TIMESTAMP + make_interval(secs => ${retryDelaySeconds(mail.attempts)})
        WHERE id = ${mail.id} AND status = 'SENDING' AND attempts = ${mail.attempts}`;
    }
  }
  return sent;
}
