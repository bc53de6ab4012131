// Brings a database to the state the app needs: migrations, reference data, the catalog and (outside production)
// the demo accounts. Every step is idempotent, so it runs at every start.
import { migrateDatabase } from "./migrate";
import { progressPrinter } from "./progress";

export async function prepareDatabase(
  databaseUrl: string,
  options: { demoUsers: boolean; quiet?: boolean },
): Promise<void> {
  const log = options.quiet ? () => {} : (line: string) => console.log(line);
  const applied = await migrateDatabase(databaseUrl, log);
  log(applied.length ? `migrations applied: ${applied.join(", ")}` : "migrations: up to date");
  process.env.DATABASE_URL = databaseUrl;
  // Imported after DATABASE_URL is known: lib/db.ts connects with it.
  const { seedReferenceData } = await import("../../lib/reference/seed-reference-data");
  const { importCatalog } = await import("../../lib/catalog/import-catalog");
  const { seedDemoUsers } = await import("../../lib/users/demo-users");
  await seedReferenceData();
  const summary = await importCatalog({ onProgress: options.quiet ? undefined : progressPrinter("catalog import") });
  log(
    `catalog: ${summary.inserted} inserted, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.withdrawn} withdrawn`,
  );
  if (options.demoUsers) {
    const created = await seedDemoUsers();
    log(created ? `demo accounts created: ${created}` : "demo accounts: present");
  }
}
