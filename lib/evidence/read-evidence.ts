import "server-only";
import type { Readable } from "node:stream";
import type { Actor } from "../auth/permissions";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { localizedName, type Locale } from "../i18n/locales";
import { mayViewEvidence, mayWithdrawEvidence } from "./evidence-access";
import { storeNamed } from "./file-store";
import { nearestPlace } from "./nearest-place";

/** One file as pages show it (plain data, safe to hand to client components). */
export type EvidenceView = {
  id: number;
  kind: "PHOTO" | "DOCUMENT";
  fileName: string;
  contentType: string;
  byteSize: number;
  caption: string | null;
  /** The camera's local date and time, ISO without a zone. */
  takenAt: string | null;
  place: { name: string; km: number } | null;
  position: { latitude: number; longitude: number } | null;
  createdAt: string;
  uploadedBy: string;
  progressUpdateId: number | null;
  fieldReportId: number | null;
  milestoneId: number | null;
  blockerId: number | null;
  withdrawn: { at: string; reason: string } | null;
  mayWithdraw: boolean;
  url: string;
  thumbnailUrl: string | null;
};

const include = {
  project: { select: { oblasts: { select: { oblastId: true } } } },
  uploadedBy: { select: { name: true } },
} satisfies Prisma.EvidenceFileInclude;
type Row = Prisma.EvidenceFileGetPayload<{ include: typeof include }>;

function view(row: Row, locale: Locale, mayWithdraw: boolean): EvidenceView {
  const position =
    row.latitude !== null && row.longitude !== null ? { latitude: row.latitude, longitude: row.longitude } : null;
  const near = position ? nearestPlace(position.latitude, position.longitude) : null;
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    contentType: row.contentType,
    byteSize: row.byteSize,
    caption: row.caption,
    takenAt: row.takenAt ? row.takenAt.toISOString().slice(0, 19) : null,
    place: near ? { name: localizedName(near.place, locale), km: Math.round(near.km) } : null,
    position,
    createdAt: row.createdAt.toISOString(),
    uploadedBy: row.uploadedBy.name,
    progressUpdateId: row.progressUpdateId,
    fieldReportId: row.fieldReportId,
    milestoneId: row.milestoneId,
    blockerId: row.blockerId,
    withdrawn:
      row.withdrawnAt && row.withdrawalReason
        ? { at: row.withdrawnAt.toISOString(), reason: row.withdrawalReason }
        : null,
    mayWithdraw,
    url: `/api/files/${row.id}`,
    thumbnailUrl: row.thumbnailKey ? `/api/files/${row.id}?size=thumbnail` : null,
  };
}

async function visible(user: Actor, where: Prisma.EvidenceFileWhereInput, locale: Locale): Promise<EvidenceView[]> {
  const rows = await prisma.evidenceFile.findMany({
    where: { ...where, attachedAt: { not: null } },
    include,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  return rows
    .filter((row) => mayViewEvidence(user, row))
    .map((row) => view(row, locale, !row.withdrawnAt && mayWithdrawEvidence(user, row)));
}

/** Every attached file of a project the user may see, newest first (withdrawn ones only for those who may). */
export function evidenceForProject(user: Actor, projectId: number, locale: Locale): Promise<EvidenceView[]> {
  return visible(user, { projectId }, locale);
}

/** The files of some field reports, by report, for the review queue and the officer's own list. */
export async function evidenceForFieldReports(
  user: Actor,
  reportIds: number[],
  locale: Locale,
): Promise<Record<number, EvidenceView[]>> {
  if (reportIds.length === 0) return {};
  const files = await visible(user, { fieldReportId: { in: reportIds }, withdrawnAt: null }, locale);
  const byReport: Record<number, EvidenceView[]> = {};
  for (const file of files.reverse()) {
    const reportId = file.fieldReportId as number;
    byReport[reportId] = [...(byReport[reportId] ?? []), file];
  }
  return byReport;
}

/**
 * A project's evidence by what it is attached to (`progressUpdateId` for the timeline, `milestoneId`, `blockerId`),
 * oldest upload first, withdrawn files left out.
 */
export function evidenceBy(
  files: EvidenceView[],
  key: "progressUpdateId" | "milestoneId" | "blockerId",
): Record<number, EvidenceView[]> {
  const byTarget: Record<number, EvidenceView[]> = {};
  for (const file of [...files].reverse()) {
    const target = file[key];
    if (target === null || file.withdrawn) continue;
    byTarget[target] = [...(byTarget[target] ?? []), file];
  }
  return byTarget;
}

/** A project's timeline evidence, by progress update, oldest upload first (withdrawn files left out). */
export const evidenceByUpdate = (files: EvidenceView[]) => evidenceBy(files, "progressUpdateId");

/** The files of some blockers (the blockers register), by blocker, oldest first, withdrawn ones left out. */
export async function evidenceForBlockers(
  user: Actor,
  blockerIds: number[],
  locale: Locale,
): Promise<Record<number, EvidenceView[]>> {
  if (blockerIds.length === 0) return {};
  return evidenceBy(await visible(user, { blockerId: { in: blockerIds }, withdrawnAt: null }, locale), "blockerId");
}

export type OpenedEvidence = {
  fileName: string;
  contentType: string;
  byteSize: number | null;
  kind: "PHOTO" | "DOCUMENT";
  stream: Readable;
};

/**
 * A file's bytes (or its thumbnail's) for someone who may see it; null — "not found" — for anyone else, so ids of
 * other oblasts' files do not leak.
 */
export async function openEvidence(
  user: Actor,
  fileId: number,
  size: "full" | "thumbnail",
): Promise<OpenedEvidence | null> {
  const row = await prisma.evidenceFile.findUnique({ where: { id: fileId }, include });
  if (!row || !mayViewEvidence(user, row)) return null;
  const key = size === "thumbnail" ? row.thumbnailKey : row.storageKey;
  if (!key) return null;
  const stream = await storeNamed(row.storage).get(key);
  if (!stream) return null;
  return size === "thumbnail"
    ? {
        fileName: row.fileName.replace(/\.[^.]+$/, "-thumbnail.jpg"),
        contentType: "image/jpeg",
        byteSize: null,
        kind: "PHOTO",
        stream,
      }
    : { fileName: row.fileName, contentType: row.contentType, byteSize: row.byteSize, kind: row.kind, stream };
}
