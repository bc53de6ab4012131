import "server-only";
import type { Actor } from "../auth/permissions";
import { perRender } from "../cache/aggregate-cache";
import { prisma } from "../db";
import { todayInKazakhstan } from "../progress/calendar";

// The public pages' answers, kept between requests in this process and keyed by a data version: the sum of the
// transaction ids (xmin) of every roll-up row. Every write that changes a public field (status, percent, a progress
// update and so its date, a withdrawal, a catalog import, which rebuilds the roll-ups) rewrites roll-up rows in its
// own transaction, so the version changes the moment the change is committed and the next request computes afresh;
// nothing is bumped by the writers (a global counter every writer locks was removed with the aggregate cache).
// The version is read before the answer, so an answer is never older than the version it is filed under. Entries
// also expire after ENTRY_SECONDS (and with the day, for anything dated), whatever happens.

/** The reader behind every public answer: region-wide, like a signed-in manager. Never acts, never writes. */
export const PUBLIC_READER: Actor = Object.freeze({ id: 2_147_483_647, role: "MANAGER", oblastId: null });

const ENTRY_SECONDS = 600;
const MAX_ENTRIES = 500;
type Entry = { version: string; at: number; answer: Promise<unknown> };
const GLOBAL_KEY = Symbol.for("batys.publicCache");
const globals = globalThis as { [GLOBAL_KEY]?: Map<string, Entry> };
globals[GLOBAL_KEY] ??= new Map<string, Entry>();
const entries: Map<string, Entry> = globals[GLOBAL_KEY];

/** The data version of the public figures and lists (see above). */
export async function publicDataVersion(): Promise<string> {
  const [row] = await prisma.$queryRaw<{ version: string }[]>`
    SELECT concat_ws('.',
      (SELECT coalesce(sum(xmin::text::bigint), 0) FROM rollup_projects),
      (SELECT coalesce(sum(xmin::text::bigint), 0) FROM rollup_districts),
      (SELECT coalesce(sum(xmin::text::bigint), 0) FROM rollup_months),
      (SELECT count(*) FROM rollup_projects)) AS version`;
  return `${row!.version}@${todayInKazakhstan()}`;
}

/** One version read per render (a page asks for several answers); every request reads its own. */
const currentVersion = () => perRender("public:dataVersion", publicDataVersion);

/**
 * The answer of `compute` for `key` at the current data version: computed once per version (concurrent requests
 * share the computation), then served from memory until the data changes.
 */
export async function publicAnswer<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const version = await currentVersion();
  const now = Date.now();
  const found = entries.get(key);
  if (found && found.version === version && now - found.at < ENTRY_SECONDS * 1000) return found.answer as Promise<T>;
  const answer = compute();
  entries.delete(key);
  entries.set(key, { version, at: now, answer });
  // A failed computation is not kept.
  answer.catch(() => {
    if (entries.get(key)?.answer === answer) entries.delete(key);
  });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return answer;
}

/** Forgets every answer (tests). */
export function forgetPublicAnswers(): void {
  entries.clear();
}
