// `npm run db:migrate`: applies pending SQL migrations as the owner (MIGRATION_DATABASE_URL, or the embedded
// database's owner role), then gives DATABASE_URL's role its grants.
import { openAppDatabase } from "./lib/app-database";
import { grantAppRole, roleNameOf } from "./lib/database-roles";
import { migrateDatabase } from "./lib/migrate";

const { databaseUrl, ownerUrl, server } = await openAppDatabase();
try {
  const applied = await migrateDatabase(ownerUrl, console.log);
  if (roleNameOf(ownerUrl) !== roleNameOf(databaseUrl)) await grantAppRole(ownerUrl, roleNameOf(databaseUrl));
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "up to date");
} finally {
  await server?.stop();
}
