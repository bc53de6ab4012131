import "server-only";
import { cache } from "react";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";

/**
 * Returns the cached aggregate for `key` when it was computed at the current data version, otherwise computes it,
 * stores it and returns it. The result must be plain JSON (numbers, strings, arrays, objects).
 * Reading the version first means a write committed while computing makes the stored result stale at once.
 */
export function cachedAggregate<T>(key: string, compute: () => Promise<T>): Promise<T> {
  // A page asks for several aggregates (and some twice): within one server render the data version is read once
  // and each key answered once. Outside a render (route handlers, scripts) React's cache does not memoise.
  const request = requestScope();
  let answer = request.answers.get(key) as Promise<T> | undefined;
  if (!answer) {
    request.version ??= prisma.dataVersion
      .findUnique({ where: { name: "projects" } })
      .then((row) => row?.version ?? BigInt(0));
    answer = readOrCompute(key, request.version, compute);
    request.answers.set(key, answer);
  }
  return answer;
}

const requestScope = cache(() => ({
  version: null as Promise<bigint> | null,
  answers: new Map<string, Promise<unknown>>(),
}));

async function readOrCompute<T>(key: string, currentVersion: Promise<bigint>, compute: () => Promise<T>): Promise<T> {
  const [version, cached] = await Promise.all([currentVersion, prisma.aggregateCache.findUnique({ where: { key } })]);
  if (cached && cached.version === version) return cached.payload as T;
  const value = await compute();
  const payload = value as unknown as Prisma.InputJsonValue;
  await prisma.$executeRaw`
    INSERT INTO aggregate_cache (key, version, payload, computed_at) VALUES (${key}, ${version}, ${JSON.stringify(payload)}::jsonb, now())
    ON CONFLICT (key) DO UPDATE SET version = EXCLUDED.version, payload = EXCLUDED.payload, computed_at = EXCLUDED.computed_at
    WHERE aggregate_cache.version <= EXCLUDED.version`;
  // Rows of an older version can never be served again; dropping them keeps the table as small as the set of
  // filters in use (list counts are keyed by free-text searches too).
  await prisma.$executeRaw`DELETE FROM aggregate_cache WHERE version < ${version}`;
  return value;
}

/**
 * Marks projects data as changed, first thing in a writing transaction. Triggers bump the version too (for any
 * writer), but taking the version row before any project row gives every writer the same lock order, so two
 * writers can never deadlock on it.
 */
export async function markProjectsChanged(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`UPDATE data_versions SET version = version + 1 WHERE name = 'projects'`;
}
