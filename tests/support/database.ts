import pg from "pg";
import { createDatabase, databaseUrlFor, dropDatabase } from "../../scripts/lib/database";

/** A direct connection to the run's integration database, for checks written in plain SQL. */
export async function withSql<T>(
  work: (client: pg.Client) => Promise<T>,
  databaseUrl = process.env.TEST_DATABASE_URL,
): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The same database as its owner (the role that runs migrations): for setting up what the app role may not. */
export function withOwnerSql<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const ownerUrl = process.env.TEST_OWNER_DATABASE_URL;
  if (!ownerUrl) throw new Error("TEST_OWNER_DATABASE_URL is not set: run the integration tests through `npm test`");
  return withSql(work, ownerUrl);
}

/** A fresh, empty database on the test server, dropped afterwards: for tests that must start from nothing. */
export async function withScratchDatabase<T>(name: string, work: (databaseUrl: string) => Promise<T>): Promise<T> {
  const serverUrl = process.env.TEST_SERVER_URL;
  if (!serverUrl) throw new Error("TEST_SERVER_URL is not set: run the integration tests through `npm test`");
  const database = `${new URL(process.env.TEST_DATABASE_URL!).pathname.slice(1)}_${name}`;
  await createDatabase(serverUrl, database);
  try {
    return await work(databaseUrlFor(serverUrl, database));
  } finally {
    await dropDatabase(serverUrl, database);
  }
}
