import "server-only";
import { writeAudit } from "../audit/write-audit";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { ProjectAction, ProjectKind } from "../generated/prisma/enums";
import { projectSearchText } from "../projects/search-text";
import { rebuildRollupsIn } from "../rollups/check-rollups";
import type { TCatalogRecord, TDistrict } from "./catalog-schema";
import { CATALOG_DIR, CatalogError, districtKey, loadCatalog } from "./load-catalog";

export type ImportSummary = {
  inserted: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  restored: number;
};
export type ImportProgress = (done: number, total: number) => void;

/** The descriptive fields the catalog owns. Status, progress and version belong to the people using the tracker. */
type CatalogFields = {
  kind: ProjectKind;
  nameKk: string;
  nameRu: string | null;
  nameEn: string | null;
  categoryId: number;
  action: ProjectAction;
  horizon: number | null;
  districtId: number | null;
  place: string | null;
  plannedQuantity: string | null;
  unit: string | null;
  sourcePoint: string;
  sourceLine: number;
  sourceExcerpt: string;
  sourceNoteKk: string | null;
  sourceNoteRu: string | null;
  sourceNoteEn: string | null;
  searchText: string;
};

function catalogFields(
  record: TCatalogRecord,
  categoryIds: Map<string, number>,
  districtIds: Map<string, number>,
  file: string,
): CatalogFields {
  const categoryId = categoryIds.get(record.category);
  if (categoryId === undefined)
    throw new CatalogError(file, record.code, `category ${record.category} is not in the reference data`);
  let districtId: number | null = null;
  if (record.district) {
    const found = districtIds.get(districtKey(record.district));
    if (found === undefined)
      throw new CatalogError(file, record.code, `district "${record.district}" is not in districts.json`);
    districtId = found;
  }
  return {
    kind: record.kind === "object" ? "OBJECT" : "MEASURE",
    nameKk: record.nameKk,
    nameRu: record.nameRu,
    nameEn: record.nameEn,
    categoryId,
    action: record.action.toUpperCase() as ProjectAction,
    horizon: record.horizon,
    districtId,
    place: record.place,
    plannedQuantity: record.quantity === null ? null : new Prisma.Decimal(record.quantity).toFixed(3),
    unit: record.unit,
    sourcePoint: record.source.point,
    sourceLine: record.source.line,
    sourceExcerpt: record.source.excerpt,
    sourceNoteKk: record.noteKk,
    sourceNoteRu: record.noteRu,
    sourceNoteEn: record.noteEn,
    searchText: projectSearchText({
      code: record.code,
      nameKk: record.nameKk,
      nameRu: record.nameRu,
      nameEn: record.nameEn,
      place: record.place,
    }),
  };
}

function sameFields(current: CatalogFields, next: CatalogFields): boolean {
  return (Object.keys(next) as (keyof CatalogFields)[]).every((key) => current[key] === next[key]);
}

async function upsertDistricts(tx: Prisma.TransactionClient, districts: TDistrict[]): Promise<Map<string, number>> {
  const oblastIds = new Map((await tx.oblast.findMany()).map((oblast) => [oblast.code, oblast.id]));
  for (const district of districts) {
    const data = {
      code: district.code,
      oblastId: oblastIds.get(district.oblast)!,
      type: district.type === "city" ? ("CITY" as const) : ("DISTRICT" as const),
      nameKk: district.nameKk,
      nameRu: district.nameRu,
      nameEn: district.nameEn,
      sourceLine: district.line,
    };
    await tx.district.upsert({ where: { code: district.code }, create: data, update: data });
  }
  const all = await tx.district.findMany();
  return new Map(all.map((district) => [districtKey(district.nameKk), district.id]));
}

/**
 * Loads the reviewed catalog into the database by project code, all in one transaction: new records are
 * inserted, changed descriptive fields updated, progress recorded by users never touched, and a project that
 * left the catalog is flagged withdrawn rather than deleted. Invalid data throws before anything is written.
 */
