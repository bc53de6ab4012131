// The app connects as a role that owns nothing and holds data grants only (DATABASE_URL); migrations run as the
// owner. Whatever SQL the app role sends — through a bug or an injection — history stays as it was written.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropDatabase } from "../../scripts/lib/database";
import { dropRoles, grantAppRole, provisionDatabase } from "../../scripts/lib/database-roles";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { withOwnerSql, withScratchDatabase, withSql } from "../support/database";

type Snapshot = { updates: string; audits: string; triggers: string };

/** Everything the attacks below aim at: every history and audit row, and the state of every trigger. */
const snapshot = (sql: pg.Client): Promise<Snapshot> =>
  sql
    .query<Snapshot>(`
      SELECT (SELECT md5(coalesce(string_agg(p::text, '|' ORDER BY p.id), '')) FROM progress_updates p) AS updates,
             (SELECT md5(coalesce(string_agg(a::text, '|' ORDER BY a.id), '')) FROM audit_logs a) AS audits,
             (SELECT string_agg(tgname || ':' || tgenabled::text, ',' ORDER BY tgname) FROM pg_trigger
              WHERE NOT tgisinternal) AS triggers`)
    .then((result) => result.rows[0]!);

/** The SQLSTATE a statement fails with (null when it succeeds). */
async function failureOf(sql: pg.Client, statement: string, params: unknown[] = []): Promise<string | null> {
  await sql.query("SAVEPOINT attempt");
  try {
    await sql.query(statement, params);
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? "unknown";
  } finally {
    await sql.query("ROLLBACK TO SAVEPOINT attempt");
  }
}

const INSUFFICIENT_PRIVILEGE = "42501";
let updateId: number;
let auditId: string;

beforeAll(async () => {
  await withSql(async (sql) => {
    const {
      rows: [user],
    } = await sql.query("SELECT id FROM users WHERE role = 'MINISTRY' ORDER BY id LIMIT 1");
    const {
      rows: [project],
    } = await sql.query("SELECT id FROM projects ORDER BY id LIMIT 1");
    // The app role may add history: that is its job.
    updateId = (
      await sql.query(
        `INSERT INTO progress_updates (project_id, author_id, status, previous_status, percent_complete,
           previous_percent, as_of, comment) VALUES ($1, $2, 'DESIGN', 'PLANNED', 5, 0, current_date, 'roles check')
         RETURNING id`,
        [project.id, user.id],
      )
    ).rows[0].id;
    auditId = (await sql.query("INSERT INTO audit_logs (action) VALUES ('test.roles') RETURNING id")).rows[0].id;
  });
});

