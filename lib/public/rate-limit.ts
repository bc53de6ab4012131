import "server-only";
import { prisma } from "../db";

// The public view is throttled per client address, in PostgreSQL (so every app instance shares the count): a
// counter row `public:<address>` in sign_in_throttles, the table of the sign-in throttle, counts the requests of
// the current one-minute window (`failures` is the count, `last_failure_at` the window's start). One statement
// counts and decides, so parallel requests cannot slip through between a read and a write.

const WINDOW_SECONDS = 60;
const DEFAULT_PER_MINUTE = 300;

/** Requests per minute one address may make to /public (PUBLIC_REQUESTS_PER_MINUTE; 0 switches the limit off). */
export function publicRequestsPerMinute(): number {
  const configured = process.env.PUBLIC_REQUESTS_PER_MINUTE;
  if (configured === undefined || configured.trim() === "") return DEFAULT_PER_MINUTE;
  const value = Number(configured);
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_PER_MINUTE;
}

export const publicThrottleKey = (address: string | null) => `public:${address ?? "unknown"}`;

export type PublicRequestAnswer = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Counts one public request from `address` and says whether it may be served. */
export async function takePublicRequest(
  address: string | null,
  now: Date = new Date(),
  limit: number = publicRequestsPerMinute(),
): Promise<PublicRequestAnswer> {
  if (limit === 0) return { ok: true };
  const [row] = await prisma.$queryRaw<{ count: number; window_start: Date }[]>`
    INSERT INTO sign_in_throttles AS t (key, failures, last_failure_at, locked_until)
    VALUES (${publicThrottleKey(address)}, 1, ${now}, NULL)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.last_failure_at <= ${now}::timestamptz - make_interval(secs => ${WINDOW_SECONDS})
                        OR t.last_failure_at > ${now}::timestamptz
                      THEN 1 ELSE t.failures + 1 END,
      last_failure_at = CASE WHEN t.last_failure_at <= ${now}::timestamptz - make_interval(secs => ${WINDOW_SECONDS})
                               OR t.last_failure_at > ${now}::timestamptz
                             THEN ${now}::timestamptz ELSE t.last_failure_at END
    RETURNING t.failures AS count, t.last_failure_at AS window_start`;
  if (row!.count <= limit) return { ok: true };
  const ends = row!.window_start.getTime() + WINDOW_SECONDS * 1000;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((ends - now.getTime()) / 1000)) };
}
