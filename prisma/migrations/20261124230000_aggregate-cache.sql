-- Up Migration
-- A cache of dashboard aggregates in PostgreSQL (so every app instance shares it), invalidated by a data version
-- that every write to projects or their history bumps inside its own transaction: a reader sees the new version
-- only once the change is committed, so a cached result is never newer or older than the data it claims.

CREATE TABLE data_versions (
  name    text PRIMARY KEY,
  version bigint NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('projects', 1);

CREATE TABLE aggregate_cache (
  key         text PRIMARY KEY,
  version     bigint NOT NULL,
  payload     jsonb NOT NULL,
  computed_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE FUNCTION bump_projects_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'projects';
  RETURN NULL;
END;
$$;
CREATE TRIGGER projects_bump_data_version AFTER INSERT OR UPDATE OR DELETE ON projects
  FOR EACH STATEMENT EXECUTE FUNCTION bump_projects_data_version();
CREATE TRIGGER project_oblasts_bump_data_version AFTER INSERT OR UPDATE OR DELETE ON project_oblasts
  FOR EACH STATEMENT EXECUTE FUNCTION bump_projects_data_version();
CREATE TRIGGER progress_updates_bump_data_version AFTER INSERT ON progress_updates
  FOR EACH STATEMENT EXECUTE FUNCTION bump_projects_data_version();

-- Down Migration
-- Deliberately empty.
