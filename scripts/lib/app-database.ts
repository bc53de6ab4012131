// The database a local command uses: DATABASE_URL (the app role) and MIGRATION_DATABASE_URL (the owner) when set;
// otherwise the embedded PostgreSQL whose data is kept in .data/postgres (git-ignored) between runs, where both
// roles are created automatically.
import path from "node:path";
import { PROJECT_ROOT, type DatabaseServer } from "./database";
import { provisionDatabase, type DatabaseRoles } from "./database-roles";

export const DATA_DIR = path.join(PROJECT_ROOT, ".data");
const APP_DATABASE = "batys";
// The embedded server listens on 127.0.0.1 only and belongs to this checkout: fixed local passwords are enough.
const EMBEDDED_ROLES: DatabaseRoles = {
  owner: { name: "batys_owner", password: "batys-owner-local-only" },
  app: { name: "batys_app", password: "batys-app-local-only" },
};

export async function openAppDatabase(): Promise<{
  databaseUrl: string;
  ownerUrl: string;
  server: DatabaseServer | null;
}> {
  if (process.env.DATABASE_URL)
    return {
      databaseUrl: process.env.DATABASE_URL,
      ownerUrl: process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL,
      server: null,
    };
  const { startEmbeddedPostgres } = await import("./embedded-postgres");
  const server = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, "postgres"),
    port: Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329),
    persistent: true,
  });
  try {
    const urls = await provisionDatabase(server.serverUrl, APP_DATABASE, EMBEDDED_ROLES);
    return { databaseUrl: urls.appUrl, ownerUrl: urls.ownerUrl, server };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
