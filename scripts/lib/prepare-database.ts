// Brings a database to the state the app needs: migrations, reference data, the catalog and (outside production)
// the demo accounts. Every step is idempotent, so it runs at every start.
import { grantAppRole, roleNameOf } from "./database-roles";
import { migrateDatabase } from "./migrate";
import { progressPrinter } from "./progress";

/**
 * Migrations run as the owner (`ownerUrl`, MIGRATION_DATABASE_URL), which then grants the app role its rights;
 * reference data, the catalog and the demo accounts are written as the app itself (`databaseUrl`): they need no
 * more than the app may do. Without `ownerUrl` one role does everything, as before the two roles (with a warning).
 */
export async function prepareDatabase(
  databaseUrl: string,
  options: { demoUsers: boolean; quiet?: boolean; ownerUrl?: string },
): Promise<void> {
  const log = options.quiet ? () => {} : (line: string) => console.log(line);
  const ownerUrl = options.ownerUrl ?? databaseUrl;
  const applied = await migrateDatabase(ownerUrl, log);
  log(applied.length ? `migrations applied: ${applied.join(", ")}` : "migrations: up to date");
  if (roleNameOf(ownerUrl) !== roleNameOf(databaseUrl)) await grantAppRole(ownerUrl, roleNameOf(databaseUrl));
  else
    console.warn(
      "warning: the app connects as the role that owns the tables; set MIGRATION_DATABASE_URL to the owner and " +
        "DATABASE_URL to a role with only data grants (README, Database roles)",
    );
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
