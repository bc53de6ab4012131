import "server-only";
import { prisma } from "../db";

// Password guessing is slowed by three counters, each a row of sign_in_throttles (so every app instance shares
// them). An attempt is *reserved* before the password is checked: one statement counts it on every counter that
// applies and refuses it if any of them is locked, so parallel guesses cannot slip through between a check and a
// later "record the failure". A successful sign-in gives its reservation back.
//
//   pair:<email>|<address>  one account from one address: 5 attempts, then a lock of 30 s that doubles with
//                           each further failure, up to 15 minutes. Applies to every attempt.
//   account:<email>         one account from every address it has never signed in from: 10 attempts, then a lock
//                           of 1 minute, doubling up to 15 minutes. Applies only to such addresses.
//   ip:<address>            one address against every account that has never signed in from it: 30 attempts,
//                           then 30 s, doubling up to 15 minutes (credential stuffing from one machine).
//
// An attacker who does not share the user's address can therefore keep the account locked only for addresses
// the account has never used: the user still signs in from an address they signed in from before, whose own
// counter only failures from that address can raise. Counters are forgotten 24 hours after their last failure.
type Rule = { freeAttempts: number; firstLockSeconds: number };
const PAIR: Rule = { freeAttempts: 5, firstLockSeconds: 30 };
const ACCOUNT: Rule = { freeAttempts: 10, firstLockSeconds: 60 };
const ADDRESS: Rule = { freeAttempts: 30, firstLockSeconds: 30 };
export const MAX_LOCK_MINUTES = 15;
const FORGET_AFTER_HOURS = 24;
/** An address counts as the account's own when it opened a session for it within this many days. */
const KNOWN_ADDRESS_DAYS = 180;

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;
export const pairKey = (email: string, ip: string | null) => `pair:${email.toLowerCase()}|${ip ?? "unknown"}`;

type Counter = { key: string } & Rule;
export type Reservation = { counters: Counter[] };
export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; until: Date };

/** True when the account signed in from this address before (a session was opened from it). */
export async function isKnownAddress(email: string, ip: string | null): Promise<boolean> {
  if (!ip) return false;
  const rows = await prisma.$queryRaw<{ known: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE u.email = ${email.toLowerCase()} AND s.ip = ${ip}
        AND s.created_at > now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})
    ) AS known`;
  return rows[0]?.known === true;
}

/** The counters an attempt on `email` from `ip` is counted on, in one fixed order (so row locks never deadlock). */
async function countersFor(email: string, ip: string | null): Promise<Counter[]> {
  const counters: Counter[] = [{ key: pairKey(email, ip), ...PAIR }];
  if (!(await isKnownAddress(email, ip))) {
    counters.push({ key: accountKey(email), ...ACCOUNT });
    if (ip) counters.push({ key: ipKey(ip), ...ADDRESS });
  }
  return counters.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

class Refused extends Error {}

/**
 * Reserves one password attempt on `email` from `ip`, before the password is checked. Refused (with the moment
 * the lock ends) when a counter that applies is locked; nothing is counted then.
 */
export async function reserveAttempt(email: string, ip: string | null, now: Date = new Date()): Promise<ReserveResult> {
  const counters = await countersFor(email, ip);
  const rules = JSON.stringify(
    counters.map((counter) => ({ key: counter.key, free: counter.freeAttempts, first: counter.firstLockSeconds })),
  );
  try {
    await prisma.$transaction(async (tx) => {
      // One statement counts the attempt on every counter and decides: a locked row is left as it is and not
      // returned. Each row stays locked until the transaction ends, so concurrent attempts queue here.
      const counted = await tx.$queryRaw<{ key: string }[]>`
        WITH rules AS (
          SELECT * FROM jsonb_to_recordset(${rules}::jsonb) AS r(key text, free int, first int)
        )
        INSERT INTO sign_in_throttles AS t (key, failures, last_failure_at, locked_until)
        SELECT key, 1, ${now}, CASE WHEN free <= 1 THEN ${now}::timestamptz + make_interval(secs => first) END
        FROM rules ORDER BY key
        ON CONFLICT (key) DO UPDATE SET
          failures = CASE WHEN t.last_failure_at < ${now}::timestamptz - make_interval(hours => ${FORGET_AFTER_HOURS})
                          THEN 1 ELSE t.failures + 1 END,
          last_failure_at = ${now},
          locked_until = (
            SELECT CASE WHEN n.failures >= r.free
              THEN ${now}::timestamptz + make_interval(secs => least(
                r.first * power(2, least(n.failures - r.free, 20)), ${MAX_LOCK_MINUTES * 60}))
            END
            FROM rules r, LATERAL (SELECT CASE
              WHEN t.last_failure_at < ${now}::timestamptz - make_interval(hours => ${FORGET_AFTER_HOURS})
              THEN 1 ELSE t.failures + 1 END AS failures) n
            WHERE r.key = t.key
          )
        WHERE t.locked_until IS NULL OR t.locked_until <= ${now}
        RETURNING t.key`;
      if (counted.length < counters.length) throw new Refused();
    });
    return { ok: true, reservation: { counters } };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const locks = await prisma.signInThrottle.findMany({
      where: { key: { in: counters.map((counter) => counter.key) }, lockedUntil: { gt: now } },
      select: { lockedUntil: true },
    });
    const until = Math.max(now.getTime(), ...locks.map((row) => row.lockedUntil?.getTime() ?? 0));
    return { ok: false, until: new Date(until) };
  }
}

/**
 * The password was right: the attempt was no failure. The pair counter of this address starts again; the others
 * give the reservation back (and the lock it may have started), and a counter left with no failure is removed, so
 * a successful sign-in leaves no counter behind that no failure made.
 */
export async function releaseAttempt(reservation: Reservation): Promise<void> {
  for (const counter of reservation.counters) {
    if (counter.key.startsWith("pair:")) {
      await prisma.signInThrottle.deleteMany({ where: { key: counter.key } });
      continue;
    }
    // Only this attempt was counted: the counter goes. Otherwise one failure less (never someone else's row:
    // the update runs only when the delete found our counter still holding other failures).
    const removed =
      await prisma.$executeRaw`DELETE FROM sign_in_throttles WHERE key = ${counter.key} AND failures <= 1`;
    if (removed === 0)
      await prisma.$executeRaw`
        UPDATE sign_in_throttles SET
          failures = greatest(failures - 1, 0),
          locked_until = CASE WHEN failures - 1 < ${counter.freeAttempts} THEN NULL ELSE locked_until END
        WHERE key = ${counter.key}`;
  }
}
