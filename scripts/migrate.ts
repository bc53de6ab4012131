// `npm run db:migrate`: applies pending SQL migrations to DATABASE_URL (or the embedded database).
import { openAppDatabase } from "./lib/app-database";
import { migrateDatabase } from "./lib/migrate";

const { databaseUrl, server } = await openAppDatabase();
try {
  const applied = await migrateDatabase(databaseUrl, console.log);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "up to date");
} finally {
  await server?.stop();
}
