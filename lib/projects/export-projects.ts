import "server-only";
import type { Actor } from "../auth/permissions";
import { prisma } from "../db";
import { localizedName, type Locale } from "../i18n/locales";
import { projectListWhere, type TProjectListQuery } from "./list-projects";

type Translate = (key: string) => string;

/** Column headers of the project list export, translated. */
export function projectExportHeader(t: Translate): string[] {
  return [t("projects.columnCode"), t("projects.columnName"), t("common.kazakhOriginal"), t("projects.sector"), t("projects.category"), t("projects.kind"), t("project.action"),
    t("projects.columnHorizon"), t("projects.columnOblasts"), t("projects.district"), t("project.plannedQuantity"), t("project.quantityDone"), t("units.label"),
    t("projects.columnStatus"), t("projects.columnProgress"), t("confidence.label"), t("project.source")];
}

/** Every project of a filtered list, in batches by id (keyset), so a large export never sits in memory whole. */
export async function* projectExportRows(user: Actor, query: TProjectListQuery, t: Translate, locale: Locale, batchSize = 1000): AsyncGenerator<unknown[]> {
  const where = projectListWhere(user, query);
  let cursor = 0;
  for (;;) {
    const batch = await prisma.project.findMany({
      where: { AND: [where, { id: { gt: cursor } }] },
      orderBy: { id: "asc" },
      take: batchSize,
      include: { category: { include: { sector: true } }, district: true, oblasts: { include: { oblast: true } } },
    });
    if (batch.length === 0) return;
    for (const project of batch) {
      yield [
        project.code, localizedName(project, locale), project.nameKk, localizedName(project.category.sector, locale), localizedName(project.category, locale),
        t(`kinds.${project.kind}`), t(`actions.${project.action}`), project.horizon ?? "", project.oblasts.map((link) => localizedName(link.oblast, locale)).join(", "),
        project.district ? localizedName(project.district, locale) : "", project.plannedQuantity === null ? "" : Number(project.plannedQuantity),
        project.quantityDone === null ? "" : Number(project.quantityDone), project.unit ? t(`units.${project.unit}`) : "", t(`statuses.${project.status}`),
        project.percentComplete, project.confidence ? t(`confidence.${project.confidence}`) : "", `${project.sourcePoint} / ${project.sourceLine}`,
      ];
    }
    cursor = batch[batch.length - 1]!.id;
  }
}