describe("the app's database role", () => {
  it("is not a superuser, owns nothing, and is neither the owner nor a member of the owner role", async () => {
    const owner = await withOwnerSql(async (sql) => (await sql.query("SELECT current_user AS name")).rows[0].name);
    await withSql(async (sql) => {
      const {
        rows: [facts],
      } = await sql.query(
        `SELECT r.rolname AS name, r.rolsuper AS superuser, r.rolcreaterole AS createrole, r.rolcreatedb AS createdb,
                r.rolbypassrls AS bypassrls,
                (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned_relations,
                (SELECT count(*)::int FROM pg_proc p WHERE p.proowner = r.oid) AS owned_functions,
                pg_has_role(r.oid, $1::name, 'MEMBER') AS owner_member
         FROM pg_roles r WHERE r.rolname = current_user`,
        [owner],
      );
      expect(facts.name).not.toBe(owner);
      expect(facts).toMatchObject({
        superuser: false,
        createrole: false,
        createdb: false,
        bypassrls: false,
        owned_relations: 0,
        owned_functions: 0,
        owner_member: false,
      });
    });
  });

  it("reads and writes ordinary tables, but only reads and appends history and audit rows", async () => {
    await withSql(async (sql) => {
      const { rows } = await sql.query<{ table: string; privileges: string }>(`
        SELECT c.relname AS table,
               concat_ws(',', CASE WHEN has_table_privilege(c.oid, 'SELECT') THEN 'select' END,
                 CASE WHEN has_table_privilege(c.oid, 'INSERT') THEN 'insert' END,
                 CASE WHEN has_table_privilege(c.oid, 'UPDATE') THEN 'update' END,
                 CASE WHEN has_table_privilege(c.oid, 'DELETE') THEN 'delete' END,
                 CASE WHEN has_table_privilege(c.oid, 'TRUNCATE') THEN 'truncate' END,
                 CASE WHEN has_table_privilege(c.oid, 'TRIGGER') THEN 'trigger' END,
                 CASE WHEN has_table_privilege(c.oid, 'REFERENCES') THEN 'references' END) AS privileges
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'`);
      const privileges = new Map(rows.map((row) => [row.table, row.privileges]));
      expect(privileges.get("progress_updates")).toBe("select,insert");
      expect(privileges.get("audit_logs")).toBe("select,insert");
      expect(privileges.get("projects")).toBe("select,insert,update,delete");
      expect(privileges.get("pgmigrations")).toBe("");
      // Every append-only table (whatever later migrations add) is read-and-append only; the rest plain DML.
      const { rows: appendOnly } = await sql.query<{ table: string }>(
        "SELECT DISTINCT tgrelid::regclass::text AS table FROM pg_trigger WHERE tgfoid = 'refuse_append_only_change'::regproc",
      );
      expect(appendOnly.map((row) => row.table)).toEqual(expect.arrayContaining(["progress_updates", "audit_logs"]));
      for (const [table, granted] of privileges) {
        if (table === "pgmigrations") continue;
        const append = appendOnly.some((row) => row.table === table);
        expect(`${table}: ${granted}`).toBe(`${table}: ${append ? "select,insert" : "select,insert,update,delete"}`);
      }
    });
  });

  it("cannot rewrite, remove or truncate history and audit rows, and they stay as written", async () => {
    await withSql(async (sql) => {
      const before = await snapshot(sql);
      await sql.query("BEGIN");
      const attempts = [
        ["UPDATE progress_updates SET percent_complete = 90 WHERE id = $1", [updateId]],
        ["DELETE FROM progress_updates WHERE id = $1", [updateId]],
        ["TRUNCATE progress_updates CASCADE", []],
        ["UPDATE audit_logs SET action = 'rewritten' WHERE id = $1", [auditId]],
        ["DELETE FROM audit_logs WHERE id = $1", [auditId]],
        ["TRUNCATE audit_logs", []],
        // Not through a foreign key's action either: the keys into history restrict (they declare nothing else).
        ["DELETE FROM users WHERE id = (SELECT author_id FROM progress_updates WHERE id = $1)", [updateId]],
      ] as const;
      const failures = [];
      for (const [statement, params] of attempts) failures.push(await failureOf(sql, statement, [...params]));
      await sql.query("ROLLBACK");
      expect(failures).toEqual([...Array(6).fill(INSUFFICIENT_PRIVILEGE), "23503"]);
      expect(await snapshot(sql)).toEqual(before);
    });
  });

  it("cannot switch the append-only triggers off, drop or replace them, or skip them by replication mode", async () => {
    await withSql(async (sql) => {
      const owner = await withOwnerSql(async (owner) => (await owner.query("SELECT current_user AS n")).rows[0].n);
      const before = await snapshot(sql);
      await sql.query("BEGIN");
      const attempts = [
        "ALTER TABLE progress_updates DISABLE TRIGGER progress_updates_append_only",
        "ALTER TABLE progress_updates DISABLE TRIGGER ALL",
        "ALTER TABLE audit_logs DISABLE TRIGGER USER",
        "DROP TRIGGER audit_logs_append_only ON audit_logs",
        "DROP TRIGGER progress_updates_no_truncate ON progress_updates",
        "CREATE OR REPLACE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$",
        "DROP FUNCTION refuse_append_only_change() CASCADE",
        "SET session_replication_role = replica",
        "SET LOCAL session_replication_role = replica",
        `SET ROLE "${owner}"`,
        "ALTER TABLE progress_updates OWNER TO current_user",
        "CREATE TRIGGER sneaky BEFORE INSERT ON projects FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()",
      ];
      const failures = [];
      for (const statement of attempts) failures.push(`${statement} -> ${await failureOf(sql, statement)}`);
      await sql.query("ROLLBACK");
      expect(failures).toEqual(attempts.map((statement) => `${statement} -> ${INSUFFICIENT_PRIVILEGE}`));
      expect(await snapshot(sql)).toEqual(before);
      expect(before.triggers).toMatch(/progress_updates_append_only:O/);
      expect(before.triggers).toMatch(/audit_logs_no_truncate:O/);
    });
  });

  it("cannot change the schema: no ALTER, DROP or CREATE of tables, and no reading the migrations' bookkeeping", async () => {
    await withSql(async (sql) => {
      const columns = async () =>
        (await sql.query("SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'public'"))
          .rows[0].n;
      const before = await columns();
      await sql.query("BEGIN");
      const attempts = [
        "ALTER TABLE projects ADD COLUMN sneaky text",
        "ALTER TABLE audit_logs DROP COLUMN ip",
        "ALTER TABLE progress_updates DROP CONSTRAINT progress_updates_project_id_fkey",
        "DROP TABLE progress_updates CASCADE",
        "DROP TABLE sessions",
        "CREATE TABLE sneaky (id integer)",
        "CREATE INDEX sneaky_idx ON projects (code)",
        "SELECT * FROM pgmigrations",
        "DELETE FROM pgmigrations",
      ];
      const failures = [];
      for (const statement of attempts) failures.push(`${statement} -> ${await failureOf(sql, statement)}`);
      await sql.query("ROLLBACK");
      expect(failures).toEqual(attempts.map((statement) => `${statement} -> ${INSUFFICIENT_PRIVILEGE}`));
      expect(await columns()).toBe(before);
    });
  });
});

