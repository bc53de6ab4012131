// Applies the SQL migrations in prisma/migrations in order, each in its own transaction, under node-pg-migrate's
// advisory lock (a second app instance starting at the same moment waits instead of racing).
import { runner } from "node-pg-migrate";
import path from "node:path";
import { PROJECT_ROOT } from "./project-root";

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma", "migrations");

export async function migrateDatabase(databaseUrl: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    migrationsTable: "pgmigrations",
    direction: "up",
    singleTransaction: false,
    checkOrder: true,
    advisoryLockMode: "wait",
    log: () => {},
    logger: { debug: () => {}, info: () => {}, warn: (m: string) => log(m), error: (m: string) => log(m) },
  });
  return applied.map((migration) => migration.name);
}
