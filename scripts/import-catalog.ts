// `npm run catalog:import`: loads prisma/catalog into the database. Invalid data stops it with the file, the
// record and the reason, and nothing is written.
import { openAppDatabase } from "./lib/app-database";
import { migrateDatabase } from "./lib/migrate";
import { progressPrinter } from "./lib/progress";

const { databaseUrl, server } = await openAppDatabase();
let exitCode = 0;
try {
  await migrateDatabase(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  const { seedReferenceData } = await import("../lib/reference/seed-reference-data");
  const { importCatalog } = await import("../lib/catalog/import-catalog");
  const { CatalogError } = await import("../lib/catalog/load-catalog");
  await seedReferenceData();
  try {
    const summary = await importCatalog({ onProgress: progressPrinter("catalog import") });
    console.log(`inserted ${summary.inserted} · updated ${summary.updated} · unchanged ${summary.unchanged} · withdrawn ${summary.withdrawn} · restored ${summary.restored}`);
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    console.error(`catalog import stopped, nothing written.\n  file:   ${error.file}\n  record: ${error.record ?? "-"}\n  reason: ${error.reason}`);
    exitCode = 2;
  }
} finally {
  await server?.stop();
}
process.exit(exitCode);
