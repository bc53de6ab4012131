import { describe, expect, it } from "vitest";
import { prepareDatabase } from "../../scripts/lib/prepare-database";
import { withSql } from "../support/database";

/** A fingerprint of everything the seed writes, to prove a second run changes nothing. */
async function fingerprint() {
  return withSql(async (sql) => {
    const tables = [
      "oblasts",
      "districts",
      "sectors",
      "categories",
      "projects",
      "project_oblasts",
      "users",
      "audit_logs",
    ];
    const result: Record<string, string> = {};
    for (const table of tables) {
      const { rows } = await sql.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${table} t`,
      );
      result[table] = `${rows[0].n}:${rows[0].digest}`;
    }
    return result;
  });
}

describe("seed", () => {
  it("loads the four oblasts, the taxonomy, the districts, the catalog and one demo account per role and oblast", async () => {
    await withSql(async (sql) => {
      const { rows: oblasts } = await sql.query("SELECT code FROM oblasts ORDER BY code");
      expect(oblasts.map((row) => row.code)).toEqual(["AKT", "ATY", "MAN", "ZKO"]);
      const {
        rows: [counts],
      } =
        await sql.query(`SELECT (SELECT count(*) FROM districts)::int AS districts, (SELECT count(*) FROM categories)::int AS categories,
        (SELECT count(*) FROM projects)::int AS projects`);
      expect(counts.districts).toBeGreaterThanOrEqual(40);
      expect(counts.categories).toBeGreaterThanOrEqual(40);
      expect(counts.projects).toBeGreaterThan(500);
      const { rows: akimats } = await sql.query(
        "SELECT o.code FROM users u JOIN oblasts o ON o.id = u.oblast_id WHERE u.role = 'AKIMAT' AND u.email LIKE '%@batys.demo' ORDER BY o.code",
      );
      expect(akimats.map((row) => row.code)).toEqual(["AKT", "ATY", "MAN", "ZKO"]);
      const { rows: roles } = await sql.query(
        "SELECT DISTINCT role::text FROM users WHERE email LIKE '%@batys.demo' ORDER BY 1",
      );
      expect(roles.map((row) => row.role)).toEqual(["ADMIN", "AKIMAT", "MANAGER", "MINISTRY"]);
    });
  });

  it("run a second time changes nothing", async () => {
    const before = await fingerprint();
    await prepareDatabase(process.env.TEST_DATABASE_URL!, {
      ownerUrl: process.env.TEST_OWNER_DATABASE_URL,
      demoUsers: true,
      quiet: true,
    });
    expect(await fingerprint()).toEqual(before);
  });
});
