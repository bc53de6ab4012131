// `npm run catalog:import`: loads prisma/catalog into the database. Invalid data stops it with the file, the
// record and the reason, and nothing is written.
import { progressPrinter } from "./lib/progress";
import { runWithAppDatabase } from "./lib/with-app-database";

await runWithAppDatabase(async () => {
  const { importCatalog } = await import("../lib/catalog/import-catalog");
  const { CatalogError } = await import("../lib/catalog/load-catalog");
  try {
    const summary = await importCatalog({ onProgress: progressPrinter("catalog import") });
    console.log(
      `inserted ${summary.inserted} · updated ${summary.updated} · unchanged ${summary.unchanged} · withdrawn ${summary.withdrawn} · restored ${summary.restored}`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    console.error(
      `catalog import stopped, nothing written.\n  file:   ${error.file}\n  record: ${error.record ?? "-"}\n  reason: ${error.reason}`,
    );
    return 2;
  }
});
