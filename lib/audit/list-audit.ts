import "server-only";
import { z } from "zod";
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import { filterText, ignoredParams, ZIsoDay } from "../forms/input-pieces";
import type { Prisma } from "../generated/prisma/client";
import { OBLAST_CODES, PROJECT_CODE_PATTERN } from "../reference-data";

const AUDIT_PAGE_SIZE = 50;
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional()).catch(undefined);

/** The audit log's filters, as they appear in the URL. */
export const ZAuditQuery = z.object({
  user: optional(filterText(254).trim()),
  action: optional(z.string().regex(/^[a-zA-Z.]{1,60}$/)),
  project: optional(z.string().regex(PROJECT_CODE_PATTERN)),
  oblast: optional(z.enum(OBLAST_CODES)),
  from: optional(ZIsoDay),
  to: optional(ZIsoDay),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export function parseAuditQuery(raw: Record<string, string | string[] | undefined>): TAuditQuery {
  return ZAuditQuery.parse(
    Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])),
  );
}

/** For the CSV download: the query, or null when a filter is malformed. */
export function parseAuditQueryStrictly(raw: Record<string, string>): TAuditQuery | null {
  const query = parseAuditQuery(raw);
  return ignoredParams(raw, query).length === 0 ? query : null;
}

async function auditWhere(query: TAuditQuery): Promise<Prisma.AuditLogWhereInput> {
  const project = query.project
    ? await prisma.project.findUnique({ where: { code: query.project }, select: { id: true } })
    : null;
  const oblast = query.oblast
    ? await prisma.oblast.findUnique({ where: { code: query.oblast }, select: { id: true } })
    : null;
  return {
    AND: [
      query.user
        ? {
            actor: {
              OR: [
                { email: { contains: query.user, mode: "insensitive" } },
                { name: { contains: query.user, mode: "insensitive" } },
              ],
            },
          }
        : {},
      query.action ? { action: { startsWith: query.action } } : {},
      query.project ? { targetType: "project", targetId: String(project?.id ?? -1) } : {},
      oblast ? { oblastId: oblast.id } : {},
      query.from ? { at: { gte: new Date(`${query.from}T00:00:00+05:00`) } } : {},
      query.to ? { at: { lt: new Date(new Date(`${query.to}T00:00:00+05:00`).getTime() + 86_400_000) } } : {},
    ],
  };
}

/** One page of the audit log, newest first (ADMIN, MINISTRY, MANAGER). */
export async function listAudit(actor: Actor, query: TAuditQuery) {
  if (!can(actor, "audit.read")) return null;
  const where = await auditWhere(query);
  const [total, oblasts, entries] = await Promise.all([
    prisma.auditLog.count({ where }),
    prisma.oblast.findMany({ select: { id: true, code: true } }),
    prisma.auditLog.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (query.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      include: { actor: { select: { name: true, email: true } } },
    }),
  ]);
  const oblastCodes = new Map(oblasts.map((oblast) => [oblast.id, oblast.code]));
  return {
    oblastCodes,
    total,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    entries: entries.map((entry) => ({
      ...entry,
      id: entry.id.toString(),
      oblastCode: entry.oblastId === null ? null : (oblastCodes.get(entry.oblastId) ?? null),
    })),
  };
}

export type AuditRow = Prisma.AuditLogGetPayload<{ include: { actor: { select: { name: true; email: true } } } }>;

/** Every matching audit row, newest first, in batches: an export never holds the whole log in memory. */
export async function* auditRows(actor: Actor, query: TAuditQuery, batchSize = 1000) {
  if (!can(actor, "audit.read")) return;
  const where = await auditWhere(query);
  let cursor: bigint | null = null;
  for (;;) {
    const batch: AuditRow[] = await prisma.auditLog.findMany({
      where: cursor === null ? where : { AND: [where, { id: { lt: cursor } }] },
      orderBy: { id: "desc" },
      take: batchSize,
      include: { actor: { select: { name: true, email: true } } },
    });
    if (batch.length === 0) return;
    yield* batch;
    cursor = batch[batch.length - 1]!.id;
  }
}
