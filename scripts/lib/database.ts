// Helpers for the PostgreSQL server a command works with (DATABASE_URL's, or the embedded one).
import pg from "pg";

export { PROJECT_ROOT } from "./project-root";

export type DatabaseServer = {
  /** URL of the server's maintenance database; swap the path for another database on the same server. */
  serverUrl: string;
  embedded: boolean;
  stop: () => Promise<void>;
};

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates the database unless it exists; with `owner`, that role owns it (and may create tables in it). */
export async function createDatabase(serverUrl: string, name: string, owner?: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) {
      const ownedBy = owner ? ` OWNER ${quoteIdentifier(owner)}` : "";
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}${ownedBy} TEMPLATE template0 ENCODING 'UTF8'`);
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database or role name: ${name}`);
  return `"${name}"`;
}
