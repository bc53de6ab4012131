-- Up Migration
-- Roll-ups instead of a cache that every save throws away. Three small tables summarise the projects and their
-- history; dashboards, the oblast and sector pages, list counts and report headlines read them (a few hundred rows)
-- and are exact at every moment, because they change in the same transaction as the rows they summarise.
--
--   rollup_projects   per oblast (0 = the whole region, each project once) × category × horizon (0 = none) × kind ×
--                     status × confidence ('' = not rated) × unit ('' = none): projects, sum of percent, planned and
--                     done quantity (done = quantity done, or the planned quantity of a completed project)
--   rollup_districts  per oblast × district (0 = none) × category × kind × status: projects, sum of percent
--   rollup_months     per oblast (0 = region) × sector × kind × month of the update's as-of date: progress updates,
--                     net completions, percent gained
-- Withdrawn projects are in none of them.
--
-- How a write updates them without a global lock and without deadlocks: triggers on projects, project_oblasts and
-- progress_updates stage signed deltas in rollup_pending_* (plain inserts, which never wait), and a deferred
-- constraint trigger folds the transaction's deltas into the roll-ups at commit, in one statement per table, in
-- key order, tables always in the same order. Two writers on different projects never wait for each other unless
-- they touch the same roll-up row, and then only for that row's update at commit; every transaction takes roll-up
-- row locks in the same global order, so they cannot deadlock.
--
-- The global data_versions counter (one row every writer locked) and the aggregate cache it invalidated go.

DROP TRIGGER projects_bump_data_version ON projects;
DROP TRIGGER project_oblasts_bump_data_version ON project_oblasts;
DROP TRIGGER progress_updates_bump_data_version ON progress_updates;
DROP FUNCTION bump_projects_data_version();
DROP TABLE aggregate_cache;
DROP TABLE data_versions;

CREATE TABLE rollup_projects (
  oblast_id        integer NOT NULL,
  category_id      integer NOT NULL,
  horizon          integer NOT NULL,
  kind             text NOT NULL,
  status           text NOT NULL,
  confidence       text NOT NULL,
  unit             text NOT NULL,
  projects         integer NOT NULL,
  percent_sum      bigint NOT NULL,
  planned_quantity decimal(24, 3) NOT NULL,
  done_quantity    decimal(24, 3) NOT NULL,
  PRIMARY KEY (oblast_id, category_id, horizon, kind, status, confidence, unit)
);
CREATE TABLE rollup_districts (
  oblast_id   integer NOT NULL,
  district_id integer NOT NULL,
  category_id integer NOT NULL,
  kind        text NOT NULL,
  status      text NOT NULL,
  projects    integer NOT NULL,
  percent_sum bigint NOT NULL,
  PRIMARY KEY (oblast_id, district_id, category_id, kind, status)
);
CREATE TABLE rollup_months (
  oblast_id      integer NOT NULL,
  sector_id      integer NOT NULL,
  kind           text NOT NULL,
  month          date NOT NULL,
  updates        integer NOT NULL,
  completions    integer NOT NULL,
  percent_gained bigint NOT NULL,
  PRIMARY KEY (oblast_id, sector_id, kind, month)
);

CREATE TABLE rollup_pending_projects (
  id bigserial PRIMARY KEY, tx bigint NOT NULL,
  oblast_id integer NOT NULL, category_id integer NOT NULL, horizon integer NOT NULL, kind text NOT NULL,
  status text NOT NULL, confidence text NOT NULL, unit text NOT NULL,
  projects integer NOT NULL, percent_sum bigint NOT NULL,
  planned_quantity decimal(24, 3) NOT NULL, done_quantity decimal(24, 3) NOT NULL
);
CREATE INDEX rollup_pending_projects_tx_idx ON rollup_pending_projects (tx);
CREATE TABLE rollup_pending_districts (
  id bigserial PRIMARY KEY, tx bigint NOT NULL,
  oblast_id integer NOT NULL, district_id integer NOT NULL, category_id integer NOT NULL, kind text NOT NULL,
  status text NOT NULL, projects integer NOT NULL, percent_sum bigint NOT NULL
);
CREATE INDEX rollup_pending_districts_tx_idx ON rollup_pending_districts (tx);
CREATE TABLE rollup_pending_months (
  id bigserial PRIMARY KEY, tx bigint NOT NULL,
  oblast_id integer NOT NULL, sector_id integer NOT NULL, kind text NOT NULL, month date NOT NULL,
  updates integer NOT NULL, completions integer NOT NULL, percent_gained bigint NOT NULL
);
CREATE INDEX rollup_pending_months_tx_idx ON rollup_pending_months (tx);
-- One row per transaction with staged deltas: its deferred trigger folds them in once, at commit.
CREATE TABLE rollup_pending_txs (tx bigint PRIMARY KEY);

