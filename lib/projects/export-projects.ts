import "server-only";
import type { Actor } from "../auth/permissions";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { localizedName, type Locale } from "../i18n/locales";
import { projectListWhere, type TProjectListQuery } from "./list-projects";
import { projectBatches } from "./project-batches";

type Translate = (key: string) => string;

// The project list's download, one column list for the staff file and the public one: each column names its
// header, the project fields it reads (its `select`) and whether it is public. The public file is the public
// columns only, and reads only their fields from the database, so nothing private is even fetched.

type Names = Awaited<ReturnType<typeof exportNames>>;
type Column = {
  header: string;
  public: boolean;
  select: { [Key in keyof typeof EXPORT_SELECT]?: (typeof EXPORT_SELECT)[Key] };
  /** Reads only the fields of its own `select` (the row holds no others when only some columns are exported). */
  value: (project: ExportProject, names: Names, t: Translate, locale: Locale) => unknown;
};
/** Every field any column reads; a column's own `select` is the part of it that the column shows. */
const EXPORT_SELECT = {
  id: true,
  code: true,
  nameKk: true,
  nameRu: true,
  nameEn: true,
  kind: true,
  action: true,
  horizon: true,
  categoryId: true,
  districtId: true,
  place: true,
  plannedQuantity: true,
  quantityDone: true,
  unit: true,
  status: true,
  percentComplete: true,
  confidence: true,
  baselineFinish: true,
  forecastFinish: true,
  actualFinish: true,
  lastProgressAsOf: true,
  budgetBaseline: true,
  budgetForecast: true,
  budgetSpent: true,
  responsibleOrganisation: true,
  sourcePoint: true,
  sourceLine: true,
  oblasts: { select: { oblastId: true }, orderBy: { oblastId: "asc" } },
} satisfies Prisma.ProjectSelect;
type ExportProject = Prisma.ProjectGetPayload<{ select: typeof EXPORT_SELECT }>;
const number = (value: Prisma.Decimal | null) => (value === null ? "" : Number(value));
const NAME = { nameKk: true, nameRu: true, nameEn: true } as const;

