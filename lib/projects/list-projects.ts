import "server-only";
import { z } from "zod";
import { projectScope, scopedOblastId, type Actor } from "../auth/permissions";
import { perRender } from "../cache/aggregate-cache";
import { prisma } from "../db";
import { figureWhere } from "../figures/definitions";
import { FIGURES, isStatusFigure, STATUS_FIGURES } from "../figures/figure-names";
import { filterText, ignoredParams } from "../forms/input-pieces";
import { Prisma } from "../generated/prisma/client";
import { todayInKazakhstan } from "../progress/calendar";
import { CATEGORY_CODES, OBLAST_CODES, PROJECT_STATUSES, SECTORS } from "../reference-data";
import { myProjectsWhere } from "./responsibility-scope";
import { normaliseSearchTerm } from "./search-text";
import { rollupWhere } from "../rollups/rollup-scope";

export const PROJECT_PAGE_SIZE = 25;
const SORTS = ["code", "name", "horizon", "progress", "updated"] as const;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), z.enum(values).optional()).catch(undefined);

/** The project list's filters, as they appear in the URL. Unknown or malformed values are ignored, not fatal. */
export const ZProjectListQuery = z.object({
  q: z
    .preprocess((value) => (typeof value === "string" ? value.slice(0, 200) : undefined), filterText().optional())
    .catch(undefined),
  sector: optionalEnum(SECTORS.map((sector) => sector.code) as [string, ...string[]]),
  category: optionalEnum(CATEGORY_CODES),
  kind: optionalEnum(["OBJECT", "MEASURE"] as const),
  horizon: optionalEnum(["2030", "2040", "2050", "none"] as const),
  oblast: optionalEnum(OBLAST_CODES),
  district: z
    .preprocess(
      (value) => (value === "" ? undefined : value),
      z
        .string()
        .regex(/^[A-Z0-9-]{3,40}$/)
        .optional(),
    )
    .catch(undefined),
  status: optionalEnum(PROJECT_STATUSES),
  /** One of the dashboard's figures (lib/figures): the list of exactly the projects a card or chart segment counts. */
  figure: optionalEnum(FIGURES),
  /** "1": only the projects the user is responsible for, a contact of, or watches. */
  mine: optionalEnum(["1"] as const),
  sort: z.enum(SORTS).catch("code").default("code"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type TProjectListQuery = z.infer<typeof ZProjectListQuery>;

/** Reads the first value of each search parameter (Next gives arrays for repeated keys). */
export function parseProjectListQuery(searchParams: Record<string, string | string[] | undefined>): TProjectListQuery {
  const flat = Object.fromEntries(
    Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  return ZProjectListQuery.parse(flat);
}

/** For downloads: the query, or null when a parameter is malformed (the download would not be what was asked). */
export function parseProjectListQueryStrictly(
  searchParams: Record<string, string | string[] | undefined>,
): TProjectListQuery | null {
  const query = parseProjectListQuery(searchParams);
  const flat = Object.fromEntries(
    Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  return ignoredParams(flat, query).length === 0 ? query : null;
}

/** The list's filters and sort (never the page) as URL parameters, for links that keep them. */
export function projectListParams(
  query: TProjectListQuery,
  options: { sort: boolean } = { sort: true },
): Record<string, string> {
  const { page: _page, sort, ...filters } = query;
  const entries = Object.entries(options.sort ? { ...filters, sort } : filters).flatMap(([key, value]) =>
    value === undefined || value === "" ? [] : [[key, String(value)]],
  );
  return Object.fromEntries(entries);
}

/**
 * The Prisma condition of a filtered list within the user's scope. Sector, category and oblast codes are turned into
 * ids first: a condition on the ids lets PostgreSQL combine its indexes (and estimate the match count), where a
 * condition through joined tables made it sort thousands of rows for a page of 25.
 */
export async function projectListWhere(
  user: Actor,
  query: TProjectListQuery,
  options: ListOptions = {},
): Promise<Prisma.ProjectWhereInput> {
  const [categoryIds, oblast] = await Promise.all([
    query.sector || query.category
      ? prisma.category.findMany({
          where: {
            AND: [
              query.sector ? { sector: { code: query.sector } } : {},
              query.category ? { code: query.category } : {},
            ],
          },
          select: { id: true },
        })
      : null,
    query.oblast ? prisma.oblast.findUnique({ where: { code: query.oblast }, select: { id: true } }) : null,
  ]);
  const conditions: Prisma.ProjectWhereInput[] = [projectScope(user), { withdrawnAt: null }];
  const term = query.q ? normaliseSearchTerm(query.q) : "";
  if (term) conditions.push({ searchText: { contains: term } });
  if (categoryIds) conditions.push({ categoryId: { in: categoryIds.map((category) => category.id) } });
  if (query.kind) conditions.push({ kind: query.kind });
  if (query.horizon) conditions.push({ horizon: query.horizon === "none" ? null : Number(query.horizon) });
  if (oblast) conditions.push({ oblasts: { some: { oblastId: oblast.id } } });
  if (query.district) conditions.push({ district: { code: query.district } });
  if (query.status) conditions.push({ status: query.status });
  // A figure by its one definition (lib/figures/definitions.ts): the date-dependent ones by the project's stored
  // first day, an index range.
  if (query.figure) conditions.push(figureWhere(query.figure, options.today ?? todayInKazakhstan()));
  if (query.mine) conditions.push(myProjectsWhere(user));
  return { AND: conditions };
}

/** `today` (YYYY-MM-DD in Kazakhstan) is injectable so tests can move the clock; it defaults to the real day. */
export type ListOptions = { today?: string };

const ORDER_BY: Record<(typeof SORTS)[number], Prisma.ProjectOrderByWithRelationInput[]> = {
  code: [{ code: "asc" }],
  name: [{ nameKk: "asc" }, { code: "asc" }],
  horizon: [{ horizon: { sort: "asc", nulls: "last" } }, { code: "asc" }],
  progress: [{ percentComplete: "desc" }, { code: "asc" }],
  updated: [{ updatedAt: "desc" }, { code: "asc" }],
};

/**
 * How many projects match. A filter the roll-ups can answer (scope, oblast, sector, category, kind, horizon,
 * status) is summed from them — exact at every moment and a few hundred rows however large the catalog; a search,
 * a district or a date-dependent figure is counted on the projects.
 */
async function countMatches(user: Actor, query: TProjectListQuery, where: Prisma.ProjectWhereInput): Promise<number> {
  // "My projects" differs per user: counted directly, never from the roll-ups.
  if (query.mine) return prisma.project.count({ where });
  const { sort: _sort, page: _page, ...filters } = query;
  const key = `projects.count:${scopedOblastId(user) ?? "all"}:${JSON.stringify(filters)}`;
  return perRender(key, async () => {
    // An akimat officer choosing another oblast sees the inter-oblast projects touching both: not a roll-up row.
    const fromRollups =
      !query.q?.trim() &&
      !query.district &&
      (!query.figure || isStatusFigure(query.figure)) &&
      (scopedOblastId(user) === null || !query.oblast);
    if (!fromRollups) return prisma.project.count({ where });
    const status = query.figure && isStatusFigure(query.figure) ? STATUS_FIGURES[query.figure] : undefined;
    const conditions: Prisma.Sql[] = [
      rollupWhere(user, { oblastCode: query.oblast, sectorCode: query.sector, kind: query.kind }),
    ];
    if (query.category)
      conditions.push(Prisma.sql`r.category_id = (SELECT c.id FROM categories c WHERE c.code = ${query.category})`);
    if (query.horizon) conditions.push(Prisma.sql`r.horizon = ${query.horizon === "none" ? 0 : Number(query.horizon)}`);
    for (const wanted of [query.status, status]) if (wanted) conditions.push(Prisma.sql`r.status = ${wanted}`);
    const [row] = await prisma.$queryRaw<{ n: bigint | null }[]>(
      Prisma.sql`SELECT sum(r.projects) AS n FROM rollup_projects r WHERE ${Prisma.join(conditions, " AND ")}`,
    );
    return Number(row?.n ?? 0);
  });
}

/** How many projects the user sees in a filtered list. */
export async function countProjects(user: Actor, query: TProjectListQuery, options: ListOptions = {}): Promise<number> {
  return countMatches(user, query, await projectListWhere(user, query, options));
}

export async function listProjects(user: Actor, query: TProjectListQuery, options: ListOptions = {}) {
  const where = await projectListWhere(user, query, options);
  const [total, rows] = await Promise.all([
    countMatches(user, query, where),
    prisma.project.findMany({
      where,
      orderBy: ORDER_BY[query.sort],
      skip: (query.page - 1) * PROJECT_PAGE_SIZE,
      take: PROJECT_PAGE_SIZE,
      select: {
        code: true,
        nameKk: true,
        nameRu: true,
        nameEn: true,
        kind: true,
        horizon: true,
        plannedQuantity: true,
        unit: true,
        status: true,
        percentComplete: true,
        category: { select: { code: true, nameKk: true, nameRu: true, nameEn: true } },
        oblasts: { select: { oblast: { select: { code: true } } } },
        responsibleOfficer: { select: { name: true } },
      },
    }),
  ]);
  return {
    total,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / PROJECT_PAGE_SIZE)),
    projects: rows.map((row) => ({
      ...row,
      plannedQuantity: row.plannedQuantity === null ? null : Number(row.plannedQuantity),
      oblastCodes: row.oblasts.map((link) => link.oblast.code).sort(),
    })),
  };
}

/** The districts offered in the filter: those of the chosen oblast, or of the user's own. */
export async function listDistrictOptions(user: Actor, oblastCode: string | undefined) {
  const scope = projectScope(user).oblasts?.some.oblastId;
  return prisma.district.findMany({
    where: {
      AND: [scope === undefined ? {} : { oblastId: scope }, oblastCode ? { oblast: { code: oblastCode } } : {}],
    },
    orderBy: [{ oblastId: "asc" }, { nameKk: "asc" }],
    select: { code: true, nameKk: true, nameRu: true, nameEn: true },
  });
}
