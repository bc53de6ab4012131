// `npm run db:seed`: migrations, reference data, the catalog and (outside production) demo accounts. Idempotent.
import { openAppDatabase } from "./lib/app-database";
import { prepareDatabase } from "./lib/prepare-database";

const { databaseUrl, ownerUrl, server } = await openAppDatabase();
try {
  await prepareDatabase(databaseUrl, { ownerUrl, demoUsers: process.env.NODE_ENV !== "production" });
} finally {
  await server?.stop();
}
process.exit(0);