const COLUMNS = [
  { header: "projects.columnCode", public: true, select: { code: true }, value: (p) => p.code },
  { header: "projects.columnName", public: true, select: NAME, value: (p, _n, _t, l) => localizedName(p, l) },
  { header: "common.kazakhOriginal", public: true, select: { nameKk: true }, value: (p) => p.nameKk },
  {
    header: "projects.sector",
    public: true,
    select: { categoryId: true },
    value: (p, names, _t, locale) => localizedName(names.categories.get(p.categoryId)!.sector, locale),
  },
  {
    header: "projects.category",
    public: true,
    select: { categoryId: true },
    value: (p, names, _t, locale) => localizedName(names.categories.get(p.categoryId)!, locale),
  },
  { header: "projects.kind", public: true, select: { kind: true }, value: (p, _n, t) => t(`kinds.${p.kind}`) },
  { header: "project.action", public: true, select: { action: true }, value: (p, _n, t) => t(`actions.${p.action}`) },
  { header: "projects.columnHorizon", public: true, select: { horizon: true }, value: (p) => p.horizon ?? "" },
  {
    header: "projects.columnOblasts",
    public: true,
    select: { oblasts: { select: { oblastId: true }, orderBy: { oblastId: "asc" } } },
    value: (p, names, _t, locale) =>
      p.oblasts.map((link) => localizedName(names.oblasts.get(link.oblastId)!, locale)).join(", "),
  },
  {
    header: "projects.district",
    public: true,
    select: { districtId: true },
    value: (p, names, _t, locale) =>
      p.districtId === null ? "" : localizedName(names.districts.get(p.districtId)!, locale),
  },
  { header: "publicView.place", public: true, select: { place: true }, value: (p) => p.place ?? "" },
  {
    header: "project.plannedQuantity",
    public: true,
    select: { plannedQuantity: true },
    value: (p) => number(p.plannedQuantity),
  },
  {
    header: "project.quantityDone",
    public: false,
    select: { quantityDone: true },
    value: (p) => number(p.quantityDone),
  },
  {
    header: "units.label",
    public: true,
    select: { unit: true },
    value: (p, _n, t) => (p.unit ? t(`units.${p.unit}`) : ""),
  },
  {
    header: "projects.columnStatus",
    public: true,
    select: { status: true },
    value: (p, _n, t) => t(`statuses.${p.status}`),
  },
  {
    header: "projects.columnProgress",
    public: true,
    select: { percentComplete: true },
    value: (p) => p.percentComplete,
  },
  {
    header: "confidence.label",
    public: false,
    select: { confidence: true },
    value: (p, _n, t) => (p.confidence ? t(`confidence.${p.confidence}`) : ""),
  },
  { header: "details.baselineFinish", public: false, select: { baselineFinish: true }, value: (p) => p.baselineFinish },
  { header: "details.forecastFinish", public: false, select: { forecastFinish: true }, value: (p) => p.forecastFinish },
  { header: "details.actualFinish", public: false, select: { actualFinish: true }, value: (p) => p.actualFinish },
  { header: "exports.lastUpdate", public: true, select: { lastProgressAsOf: true }, value: (p) => p.lastProgressAsOf },
  {
    header: "details.budgetBaseline",
    public: false,
    select: { budgetBaseline: true },
    value: (p) => number(p.budgetBaseline),
  },
  {
    header: "details.budgetForecast",
    public: false,
    select: { budgetForecast: true },
    value: (p) => number(p.budgetForecast),
  },
  { header: "details.budgetSpent", public: false, select: { budgetSpent: true }, value: (p) => number(p.budgetSpent) },
  {
    header: "details.responsibleOrganisation",
    public: false,
    select: { responsibleOrganisation: true },
    value: (p) => p.responsibleOrganisation ?? "",
  },
  {
    header: "project.source",
    public: true,
    select: { sourcePoint: true, sourceLine: true },
    value: (p) => `${p.sourcePoint} / ${p.sourceLine}`,
  },
] satisfies Column[];

export type ExportAudience = "staff" | "public";
const columnsFor = (audience: ExportAudience): readonly Column[] =>
  audience === "public" ? COLUMNS.filter((column) => column.public) : COLUMNS;

/** Column headers of the project list export, translated (the public file: its public columns only). */
export function projectExportHeader(t: Translate, audience: ExportAudience = "staff"): string[] {
  return columnsFor(audience).map((column) => t(column.header));
}

/** The small reference tables an export row names things from, read once per export instead of joined per row. */
async function exportNames() {
  const [categories, districts, oblasts] = await Promise.all([
    prisma.category.findMany({ include: { sector: true } }),
    prisma.district.findMany(),
    prisma.oblast.findMany(),
  ]);
  return {
    categories: new Map(categories.map((row) => [row.id, row])),
    districts: new Map(districts.map((row) => [row.id, row])),
    oblasts: new Map(oblasts.map((row) => [row.id, row])),
  };
}

/**
 * Every project of a filtered list as `user` may see it, a batch at a time, each batch reading only the fields the
 * exported columns show (the public audience: public columns, public fields).
 */
export async function* projectExportRows(
  user: Actor,
  query: TProjectListQuery,
  t: Translate,
  locale: Locale,
  batchSize = 500,
  audience: ExportAudience = "staff",
): AsyncGenerator<unknown[]> {
  const columns = columnsFor(audience);
  const [where, names] = await Promise.all([projectListWhere(user, query), exportNames()]);
  const select = Object.assign(
    { id: true as const },
    ...columns.map((column) => column.select),
  ) as typeof EXPORT_SELECT;
  for await (const batch of projectBatches(where, select, batchSize))
    for (const project of batch) yield columns.map((column) => column.value(project, names, t, locale));
}
