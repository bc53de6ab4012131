// The schema declares no action the database can never perform: a foreign key whose ON DELETE / ON UPDATE would
// rewrite an append-only row, or set to null a column a CHECK constraint needs, promises what a trigger or the
// CHECK then refuses. These checks read the live catalog, so a later migration that adds such a key fails here.
import { describe, expect, it } from "vitest";
import { withOwnerSql, withSql } from "../support/database";

type Key = { name: string; table: string; on_delete: string; on_update: string; columns: string[] };
const foreignKeys = () =>
  withSql(
    async (sql) =>
      (
        await sql.query<Key>(`
          SELECT c.conname AS name, c.conrelid::regclass::text AS table, c.confdeltype AS on_delete,
                 c.confupdtype AS on_update,
                 (SELECT array_agg(a.attname::text) FROM unnest(c.conkey) k(n)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS columns
          FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
          WHERE c.contype = 'f' AND n.nspname = 'public'`)
      ).rows,
  );

describe("foreign keys", () => {
  it("out of an append-only table only restrict: an action would have to rewrite history", async () => {
    const appendOnly = await withSql(async (sql) =>
      (
        await sql.query<{ table: string }>(
          "SELECT DISTINCT tgrelid::regclass::text AS table FROM pg_trigger WHERE tgfoid = 'refuse_append_only_change'::regproc",
        )
      ).rows.map((row) => row.table),
    );
    const acting = (await foreignKeys())
      .filter((key) => appendOnly.includes(key.table))
      .filter((key) => !["r", "a"].includes(key.on_delete) || !["r", "a"].includes(key.on_update))
      .map((key) => `${key.name} delete:${key.on_delete} update:${key.on_update}`);
    expect(acting).toEqual([]);
  });

  it("never set to null a column that a CHECK constraint of its table reads", async () => {
    const checked = await withSql(async (sql) =>
      (
        await sql.query<{ table: string; column: string }>(`
            SELECT DISTINCT c.conrelid::regclass::text AS table, a.attname::text AS column
            FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) k(n)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n
            JOIN pg_namespace ns ON ns.oid = c.connamespace
            WHERE c.contype = 'c' AND ns.nspname = 'public'`)
      ).rows.map((row) => `${row.table}.${row.column}`),
    );
    const clashing = (await foreignKeys())
      .filter((key) => key.on_delete === "n" || key.on_delete === "d")
      .filter((key) => key.columns.some((column) => checked.includes(`${key.table}.${column}`)))
      .map((key) => key.name);
    expect(clashing).toEqual([]);
  });

  it("removing a user named in the audit log is refused by the key, and the audit row keeps its actor", async () => {
    await withOwnerSql(async (sql) => {
      await sql.query("BEGIN"); // rolled back at the end: the test leaves no user behind
      const {
        rows: [user],
      } = await sql.query(
        `INSERT INTO users (email, name, role, password_hash) VALUES ('declarations@batys.test', 'Audit only', 'MANAGER',
           'x') RETURNING id`,
      );
      const {
        rows: [audit],
      } = await sql.query("INSERT INTO audit_logs (actor_id, action) VALUES ($1, 'test.declarations') RETURNING id", [
        user.id,
      ]);
      // Before: ON DELETE SET NULL tried to rewrite the audit row and the append-only trigger refused (42501).
      await sql.query("SAVEPOINT attempt");
      await expect(sql.query("DELETE FROM users WHERE id = $1", [user.id])).rejects.toMatchObject({ code: "23503" });
      await sql.query("ROLLBACK TO SAVEPOINT attempt");
      const { rows } = await sql.query("SELECT actor_id FROM audit_logs WHERE id = $1", [audit.id]);
      expect(rows).toEqual([{ actor_id: user.id }]);
      expect((await sql.query("SELECT 1 FROM users WHERE id = $1", [user.id])).rowCount).toBe(1);
      await sql.query("ROLLBACK");
    });
  });
});
