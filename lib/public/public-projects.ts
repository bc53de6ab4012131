import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { Locale } from "../i18n/locales";
import {
  countProjects,
  PROJECT_PAGE_SIZE,
  parseProjectListQuery,
  parseProjectListQueryStrictly,
  projectListWhere,
  type TProjectListQuery,
} from "../projects/list-projects";
import { projectExportHeader, projectExportRows } from "../projects/export-projects";
import { isoDate } from "../progress/calendar";
import { PROJECT_CODE_PATTERN } from "../reference-data";
import { PUBLIC_READER, publicAnswer } from "./public-cache";

// The public project list, page and downloads. Public fields only, chosen by an explicit `select` (never an
// include of everything): code, name, category and sector, kind, action, place (oblasts, district, the decree's
// place), horizon, planned quantity, status, percent complete, the date of the last progress update and the
// decree citation. Never: comments, people (authors, officers, contacts, watchers), evidence, field reports,
// pause reasons, confidence and its reason, budgets, responsible organisation, the audit log. Withdrawn projects
// are left out exactly as on the signed-in list (the same `projectListWhere`), and their pages are not found.

/** The public list's filters: the signed-in list's schema without "my projects" and the date-dependent figures. */
export function parsePublicListQuery(searchParams: Record<string, string | string[] | undefined>): TProjectListQuery {
  const query = parseProjectListQuery(searchParams);
  const figure = query.figure && PUBLIC_FIGURES.has(query.figure) ? query.figure : undefined;
  return { ...query, mine: undefined, figure };
}
const PUBLIC_FIGURES = new Set(["notStarted", "design", "inProgress", "completed", "paused", "cancelled"]);

/** For downloads: the public query, or null when a parameter is malformed or not public (answered with 400). */
export function parsePublicListQueryStrictly(
  searchParams: Record<string, string | string[] | undefined>,
): TProjectListQuery | null {
  const strict = parseProjectListQueryStrictly(searchParams);
  if (!strict || strict.mine || (strict.figure && !PUBLIC_FIGURES.has(strict.figure))) return null;
  return strict;
}

const PUBLIC_SELECT = {
  id: true,
  code: true,
  nameKk: true,
  nameRu: true,
  nameEn: true,
  kind: true,
  horizon: true,
  place: true,
  status: true,
  percentComplete: true,
  lastProgressAsOf: true,
  category: { select: { code: true, nameKk: true, nameRu: true, nameEn: true } },
  district: { select: { code: true, nameKk: true, nameRu: true, nameEn: true } },
  oblasts: { select: { oblast: { select: { code: true } } }, orderBy: { oblastId: "asc" } },
} satisfies Prisma.ProjectSelect;
type PublicRow = Prisma.ProjectGetPayload<{ select: typeof PUBLIC_SELECT }>;

/** One project as the public sees it in a list (plain values only: it is kept between requests). */
function publicProjectOf(row: PublicRow) {
  return {
    code: row.code,
    nameKk: row.nameKk,
    nameRu: row.nameRu,
    nameEn: row.nameEn,
    kind: row.kind,
    horizon: row.horizon,
    place: row.place,
    status: row.status,
    percentComplete: row.percentComplete,
    lastUpdate: row.lastProgressAsOf ? isoDate(row.lastProgressAsOf) : null,
    category: row.category,
    district: row.district,
    oblastCodes: row.oblasts.map((link) => link.oblast.code),
  };
}
export type PublicProject = ReturnType<typeof publicProjectOf>;

const ORDER_BY: Record<TProjectListQuery["sort"], Prisma.ProjectOrderByWithRelationInput[]> = {
  code: [{ code: "asc" }],
  name: [{ nameKk: "asc" }, { code: "asc" }],
  horizon: [{ horizon: { sort: "asc", nulls: "last" } }, { code: "asc" }],
  progress: [{ percentComplete: "desc" }, { code: "asc" }],
  // The public list cannot sort by the last internal edit: it sorts by the last progress update it shows.
  updated: [{ lastProgressAsOf: { sort: "desc", nulls: "last" } }, { code: "asc" }],
};

/** A page of the public list (25 projects) and the number of projects matching the filters. */
export async function listPublicProjects(query: TProjectListQuery) {
  return publicAnswer(`list:${JSON.stringify(query)}`, async () => {
    const where = await projectListWhere(PUBLIC_READER, query);
    const [total, rows] = await Promise.all([
      countProjects(PUBLIC_READER, query),
      prisma.project.findMany({
        where,
        orderBy: ORDER_BY[query.sort],
        skip: (query.page - 1) * PROJECT_PAGE_SIZE,
        take: PROJECT_PAGE_SIZE,
        select: PUBLIC_SELECT,
      }),
    ]);
    return {
      total,
      page: query.page,
      pages: Math.max(1, Math.ceil(total / PROJECT_PAGE_SIZE)),
      projects: rows.map(publicProjectOf),
    };
  });
}

/** One project's public page, or null when there is no such project in the catalog (withdrawn ones included). */
export async function getPublicProject(code: string) {
  if (!PROJECT_CODE_PATTERN.test(code)) return null;
  return publicAnswer(`project:${code}`, async () => {
    const row = await prisma.project.findFirst({
      where: { code, withdrawnAt: null },
      select: {
        ...PUBLIC_SELECT,
        action: true,
        plannedQuantity: true,
        unit: true,
        sourcePoint: true,
        sourceLine: true,
        sourceExcerpt: true,
        sourceNoteKk: true,
        sourceNoteRu: true,
        sourceNoteEn: true,
        category: { select: { code: true, nameKk: true, nameRu: true, nameEn: true, sector: true } },
      },
    });
    if (!row) return null;
    return {
      ...publicProjectOf(row),
      action: row.action,
      plannedQuantity: row.plannedQuantity === null ? null : Number(row.plannedQuantity),
      unit: row.unit,
      sector: {
        code: row.category.sector.code,
        nameKk: row.category.sector.nameKk,
        nameRu: row.category.sector.nameRu,
        nameEn: row.category.sector.nameEn,
      },
      source: {
        point: row.sourcePoint,
        line: row.sourceLine,
        excerpt: row.sourceExcerpt,
        noteKk: row.sourceNoteKk,
        noteRu: row.sourceNoteRu,
        noteEn: row.sourceNoteEn,
      },
    };
  });
}
export type PublicProjectPage = NonNullable<Awaited<ReturnType<typeof getPublicProject>>>;

type Translate = (key: string) => string;

/** The public download's columns: the staff export's column list, its public columns only. */
export function publicExportHeader(t: Translate): string[] {
  return projectExportHeader(t, "public");
}

/**
 * Every project of a filtered public list, a batch at a time: the staff export's public columns, read as the
 * public reader (the same `projectListWhere`, so withdrawn projects are left out) and selecting public fields only.
 */
export function publicExportRows(
  query: TProjectListQuery,
  t: Translate,
  locale: Locale,
  batchSize = 500,
): AsyncGenerator<unknown[]> {
  return projectExportRows(PUBLIC_READER, query, t, locale, batchSize, "public");
}
