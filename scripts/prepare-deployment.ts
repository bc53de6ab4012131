// Run by the Docker image before the server starts: migrations as the owner (MIGRATION_DATABASE_URL), then
// reference data and the catalog as the app role (DATABASE_URL). Never creates demo accounts (create the first
// admin with `npm run user:create`).
import { prepareDatabase } from "./lib/prepare-database";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
await prepareDatabase(databaseUrl, { demoUsers: false, ownerUrl: process.env.MIGRATION_DATABASE_URL });
process.exit(0);
