import { describe, expect, it } from "vitest";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { withScratchDatabase, withSql } from "../support/database";

describe("migrations", () => {
  it("apply to an empty database, and a second run has nothing left to do", async () => {
    await withScratchDatabase("migrate_twice", async (databaseUrl) => {
      const first = await migrateDatabase(databaseUrl);
      expect(first.length).toBeGreaterThan(0);
      expect(await migrateDatabase(databaseUrl)).toEqual([]);
    });
  });

  it("started by several app instances at once apply each migration exactly once, under the lock", async () => {
    await withScratchDatabase("migrate_concurrently", async (databaseUrl) => {
      const runs = await Promise.all([
        migrateDatabase(databaseUrl),
        migrateDatabase(databaseUrl),
        migrateDatabase(databaseUrl),
      ]);
      const applied = runs.flat();
      expect(new Set(applied).size).toBe(applied.length);
      const recorded = await withSql(
        async (sql) => (await sql.query("SELECT name FROM pgmigrations")).rows.map((row) => row.name),
        databaseUrl,
      );
      expect(recorded.sort()).toEqual([...applied].sort());
    });
  });
});
