import "server-only";
import type { Actor } from "../auth/permissions";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { localizedName, type Locale } from "../i18n/locales";
import { projectListWhere, type TProjectListQuery } from "./list-projects";
import { projectBatches } from "./project-batches";

type Translate = (key: string) => string;

/** Column headers of the project list export, translated. */
export function projectExportHeader(t: Translate): string[] {
  return [
    t("projects.columnCode"),
    t("projects.columnName"),
    t("common.kazakhOriginal"),
    t("projects.sector"),
    t("projects.category"),
    t("projects.kind"),
    t("project.action"),
    t("projects.columnHorizon"),
    t("projects.columnOblasts"),
    t("projects.district"),
    t("project.plannedQuantity"),
    t("project.quantityDone"),
    t("units.label"),
    t("projects.columnStatus"),
    t("projects.columnProgress"),
    t("confidence.label"),
    t("details.baselineFinish"),
    t("details.forecastFinish"),
    t("details.actualFinish"),
    t("exports.lastUpdate"),
    t("details.budgetBaseline"),
    t("details.budgetForecast"),
    t("details.budgetSpent"),
    t("details.responsibleOrganisation"),
    t("project.source"),
  ];
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
 * Every project of a filtered list, a batch at a time, each batch reading only the columns a row shows.
 */
export async function* projectExportRows(
  user: Actor,
  query: TProjectListQuery,
  t: Translate,
  locale: Locale,
  batchSize = 500,
): AsyncGenerator<unknown[]> {
  const [where, names] = await Promise.all([projectListWhere(user, query), exportNames()]);
  const select = {
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
  for await (const batch of projectBatches(where, select, batchSize)) {
    for (const project of batch) {
      const category = names.categories.get(project.categoryId)!;
      const district = project.districtId === null ? undefined : names.districts.get(project.districtId);
      yield [
        project.code,
        localizedName(project, locale),
        project.nameKk,
        localizedName(category.sector, locale),
        localizedName(category, locale),
        t(`kinds.${project.kind}`),
        t(`actions.${project.action}`),
        project.horizon ?? "",
        project.oblasts.map((link) => localizedName(names.oblasts.get(link.oblastId)!, locale)).join(", "),
        district ? localizedName(district, locale) : "",
        project.plannedQuantity === null ? "" : Number(project.plannedQuantity),
        project.quantityDone === null ? "" : Number(project.quantityDone),
        project.unit ? t(`units.${project.unit}`) : "",
        t(`statuses.${project.status}`),
        project.percentComplete,
        project.confidence ? t(`confidence.${project.confidence}`) : "",
        project.baselineFinish,
        project.forecastFinish,
        project.actualFinish,
        project.lastProgressAsOf,
        project.budgetBaseline === null ? "" : Number(project.budgetBaseline),
        project.budgetForecast === null ? "" : Number(project.budgetForecast),
        project.budgetSpent === null ? "" : Number(project.budgetSpent),
        project.responsibleOrganisation ?? "",
        `${project.sourcePoint} / ${project.sourceLine}`,
      ];
    }
  }
}
