import { describe, expect, it } from "vitest";
import { withOwnerSql } from "../support/database";

// History and audit rows are evidence: the database itself refuses to change or remove them — even when the owner
// of the tables asks (the app role is not even allowed to ask: tests/integration/database-roles.test.ts).
describe("append-only history and audit tables", () => {
  it("refuse UPDATE, DELETE and TRUNCATE of progress history, and the row stays as written", async () => {
    await withOwnerSql(async (sql) => {
      const {
        rows: [user],
      } = await sql.query("SELECT id FROM users WHERE role = 'MINISTRY' LIMIT 1");
      const {
        rows: [project],
      } = await sql.query("SELECT id FROM projects ORDER BY id LIMIT 1");
      const {
        rows: [update],
      } = await sql.query(
        "INSERT INTO progress_updates (project_id, author_id, status, previous_status, percent_complete, previous_percent, as_of, comment) VALUES ($1, $2, 'DESIGN', 'PLANNED', 5, 0, current_date, 'append-only check') RETURNING id",
        [project.id, user.id],
      );
      await expect(
        sql.query("UPDATE progress_updates SET percent_complete = 90 WHERE id = $1", [update.id]),
      ).rejects.toThrow(/append-only/);
      await expect(sql.query("DELETE FROM progress_updates WHERE id = $1", [update.id])).rejects.toThrow(/append-only/);
      await expect(sql.query("TRUNCATE progress_updates CASCADE")).rejects.toThrow(/append-only/);
      const {
        rows: [after],
      } = await sql.query("SELECT percent_complete, comment FROM progress_updates WHERE id = $1", [update.id]);
      expect(after).toEqual({ percent_complete: 5, comment: "append-only check" });
    });
  });

  it("refuse UPDATE, DELETE and TRUNCATE of the audit log", async () => {
    await withOwnerSql(async (sql) => {
      const {
        rows: [entry],
      } = await sql.query("INSERT INTO audit_logs (action) VALUES ('test.append-only') RETURNING id");
      await expect(sql.query("UPDATE audit_logs SET action = 'rewritten' WHERE id = $1", [entry.id])).rejects.toThrow(
        /append-only/,
      );
      await expect(sql.query("DELETE FROM audit_logs WHERE id = $1", [entry.id])).rejects.toThrow(/append-only/);
      await expect(sql.query("TRUNCATE audit_logs")).rejects.toThrow(/append-only/);
      const { rows } = await sql.query("SELECT action FROM audit_logs WHERE id = $1", [entry.id]);
      expect(rows).toEqual([{ action: "test.append-only" }]);
    });
  });
});
