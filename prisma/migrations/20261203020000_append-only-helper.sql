-- Up Migration
-- Two database roles: the owner (runs these migrations, owns every table) and the app role (DATABASE_URL: DML
-- grants only, given by scripts/lib/database-roles.ts after the migrations, and by default on every table a later
-- migration creates). Append-only tables must take UPDATE, DELETE and TRUNCATE back from the app role as well as
-- refuse them in a trigger; one call does both, so a migration that adds a history table writes only:
--
--   SELECT batys_make_append_only('my_history');
--
-- No GRANT or role name appears in a migration: the roles' names differ between deployments and test runs.

-- Takes UPDATE, DELETE and TRUNCATE away from every role but the owner on each table guarded by
-- refuse_append_only_change() (the owner keeps them: a migration may need to add a column, as before).
CREATE FUNCTION batys_enforce_append_only() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  target regclass;
  grantee text;
BEGIN
  FOR target IN
    SELECT DISTINCT t.tgrelid::regclass FROM pg_trigger t WHERE t.tgfoid = 'refuse_append_only_change'::regproc
  LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM PUBLIC', target);
    FOR grantee IN
      SELECT DISTINCT a.grantee::regrole::text
      FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
      WHERE c.oid = target AND a.grantee <> 0 AND a.grantee <> c.relowner
    LOOP
      EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM %s', target, grantee);
    END LOOP;
  END LOOP;
END;
$$;

-- Makes a table append-only: triggers refuse UPDATE, DELETE (row by row) and TRUNCATE whoever asks, and no role
-- but the owner keeps the privileges to try.
CREATE FUNCTION batys_make_append_only(target regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := (SELECT relname FROM pg_class WHERE oid = target);
BEGIN
  EXECUTE format('CREATE OR REPLACE TRIGGER %I BEFORE UPDATE OR DELETE ON %s FOR EACH ROW '
    'EXECUTE FUNCTION refuse_append_only_change()', name || '_append_only', target);
  EXECUTE format('CREATE OR REPLACE TRIGGER %I BEFORE TRUNCATE ON %s FOR EACH STATEMENT '
    'EXECUTE FUNCTION refuse_append_only_change()', name || '_no_truncate', target);
  PERFORM batys_enforce_append_only();
END;
$$;

SELECT batys_make_append_only('progress_updates');
SELECT batys_make_append_only('audit_logs');

-- Down Migration
-- Deliberately empty.
