// The database a local command uses: DATABASE_URL when set; otherwise the embedded PostgreSQL whose data is kept
// in .data/postgres (git-ignored) between runs.
import path from "node:path";
import { PROJECT_ROOT, createDatabase, databaseUrlFor, type DatabaseServer } from "./database";

export const DATA_DIR = path.join(PROJECT_ROOT, ".data");
const APP_DATABASE = "batys";

export async function openAppDatabase(): Promise<{ databaseUrl: string; server: DatabaseServer | null }> {
  if (process.env.DATABASE_URL) return { databaseUrl: process.env.DATABASE_URL, server: null };
  const { startEmbeddedPostgres } = await import("./embedded-postgres");
  const server = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, "postgres"),
    port: Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329),
    persistent: true,
  });
  await createDatabase(server.serverUrl, APP_DATABASE);
  return { databaseUrl: databaseUrlFor(server.serverUrl, APP_DATABASE), server };
}