CREATE FUNCTION rollup_mark_transaction() RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_pending_txs (tx) VALUES (txid_current()) ON CONFLICT (tx) DO NOTHING
$$;

-- A project's contribution (sign +1 or -1) to the project and district roll-ups: for the region and every oblast
-- it touches, or for one oblast only.
CREATE FUNCTION rollup_stage_project(p projects, sign integer, only_oblast integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p.withdrawn_at IS NOT NULL THEN RETURN; END IF;
  PERFORM rollup_mark_transaction();
  INSERT INTO rollup_pending_projects (tx, oblast_id, category_id, horizon, kind, status, confidence, unit,
    projects, percent_sum, planned_quantity, done_quantity)
  SELECT txid_current(), o.oblast_id, p.category_id, coalesce(p.horizon, 0), p.kind::text, p.status::text,
    coalesce(p.confidence::text, ''), coalesce(p.unit, ''), sign, sign * p.percent_complete,
    sign * coalesce(p.planned_quantity, 0),
    sign * coalesce(p.quantity_done, CASE WHEN p.status = 'COMPLETED' THEN p.planned_quantity END, 0)
  FROM (SELECT 0 AS oblast_id WHERE only_oblast IS NULL
        UNION ALL
        SELECT po.oblast_id FROM project_oblasts po
        WHERE po.project_id = p.id AND (only_oblast IS NULL OR po.oblast_id = only_oblast)) o;
  INSERT INTO rollup_pending_districts (tx, oblast_id, district_id, category_id, kind, status, projects, percent_sum)
  SELECT txid_current(), po.oblast_id, coalesce(p.district_id, 0), p.category_id, p.kind::text, p.status::text,
    sign, sign * p.percent_complete
  FROM project_oblasts po WHERE po.project_id = p.id AND (only_oblast IS NULL OR po.oblast_id = only_oblast);
END;
$$;

-- A project's progress history (one update, or all of it) in the monthly trend, with sign +1 or -1.
CREATE FUNCTION rollup_stage_months(p projects, sign integer, only_oblast integer, only_update integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p.withdrawn_at IS NOT NULL THEN RETURN; END IF;
  PERFORM rollup_mark_transaction();
  INSERT INTO rollup_pending_months (tx, oblast_id, sector_id, kind, month, updates, completions, percent_gained)
  SELECT txid_current(), o.oblast_id, c.sector_id, p.kind::text, date_trunc('month', u.as_of)::date, sign,
    sign * CASE WHEN u.status = 'COMPLETED' AND u.previous_status <> 'COMPLETED' THEN 1
                WHEN u.status <> 'COMPLETED' AND u.previous_status = 'COMPLETED' THEN -1 ELSE 0 END,
    sign * (u.percent_complete - u.previous_percent)
  FROM progress_updates u
  JOIN categories c ON c.id = p.category_id
  CROSS JOIN (SELECT 0 AS oblast_id WHERE only_oblast IS NULL
              UNION ALL
              SELECT po.oblast_id FROM project_oblasts po
              WHERE po.project_id = p.id AND (only_oblast IS NULL OR po.oblast_id = only_oblast)) o
  WHERE u.project_id = p.id AND (only_update IS NULL OR u.id = only_update);
END;
$$;

CREATE FUNCTION rollup_projects_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM rollup_stage_project(NEW, 1, NULL);
  ELSIF TG_OP = 'DELETE' THEN
    -- BEFORE DELETE, while the project's oblast links still exist.
    PERFORM rollup_stage_project(OLD, -1, NULL);
    PERFORM rollup_stage_months(OLD, -1, NULL, NULL);
    RETURN OLD;
  ELSE
    IF (NEW.withdrawn_at IS NULL) IS DISTINCT FROM (OLD.withdrawn_at IS NULL)
       OR NEW.category_id IS DISTINCT FROM OLD.category_id OR NEW.horizon IS DISTINCT FROM OLD.horizon
       OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.status IS DISTINCT FROM OLD.status
       OR NEW.confidence IS DISTINCT FROM OLD.confidence OR NEW.unit IS DISTINCT FROM OLD.unit
       OR NEW.percent_complete IS DISTINCT FROM OLD.percent_complete
       OR NEW.planned_quantity IS DISTINCT FROM OLD.planned_quantity
       OR NEW.quantity_done IS DISTINCT FROM OLD.quantity_done OR NEW.district_id IS DISTINCT FROM OLD.district_id
    THEN
      PERFORM rollup_stage_project(OLD, -1, NULL);
      PERFORM rollup_stage_project(NEW, 1, NULL);
    END IF;
    IF (NEW.withdrawn_at IS NULL) IS DISTINCT FROM (OLD.withdrawn_at IS NULL)
       OR NEW.category_id IS DISTINCT FROM OLD.category_id OR NEW.kind IS DISTINCT FROM OLD.kind THEN
      PERFORM rollup_stage_months(OLD, -1, NULL, NULL);
      PERFORM rollup_stage_months(NEW, 1, NULL, NULL);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER projects_rollup AFTER INSERT OR UPDATE ON projects
  FOR EACH ROW EXECUTE FUNCTION rollup_projects_changed();
CREATE TRIGGER projects_rollup_delete BEFORE DELETE ON projects
  FOR EACH ROW EXECUTE FUNCTION rollup_projects_changed();

CREATE FUNCTION rollup_project_oblasts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p projects;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT * INTO p FROM projects WHERE id = NEW.project_id;
    IF FOUND THEN
      PERFORM rollup_stage_project(p, 1, NEW.oblast_id);
      PERFORM rollup_stage_months(p, 1, NEW.oblast_id, NULL);
    END IF;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    -- Not found when the project itself is being deleted: its BEFORE DELETE trigger has taken it out already.
    SELECT * INTO p FROM projects WHERE id = OLD.project_id;
    IF FOUND THEN
      PERFORM rollup_stage_project(p, -1, OLD.oblast_id);
      PERFORM rollup_stage_months(p, -1, OLD.oblast_id, NULL);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER project_oblasts_rollup AFTER INSERT OR UPDATE OR DELETE ON project_oblasts
  FOR EACH ROW EXECUTE FUNCTION rollup_project_oblasts_changed();

CREATE FUNCTION rollup_progress_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p projects;
BEGIN
  SELECT * INTO p FROM projects WHERE id = NEW.project_id;
  PERFORM rollup_stage_months(p, 1, NULL, NEW.id);
  RETURN NULL;
END;
$$;
CREATE TRIGGER progress_updates_rollup AFTER INSERT ON progress_updates
  FOR EACH ROW EXECUTE FUNCTION rollup_progress_recorded();

-- At commit: fold this transaction's staged deltas into the roll-ups, in key order (see above). It fires once per
-- transaction, for the transaction's row in rollup_pending_txs.
CREATE FUNCTION rollup_flush() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM rollup_pending_txs WHERE tx = NEW.tx;
  WITH staged AS (DELETE FROM rollup_pending_projects WHERE tx = txid_current() RETURNING *),
  delta AS (
    SELECT oblast_id, category_id, horizon, kind, status, confidence, unit, sum(projects)::integer AS projects,
      sum(percent_sum)::bigint AS percent_sum, sum(planned_quantity) AS planned_quantity,
      sum(done_quantity) AS done_quantity
    FROM staged GROUP BY oblast_id, category_id, horizon, kind, status, confidence, unit
  )
  INSERT INTO rollup_projects AS r SELECT * FROM delta
  WHERE projects <> 0 OR percent_sum <> 0 OR planned_quantity <> 0 OR done_quantity <> 0
  ORDER BY oblast_id, category_id, horizon, kind, status, confidence, unit
  ON CONFLICT (oblast_id, category_id, horizon, kind, status, confidence, unit) DO UPDATE SET
    projects = r.projects + EXCLUDED.projects, percent_sum = r.percent_sum + EXCLUDED.percent_sum,
    planned_quantity = r.planned_quantity + EXCLUDED.planned_quantity,
    done_quantity = r.done_quantity + EXCLUDED.done_quantity;

  WITH staged AS (DELETE FROM rollup_pending_districts WHERE tx = txid_current() RETURNING *),
  delta AS (
    SELECT oblast_id, district_id, category_id, kind, status, sum(projects)::integer AS projects,
      sum(percent_sum)::bigint AS percent_sum
    FROM staged GROUP BY oblast_id, district_id, category_id, kind, status
  )
  INSERT INTO rollup_districts AS r SELECT * FROM delta WHERE projects <> 0 OR percent_sum <> 0
  ORDER BY oblast_id, district_id, category_id, kind, status
  ON CONFLICT (oblast_id, district_id, category_id, kind, status) DO UPDATE SET
    projects = r.projects + EXCLUDED.projects, percent_sum = r.percent_sum + EXCLUDED.percent_sum;

  WITH staged AS (DELETE FROM rollup_pending_months WHERE tx = txid_current() RETURNING *),
  delta AS (
    SELECT oblast_id, sector_id, kind, month, sum(updates)::integer AS updates,
      sum(completions)::integer AS completions, sum(percent_gained)::bigint AS percent_gained
    FROM staged GROUP BY oblast_id, sector_id, kind, month
  )
  INSERT INTO rollup_months AS r SELECT * FROM delta WHERE updates <> 0 OR completions <> 0 OR percent_gained <> 0
  ORDER BY oblast_id, sector_id, kind, month
  ON CONFLICT (oblast_id, sector_id, kind, month) DO UPDATE SET
    updates = r.updates + EXCLUDED.updates, completions = r.completions + EXCLUDED.completions,
    percent_gained = r.percent_gained + EXCLUDED.percent_gained;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER rollup_pending_txs_flush AFTER INSERT ON rollup_pending_txs
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_flush();

-- The roll-ups recomputed from the base tables: what they must equal at every moment (rollups:check compares,
-- rollups_rebuild() replaces). Functions, so the check and the rebuild can never use two definitions.
CREATE FUNCTION rollup_projects_expected() RETURNS SETOF rollup_projects LANGUAGE sql STABLE AS $$
SELECT o.oblast_id, p.category_id, coalesce(p.horizon, 0) AS horizon, p.kind::text AS kind, p.status::text AS status,
  coalesce(p.confidence::text, '') AS confidence, coalesce(p.unit, '') AS unit, count(*)::integer AS projects,
  sum(p.percent_complete)::bigint AS percent_sum,
  sum(coalesce(p.planned_quantity, 0))::decimal(24, 3) AS planned_quantity,
  sum(coalesce(p.quantity_done, CASE WHEN p.status = 'COMPLETED' THEN p.planned_quantity END, 0))::decimal(24, 3)
    AS done_quantity
FROM projects p
CROSS JOIN LATERAL (
  SELECT 0 AS oblast_id UNION ALL SELECT po.oblast_id FROM project_oblasts po WHERE po.project_id = p.id
) o
WHERE p.withdrawn_at IS NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7
$$;

CREATE FUNCTION rollup_districts_expected() RETURNS SETOF rollup_districts LANGUAGE sql STABLE AS $$
SELECT po.oblast_id, coalesce(p.district_id, 0) AS district_id, p.category_id, p.kind::text AS kind,
  p.status::text AS status, count(*)::integer AS projects, sum(p.percent_complete)::bigint AS percent_sum
FROM projects p JOIN project_oblasts po ON po.project_id = p.id
WHERE p.withdrawn_at IS NULL
GROUP BY 1, 2, 3, 4, 5
$$;

CREATE FUNCTION rollup_months_expected() RETURNS SETOF rollup_months LANGUAGE sql STABLE AS $$
SELECT o.oblast_id, c.sector_id, p.kind::text AS kind, date_trunc('month', u.as_of)::date AS month,
  count(*)::integer AS updates,
  sum(CASE WHEN u.status = 'COMPLETED' AND u.previous_status <> 'COMPLETED' THEN 1
           WHEN u.status <> 'COMPLETED' AND u.previous_status = 'COMPLETED' THEN -1 ELSE 0 END)::integer AS completions,
  sum(u.percent_complete - u.previous_percent)::bigint AS percent_gained
FROM progress_updates u JOIN projects p ON p.id = u.project_id JOIN categories c ON c.id = p.category_id
CROSS JOIN LATERAL (
  SELECT 0 AS oblast_id UNION ALL SELECT po.oblast_id FROM project_oblasts po WHERE po.project_id = p.id
) o
WHERE p.withdrawn_at IS NULL
GROUP BY 1, 2, 3, 4
$$;

-- Replaces every roll-up by its recomputation. Locks the roll-ups first, so a writer committing meanwhile folds its
-- deltas in after the rebuild (which did not see its uncommitted rows) and the result stays exact. The calling
-- transaction's own staged deltas are dropped: the recomputation already includes its changes.
CREATE FUNCTION rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE rollup_projects, rollup_districts, rollup_months IN EXCLUSIVE MODE;
  DELETE FROM rollup_pending_projects WHERE tx = txid_current();
  DELETE FROM rollup_pending_districts WHERE tx = txid_current();
  DELETE FROM rollup_pending_months WHERE tx = txid_current();
  -- (the transaction's rollup_pending_txs row stays: its flush at commit then finds nothing, or what the caller
  -- stages after the rebuild)
  DELETE FROM rollup_projects;
  INSERT INTO rollup_projects SELECT * FROM rollup_projects_expected();
  DELETE FROM rollup_districts;
  INSERT INTO rollup_districts SELECT * FROM rollup_districts_expected();
  DELETE FROM rollup_months;
  INSERT INTO rollup_months SELECT * FROM rollup_months_expected();
END;
$$;
SELECT rollups_rebuild();

-- Down Migration
-- Deliberately empty.