describe("a history table that a later migration adds", () => {
  const table = "roles_test_history";
  afterAll(() => withOwnerSql((sql) => sql.query(`DROP TABLE IF EXISTS ${table}`)));

  it("gets the app's data grants by default, and batys_make_append_only takes rewriting back and adds triggers", async () => {
    // What a migration of another branch does, as the owner: a plain CREATE TABLE, then the one helper call.
    await withOwnerSql(async (sql) => {
      await sql.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, note text NOT NULL)`);
    });
    await withSql(async (sql) => {
      await sql.query(`INSERT INTO ${table} (note) VALUES ('before')`);
      await sql.query(`UPDATE ${table} SET note = 'editable until made append-only'`);
    });
    await withOwnerSql(async (sql) => {
      await sql.query(`SELECT batys_make_append_only('${table}')`);
      await expect(sql.query(`UPDATE ${table} SET note = 'x'`)).rejects.toThrow(/append-only/);
    });
    await withSql(async (sql) => {
      await sql.query(`INSERT INTO ${table} (note) VALUES ('appended')`);
      await sql.query("BEGIN");
      const failures = [
        await failureOf(sql, `UPDATE ${table} SET note = 'rewritten'`),
        await failureOf(sql, `DELETE FROM ${table}`),
        await failureOf(sql, `TRUNCATE ${table}`),
        await failureOf(sql, `ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`),
      ];
      await sql.query("ROLLBACK");
      expect(failures).toEqual(Array(4).fill(INSUFFICIENT_PRIVILEGE));
      const { rows } = await sql.query(`SELECT note FROM ${table} ORDER BY id`);
      expect(rows.map((row) => row.note)).toEqual(["editable until made append-only", "appended"]);
    });
  });
});

describe("a database from before the two roles (all owned by the server's superuser)", () => {
  it("is handed over to the owner role at start, and its app role then cannot rewrite history", async () => {
    await withScratchDatabase("legacy", async (superuserUrl) => {
      await migrateDatabase(superuserUrl); // as an earlier version did: everything created by the superuser
      const database = new URL(superuserUrl).pathname.slice(1);
      const roles = {
        owner: { name: `${database}_owner`, password: "legacy-owner-test" },
        app: { name: `${database}_app`, password: "legacy-app-test" },
      };
      try {
        const urls = await provisionDatabase(process.env.TEST_SERVER_URL!, database, roles);
        expect(await migrateDatabase(urls.ownerUrl)).toEqual([]);
        await grantAppRole(urls.ownerUrl, roles.app.name);
        const notOwned = await withSql(
          async (sql) =>
            (
              await sql.query(
                `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S') AND pg_get_userbyid(c.relowner) <> $1`,
                [roles.owner.name],
              )
            ).rows,
          urls.ownerUrl,
        );
        expect(notOwned).toEqual([]);
        await withSql(async (sql) => {
          await sql.query("INSERT INTO audit_logs (action) VALUES ('legacy.check')");
          await expect(sql.query("DELETE FROM audit_logs")).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
          await expect(sql.query("ALTER TABLE audit_logs DISABLE TRIGGER ALL")).rejects.toMatchObject({
            code: INSUFFICIENT_PRIVILEGE,
          });
        }, urls.appUrl);
      } finally {
        await dropDatabase(process.env.TEST_SERVER_URL!, database);
        await dropRoles(process.env.TEST_SERVER_URL!, roles);
      }
    });
  });
});