export async function importCatalog(
  options: { directory?: string; onProgress?: ImportProgress } = {},
): Promise<ImportSummary> {
  const catalog = loadCatalog(options.directory ?? CATALOG_DIR);
  const summary: ImportSummary = { inserted: 0, updated: 0, unchanged: 0, withdrawn: 0, restored: 0 };
  await prisma.$transaction(
    async (tx) => {
      // One import at a time, across every app instance.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('batys.catalog-import'))`;
      const districtIds = await upsertDistricts(tx, catalog.districts);
      const categoryIds = new Map((await tx.category.findMany()).map((category) => [category.code, category.id]));
      const oblastIds = new Map((await tx.oblast.findMany()).map((oblast) => [oblast.code, oblast.id]));
      const existing = new Map(
        (await tx.project.findMany({ include: { oblasts: true } })).map((project) => [project.code, project]),
      );

      for (const [index, record] of catalog.records.entries()) {
        const fields = catalogFields(record, categoryIds, districtIds, record.file);
        const wantedOblasts = record.oblasts.map((code) => oblastIds.get(code)!).sort((a, b) => a - b);
        const current = existing.get(record.code);
        if (!current) {
          await tx.project.create({
            data: {
              code: record.code,
              ...fields,
              oblasts: { create: wantedOblasts.map((oblastId) => ({ oblastId })) },
            },
          });
          summary.inserted++;
        } else {
          const currentFields: CatalogFields = {
            kind: current.kind,
            nameKk: current.nameKk,
            nameRu: current.nameRu,
            nameEn: current.nameEn,
            categoryId: current.categoryId,
            action: current.action,
            horizon: current.horizon,
            districtId: current.districtId,
            place: current.place,
            plannedQuantity: current.plannedQuantity === null ? null : current.plannedQuantity.toFixed(3),
            unit: current.unit,
            sourcePoint: current.sourcePoint,
            sourceLine: current.sourceLine,
            sourceExcerpt: current.sourceExcerpt,
            sourceNoteKk: current.sourceNoteKk,
            sourceNoteRu: current.sourceNoteRu,
            sourceNoteEn: current.sourceNoteEn,
            searchText: current.searchText,
          };
          const currentOblasts = current.oblasts.map((link) => link.oblastId).sort((a, b) => a - b);
          const oblastsChanged = currentOblasts.join(",") !== wantedOblasts.join(",");
          const fieldsChanged = !sameFields(currentFields, fields);
          if (fieldsChanged || oblastsChanged) {
            await tx.project.update({ where: { id: current.id }, data: fields });
            if (oblastsChanged) {
              await tx.projectOblast.deleteMany({ where: { projectId: current.id } });
              await tx.projectOblast.createMany({
                data: wantedOblasts.map((oblastId) => ({ projectId: current.id, oblastId })),
              });
            }
            summary.updated++;
          } else {
            summary.unchanged++;
          }
          if (current.withdrawnAt) {
            await tx.project.update({ where: { id: current.id }, data: { withdrawnAt: null } });
            summary.restored++;
          }
        }
        options.onProgress?.(index + 1, catalog.records.length);
      }

      const codes = new Set(catalog.records.map((record) => record.code));
      const leaving = [...existing.values()].filter(
        (project) => !codes.has(project.code) && project.withdrawnAt === null,
      );
      if (leaving.length > 0) {
        await tx.project.updateMany({
          where: { id: { in: leaving.map((project) => project.id) } },
          data: { withdrawnAt: new Date() },
        });
      }
      summary.withdrawn = leaving.length;
      // Records inserted, moved between categories or oblasts, withdrawn or restored: the roll-ups are recomputed
      // in the same transaction rather than trusted to a thousand deltas.
      await rebuildRollupsIn(tx);
      if (summary.inserted + summary.updated + summary.withdrawn + summary.restored > 0) {
        await writeAudit(tx, { actorId: null, action: "catalog.import", targetType: "catalog", after: summary });
      }
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return summary;
}
