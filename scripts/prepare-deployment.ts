// Run by the Docker image before the server starts: migrations, reference data and the catalog against
// DATABASE_URL. Never creates demo accounts (create the first admin with `npm run user:create`).
import { prepareDatabase } from "./lib/prepare-database";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
await prepareDatabase(databaseUrl, { demoUsers: false });
process.exit(0);
