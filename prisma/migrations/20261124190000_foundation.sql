-- Up Migration
-- The foundation: reference data (oblasts, districts, sectors, categories), projects, progress history,
-- users and the audit log. Mirrors prisma/schema.prisma; tests/integration/schema-drift.test.ts checks it.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TYPE "Role" AS ENUM ('ADMIN', 'MINISTRY', 'AKIMAT', 'MANAGER');
CREATE TYPE "ProjectKind" AS ENUM ('OBJECT', 'MEASURE');
CREATE TYPE "ProjectStatus" AS ENUM ('PLANNED', 'DESIGN', 'IN_PROGRESS', 'COMPLETED', 'PAUSED', 'CANCELLED');
CREATE TYPE "ProjectAction" AS ENUM ('BUILD', 'RECONSTRUCT', 'ELECTRIFY', 'EXPAND', 'MODERNISE', 'REPAIR', 'DESIGN',
  'CREATE', 'TRANSFER', 'RELOCATE', 'DEVELOP', 'PURCHASE', 'RESTORE', 'PROTECT', 'STUDY', 'OTHER');
CREATE TYPE "DistrictType" AS ENUM ('DISTRICT', 'CITY');

CREATE TABLE oblasts (
  id      serial PRIMARY KEY,
  code    text NOT NULL,
  name_kk text NOT NULL,
  name_ru text NOT NULL,
  name_en text NOT NULL
);
CREATE UNIQUE INDEX oblasts_code_key ON oblasts (code);

CREATE TABLE districts (
  id          serial PRIMARY KEY,
  code        text NOT NULL,
  oblast_id   integer NOT NULL REFERENCES oblasts (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  type        "DistrictType" NOT NULL,
  name_kk     text NOT NULL,
  name_ru     text,
  name_en     text,
  source_line integer
);
CREATE UNIQUE INDEX districts_code_key ON districts (code);
CREATE INDEX districts_oblast_id_idx ON districts (oblast_id);

CREATE TABLE sectors (
  id         serial PRIMARY KEY,
  code       text NOT NULL,
  name_kk    text NOT NULL,
  name_ru    text NOT NULL,
  name_en    text NOT NULL,
  sort_order integer NOT NULL
);
CREATE UNIQUE INDEX sectors_code_key ON sectors (code);

CREATE TABLE categories (
  id          serial PRIMARY KEY,
  code        text NOT NULL,
  code_prefix text NOT NULL,
  sector_id   integer NOT NULL REFERENCES sectors (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  name_kk     text NOT NULL,
  name_ru     text NOT NULL,
  name_en     text NOT NULL,
  sort_order  integer NOT NULL
);
CREATE UNIQUE INDEX categories_code_key ON categories (code);
CREATE UNIQUE INDEX categories_code_prefix_key ON categories (code_prefix);
CREATE INDEX categories_sector_id_idx ON categories (sector_id);

CREATE TABLE projects (
  id               serial PRIMARY KEY,
  code             text NOT NULL,
  kind             "ProjectKind" NOT NULL,
  name_kk          text NOT NULL,
  name_ru          text,
  name_en          text,
  category_id      integer NOT NULL REFERENCES categories (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  action           "ProjectAction" NOT NULL,
  horizon          integer CHECK (horizon IN (2030, 2040, 2050)),
  district_id      integer REFERENCES districts (id) ON UPDATE CASCADE ON DELETE SET NULL,
  place            text,
  planned_quantity decimal(14, 3) CHECK (planned_quantity >= 0),
  unit             text,
  source_point     text NOT NULL,
  source_line      integer NOT NULL,
  source_excerpt   text NOT NULL,
  source_note      text,
  status           "ProjectStatus" NOT NULL DEFAULT 'PLANNED',
  percent_complete integer NOT NULL DEFAULT 0 CHECK (percent_complete BETWEEN 0 AND 100),
  quantity_done    decimal(14, 3) CHECK (quantity_done >= 0),
  withdrawn_at     timestamptz(3),
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at       timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CHECK ((planned_quantity IS NULL) = (unit IS NULL))
);
CREATE UNIQUE INDEX projects_code_key ON projects (code);
CREATE INDEX projects_category_id_idx ON projects (category_id);
CREATE INDEX projects_district_id_idx ON projects (district_id);
CREATE INDEX projects_status_idx ON projects (status);
CREATE INDEX projects_horizon_idx ON projects (horizon);
CREATE INDEX projects_kind_idx ON projects (kind);
-- Search: one lower-cased text of code, names and place (lower-cased by the application so it does not depend on
-- the database's collation), with a trigram index for substring search.
ALTER TABLE projects ADD COLUMN search_text text NOT NULL DEFAULT '';
CREATE INDEX projects_search_text_trgm_idx ON projects USING gin (search_text gin_trgm_ops);

CREATE TABLE project_oblasts (
  project_id integer NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE,
  oblast_id  integer NOT NULL REFERENCES oblasts (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  PRIMARY KEY (project_id, oblast_id)
);
CREATE INDEX project_oblasts_oblast_id_idx ON project_oblasts (oblast_id);

CREATE TABLE users (
  id                   serial PRIMARY KEY,
  email                text NOT NULL,
  name                 text NOT NULL,
  role                 "Role" NOT NULL,
  oblast_id            integer REFERENCES oblasts (id) ON UPDATE CASCADE ON DELETE SET NULL,
  password_hash        text NOT NULL,
  active               boolean NOT NULL DEFAULT true,
  session_version      integer NOT NULL DEFAULT 1,
  must_change_password boolean NOT NULL DEFAULT false,
  created_at           timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at           timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  -- An akimat officer is bound to exactly one oblast; nobody else is.
  CHECK ((role = 'AKIMAT') = (oblast_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_role_idx ON users (role);

CREATE TABLE progress_updates (
  id               serial PRIMARY KEY,
  project_id       integer NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  author_id        integer NOT NULL REFERENCES users (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  status           "ProjectStatus" NOT NULL,
  percent_complete integer NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
  quantity_done    decimal(14, 3) CHECK (quantity_done >= 0),
  as_of            date NOT NULL,
  comment          text,
  evidence_url     text,
  created_at       timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX progress_updates_project_id_created_at_idx ON progress_updates (project_id, created_at);
CREATE INDEX progress_updates_created_at_idx ON progress_updates (created_at);

CREATE TABLE audit_logs (
  id          bigserial PRIMARY KEY,
  at          timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  actor_id    integer REFERENCES users (id) ON UPDATE CASCADE ON DELETE SET NULL,
  action      text NOT NULL,
  target_type text,
  target_id   text,
  oblast_id   integer,
  before      jsonb,
  after       jsonb,
  ip          text
);
CREATE INDEX audit_logs_at_idx ON audit_logs (at);
CREATE INDEX audit_logs_actor_id_idx ON audit_logs (actor_id);
CREATE INDEX audit_logs_action_idx ON audit_logs (action);

-- History and audit are append-only: the database itself refuses to change or remove a row.
CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER progress_updates_append_only BEFORE UPDATE OR DELETE ON progress_updates
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
CREATE TRIGGER progress_updates_no_truncate BEFORE TRUNCATE ON progress_updates
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();

-- Down Migration
-- Deliberately empty: dropping the tracker's history is never a migration step.
