// The two database roles. The OWNER owns the schema's tables and runs the migrations; the APP role is what the
// running app connects as: no superuser, owns nothing, holds only SELECT/INSERT/UPDATE/DELETE grants, and on the
// append-only history tables only SELECT/INSERT. So a bug or an injection in the app can neither rewrite history
// nor switch its triggers off (only a table's owner may ALTER it; session_replication_role needs a superuser).
import pg from "pg";
import { createDatabase, quoteIdentifier } from "./database";

export type RoleLogin = { name: string; password: string };
export type DatabaseRoles = { owner: RoleLogin; app: RoleLogin };
/** Where the app connects (`appUrl`, DATABASE_URL) and where migrations run (`ownerUrl`, MIGRATION_DATABASE_URL). */
export type DatabaseUrls = { appUrl: string; ownerUrl: string };

async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The URL of `database` on the server of `serverUrl`, signed in as `role`. */
export function roleUrl(serverUrl: string, database: string, role: RoleLogin): string {
  const url = new URL(serverUrl);
  url.username = encodeURIComponent(role.name);
  url.password = encodeURIComponent(role.password);
  url.pathname = `/${database}`;
  return url.toString();
}

export const roleNameOf = (databaseUrl: string): string => decodeURIComponent(new URL(databaseUrl).username);

/** Creates the login role, or resets its password and attributes: never a superuser, may create no roles or DBs. */
async function ensureLoginRole(admin: pg.Client, role: RoleLogin): Promise<void> {
  const exists = (await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role.name])).rowCount === 1;
  const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(role.password)}`;
  await admin.query(`${exists ? "ALTER" : "CREATE"} ROLE ${quoteIdentifier(role.name)} ${attributes}`);
}

/**
 * Run with a superuser connection (the embedded server's, or the test server's): creates both roles and the
 * database owned by the owner role. A database created before the two roles existed (a local `.data` folder from
 * an earlier version) has its objects handed over to the owner, so its migrations keep working.
 */
export async function provisionDatabase(
  adminUrl: string,
  database: string,
  roles: DatabaseRoles,
): Promise<DatabaseUrls> {
  await withClient(adminUrl, async (admin) => {
    await ensureLoginRole(admin, roles.owner);
    await ensureLoginRole(admin, roles.app);
  });
  await createDatabase(adminUrl, database, roles.owner.name);
  const adminInDatabase = new URL(adminUrl);
  adminInDatabase.pathname = `/${database}`;
  await withClient(adminInDatabase.toString(), async (admin) => {
    const owner = quoteIdentifier(roles.owner.name);
    await admin.query(`ALTER DATABASE ${quoteIdentifier(database)} OWNER TO ${owner}`);
    await admin.query(`GRANT CONNECT ON DATABASE ${quoteIdentifier(database)} TO ${quoteIdentifier(roles.app.name)}`);
    await adoptObjects(admin, roles.owner.name);
  });
  return { ownerUrl: roleUrl(adminUrl, database, roles.owner), appUrl: roleUrl(adminUrl, database, roles.app) };
}

/** Gives the owner role the schema's tables, sequences, views, functions and types that another role created. */
async function adoptObjects(admin: pg.Client, owner: string): Promise<void> {
  const notExtension = (catalog: string, oidColumn: string) =>
    `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oidColumn} AND d.deptype = 'e')`;
  const relations = async (kinds: string) =>
    (
      await admin.query<{ name: string; kind: string }>(
        `SELECT c.oid::regclass::text AS name, c.relkind::text AS kind FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = ANY($1) AND pg_get_userbyid(c.relowner) <> $2
           AND ${notExtension("pg_class", "c.oid")}`,
        [kinds.split(""), owner],
      )
    ).rows;
  const keyword: Record<string, string> = { r: "TABLE", p: "TABLE", v: "VIEW", m: "MATERIALIZED VIEW", S: "SEQUENCE" };
  // Tables first: their serial sequences follow them (a sequence owned by a table cannot be given away alone).
  for (const kinds of ["rpvm", "S"])
    for (const relation of await relations(kinds))
      await admin.query(`ALTER ${keyword[relation.kind]} ${relation.name} OWNER TO ${quoteIdentifier(owner)}`);
  const functions = await admin.query<{ name: string }>(
    `SELECT p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1 AND ${notExtension("pg_proc", "p.oid")}`,
    [owner],
  );
  for (const fn of functions.rows) await admin.query(`ALTER FUNCTION ${fn.name} OWNER TO ${quoteIdentifier(owner)}`);
  const types = await admin.query<{ name: string }>(
    `SELECT t.oid::regtype::text AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' AND t.typtype = 'e' AND pg_get_userbyid(t.typowner) <> $1
       AND ${notExtension("pg_type", "t.oid")}`,
    [owner],
  );
  for (const type of types.rows) await admin.query(`ALTER TYPE ${type.name} OWNER TO ${quoteIdentifier(owner)}`);
}

/**
 * Run as the owner after the migrations: the app role gets exactly the grants it needs — DML on every table,
 * the sequences behind their ids, and the same by default on tables later migrations create (ALTER DEFAULT
 * PRIVILEGES) — then `batys_enforce_append_only()` takes UPDATE, DELETE and TRUNCATE back on the append-only
 * tables, and the migrations' own bookkeeping table is out of its reach. Idempotent; runs at every start.
 */
export async function grantAppRole(ownerUrl: string, appRole: string): Promise<void> {
  await withClient(ownerUrl, async (owner) => {
    const {
      rows: [facts],
    } = await owner.query<{ superuser: boolean; owns: boolean; member: boolean }>(
      `SELECT r.rolsuper AS superuser,
              EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname = 'public' AND c.relowner = r.oid) AS owns,
              pg_has_role(r.oid, current_user, 'USAGE') AS member
       FROM pg_roles r WHERE r.rolname = $1`,
      [appRole],
    );
    if (!facts) throw new Error(`the app's database role ${appRole} does not exist`);
    if (facts.superuser || facts.owns || facts.member)
      throw new Error(
        `DATABASE_URL's role ${appRole} is a superuser, owns tables or has the owner's rights: give the app a role ` +
          "that owns nothing (README, Database roles)",
      );
    const app = quoteIdentifier(appRole);
    await owner.query("BEGIN");
    await owner.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
    await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
    await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
    // Without FOR ROLE: for the role running this, the owner — tables that later migrations create.
    await owner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    );
    await owner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`);
    await owner.query(`REVOKE ALL ON pgmigrations FROM ${app}`);
    await owner.query(`REVOKE ALL ON SEQUENCE pgmigrations_id_seq FROM ${app}`);
    await owner.query("SELECT batys_enforce_append_only()");
    await owner.query("COMMIT");
  });
}

/** Test runs on a shared server drop their roles at the end (after their databases). */
export async function dropRoles(adminUrl: string, roles: DatabaseRoles): Promise<void> {
  await withClient(adminUrl, async (admin) => {
    for (const role of [roles.app, roles.owner]) await admin.query(`DROP ROLE IF EXISTS ${quoteIdentifier(role.name)}`);
  });
}
