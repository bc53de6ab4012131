import "server-only";
import { prisma } from "../db";

// Failed sign-ins lock an account (or an address) for a while, longer with each further failure, but never
// for more than MAX_LOCK_MINUTES: an attacker can slow a real user down, never shut them out for good.
const ACCOUNT_FREE_FAILURES = 5;
const IP_FREE_FAILURES = 30;
const FIRST_LOCK_SECONDS = 30;
export const MAX_LOCK_MINUTES = 15;
const FORGET_AFTER_HOURS = 24;

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

function lockSeconds(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(FIRST_LOCK_SECONDS * 2 ** (failures - freeFailures), MAX_LOCK_MINUTES * 60);
}

/** When the keys are locked, the moment they open again; null when sign-in may be tried now. */
export async function lockedUntil(keys: string[], now: Date = new Date()): Promise<Date | null> {
  const rows = await prisma.signInThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  return rows.reduce<Date | null>(
    (latest, row) => (row.lockedUntil && (!latest || row.lockedUntil > latest) ? row.lockedUntil : latest),
    null,
  );
}

export async function recordFailure(keys: string[], now: Date = new Date()): Promise<void> {
  for (const key of keys) {
    const freeFailures = key.startsWith("ip:") ? IP_FREE_FAILURES : ACCOUNT_FREE_FAILURES;
    // One statement per key, so concurrent failures count correctly on any number of app instances.
    await prisma.$executeRaw`
      INSERT INTO sign_in_throttles (key, failures, last_failure_at) VALUES (${key}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN sign_in_throttles.last_failure_at < ${now}::timestamptz - make_interval(hours => ${FORGET_AFTER_HOURS})
                        THEN 1 ELSE sign_in_throttles.failures + 1 END,
        last_failure_at = ${now}`;
    const row = await prisma.signInThrottle.findUniqueOrThrow({ where: { key } });
    const seconds = lockSeconds(row.failures, freeFailures);
    if (seconds > 0)
      await prisma.signInThrottle.update({
        where: { key },
        data: { lockedUntil: new Date(now.getTime() + seconds * 1000) },
      });
  }
}

export async function clearFailures(key: string): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key } });
}
