import "server-only";
import { prisma } from "../db";
import { OBLASTS, SECTORS, CATEGORIES } from "../reference-data";

/** Oblasts, sectors and categories: inserted or brought up to date by code, so running it twice changes nothing. */
export async function seedReferenceData(): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      for (const oblast of OBLASTS) {
        await tx.oblast.upsert({ where: { code: oblast.code }, create: { ...oblast }, update: { ...oblast } });
      }
      for (const [index, sector] of SECTORS.entries()) {
        const data = {
          code: sector.code,
          nameKk: sector.nameKk,
          nameRu: sector.nameRu,
          nameEn: sector.nameEn,
          sortOrder: index,
        };
        await tx.sector.upsert({ where: { code: sector.code }, create: data, update: data });
      }
      const sectors = new Map((await tx.sector.findMany()).map((sector) => [sector.code, sector.id]));
      for (const category of CATEGORIES) {
        const data = {
          code: category.code,
          codePrefix: category.prefix,
          sectorId: sectors.get(category.sectorCode)!,
          nameKk: category.nameKk,
          nameRu: category.nameRu,
          nameEn: category.nameEn,
          sortOrder: category.sortOrder,
        };
        await tx.category.upsert({ where: { code: category.code }, create: data, update: data });
      }
      // About 70 upserts one after another: on a busy 2-core machine Prisma's default 5 s expired mid-way (seen in
      // the test setup); the catalog import allows 120 s for the same reason.
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
