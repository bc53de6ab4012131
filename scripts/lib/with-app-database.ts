// The frame of a one-off command: open the app's database (DATABASE_URL or the embedded one), bring it up to date
// (migrations and reference data), run the command, then stop the embedded server and exit with its code.
import { openAppDatabase } from "./app-database";
import { grantAppRole, roleNameOf } from "./database-roles";
import { migrateDatabase } from "./migrate";

export async function runWithAppDatabase(command: () => Promise<number>): Promise<never> {
  let exitCode = 1;
  const { databaseUrl, ownerUrl, server } = await openAppDatabase().catch((error: Error) => {
    console.error(error.message);
    process.exit(exitCode);
  });
  try {
    await migrateDatabase(ownerUrl);
    if (roleNameOf(ownerUrl) !== roleNameOf(databaseUrl)) await grantAppRole(ownerUrl, roleNameOf(databaseUrl));
    process.env.DATABASE_URL = databaseUrl;
    const { seedReferenceData } = await import("../../lib/reference/seed-reference-data");
    await seedReferenceData();
    exitCode = await command();
  } catch (error) {
    console.error((error as Error).message);
  } finally {
    await server?.stop();
  }
  process.exit(exitCode);
}
