-- Up Migration
-- The date-dependent figures (overdue, at risk, stalled) without a full scan. Each project carries the first
-- calendar day on which it counts in each of them, so "overdue today" is `overdue_from <= today`, answered by an
-- index (a NULL day: it does not count on any day while the row stays as it is). The days are computed by the
-- functions below — the figures' one definition in SQL, which lib/figures/definitions.ts (figureSql) calls both on
-- these stored days and, for the period report, on a project's row rebuilt from history.
--
--   overdue_from   open (not completed or cancelled): the day after its due date (the forecast finish, else the
--                  baseline finish, else 31 December of its horizon year)
--   behind         open, with a baseline period and below 100 %: the first day its percent is below the
--                  straight-line share of that period (baseline start + floor(percent × length / 100) + 1)
--   milestone_risk_from  the earliest day one of its unmet milestones (no actual date, not met or partially met)
--                  makes it at risk: at once (day 0001-01-01, before any today) when the milestone is missed or
--                  its forecast is later than its baseline (it slips); otherwise the day after its forecast (else
--                  baseline) date
--   at_risk_from   open: at once when RED or when its forecast finish is later than its baseline finish (the
--                  finish slips); else the earliest of overdue_from, behind and milestone_risk_from
--   stalled_from   designing, under way or paused: 91 days after its last progress as-of date (or the day it
--                  entered the catalog)
--
-- milestone_risk_from is kept by triggers on milestones; the other days by a BEFORE trigger on projects, in the
-- write's own transaction. `npm run rollups:check` compares them with a recomputation; the repair rewrites them.

CREATE FUNCTION figure_project_open(status text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT status NOT IN ('COMPLETED', 'CANCELLED')
$$;

CREATE FUNCTION figure_overdue_from(status text, forecast_finish date, baseline_finish date, horizon integer)
RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN figure_project_open(status)
    THEN coalesce(forecast_finish, baseline_finish, make_date(horizon, 12, 31)) + 1 END
$$;

CREATE FUNCTION figure_behind_from(status text, baseline_start date, baseline_finish date, percent integer)
RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN figure_project_open(status) AND baseline_start IS NOT NULL AND baseline_finish > baseline_start
    AND percent < 100 THEN baseline_start + (percent * (baseline_finish - baseline_start)) / 100 + 1 END
$$;

CREATE FUNCTION figure_milestone_risk_from(status text, baseline_date date, forecast_date date, actual_date date)
RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN actual_date IS NOT NULL OR status IN ('MET', 'PARTIALLY_MET') THEN NULL
    WHEN status = 'MISSED' OR forecast_date > baseline_date THEN DATE '0001-01-01'
    ELSE coalesce(forecast_date, baseline_date) + 1 END
$$;

CREATE FUNCTION figure_at_risk_from(status text, confidence text, forecast_finish date, baseline_start date,
  baseline_finish date, horizon integer, percent integer, milestone_risk_from date)
RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN figure_project_open(status) THEN
    CASE WHEN confidence = 'RED' OR forecast_finish > baseline_finish THEN DATE '0001-01-01'
    ELSE LEAST(figure_overdue_from(status, forecast_finish, baseline_finish, horizon),
               figure_behind_from(status, baseline_start, baseline_finish, percent), milestone_risk_from) END END
$$;

-- The calendar day in Kazakhstan a project entered the catalog (the project's fixed time zone, see
-- lib/progress/calendar.ts); immutable for the purpose of these days.
CREATE FUNCTION figure_stalled_from(status text, last_progress_as_of date, created_at timestamptz)
RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN status IN ('DESIGN', 'IN_PROGRESS', 'PAUSED')
    THEN coalesce(last_progress_as_of, (created_at AT TIME ZONE 'Asia/Almaty')::date) + 91 END
$$;

ALTER TABLE projects
  ADD COLUMN milestone_risk_from date,
  ADD COLUMN overdue_from date,
  ADD COLUMN at_risk_from date,
  ADD COLUMN stalled_from date;

CREATE FUNCTION figure_thresholds_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.overdue_from := figure_overdue_from(NEW.status::text, NEW.forecast_finish, NEW.baseline_finish, NEW.horizon);
  NEW.at_risk_from := figure_at_risk_from(NEW.status::text, NEW.confidence::text, NEW.forecast_finish,
    NEW.baseline_start, NEW.baseline_finish, NEW.horizon, NEW.percent_complete, NEW.milestone_risk_from);
  NEW.stalled_from := figure_stalled_from(NEW.status::text, NEW.last_progress_as_of, NEW.created_at);
  RETURN NEW;
END;
$$;
CREATE TRIGGER projects_figure_thresholds BEFORE INSERT OR UPDATE ON projects
  FOR EACH ROW EXECUTE FUNCTION figure_thresholds_set();

-- A project's milestone day recomputed from its milestones.
CREATE FUNCTION figure_project_milestone_risk_from(project integer) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT min(figure_milestone_risk_from(m.status::text, m.baseline_date, m.forecast_date, m.actual_date))
  FROM milestones m WHERE m.project_id = project
$$;

CREATE FUNCTION figure_milestones_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE projects p SET milestone_risk_from = figure_project_milestone_risk_from(p.id)
    WHERE p.id = OLD.project_id AND p.milestone_risk_from IS DISTINCT FROM figure_project_milestone_risk_from(p.id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE projects p SET milestone_risk_from = figure_project_milestone_risk_from(p.id)
    WHERE p.id = NEW.project_id AND p.milestone_risk_from IS DISTINCT FROM figure_project_milestone_risk_from(p.id);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER milestones_figure_thresholds AFTER INSERT OR UPDATE OR DELETE ON milestones
  FOR EACH ROW EXECUTE FUNCTION figure_milestones_changed();

-- What the stored days must equal (rollups:check compares; figure_thresholds_rebuild() repairs).
CREATE FUNCTION figure_thresholds_expected()
RETURNS TABLE (id integer, milestone_risk_from date, overdue_from date, at_risk_from date, stalled_from date)
LANGUAGE sql STABLE AS $$
  SELECT p.id, m.day,
    figure_overdue_from(p.status::text, p.forecast_finish, p.baseline_finish, p.horizon),
    figure_at_risk_from(p.status::text, p.confidence::text, p.forecast_finish, p.baseline_start, p.baseline_finish,
      p.horizon, p.percent_complete, m.day),
    figure_stalled_from(p.status::text, p.last_progress_as_of, p.created_at)
  FROM projects p
  LEFT JOIN (SELECT ms.project_id, min(figure_milestone_risk_from(ms.status::text, ms.baseline_date,
      ms.forecast_date, ms.actual_date)) AS day FROM milestones ms GROUP BY ms.project_id) m ON m.project_id = p.id
$$;

CREATE FUNCTION figure_thresholds_rebuild() RETURNS void LANGUAGE sql AS $$
  UPDATE projects p SET milestone_risk_from = e.milestone_risk_from, overdue_from = e.overdue_from,
    at_risk_from = e.at_risk_from, stalled_from = e.stalled_from
  FROM figure_thresholds_expected() e
  WHERE e.id = p.id AND (p.milestone_risk_from IS DISTINCT FROM e.milestone_risk_from
    OR p.overdue_from IS DISTINCT FROM e.overdue_from OR p.at_risk_from IS DISTINCT FROM e.at_risk_from
    OR p.stalled_from IS DISTINCT FROM e.stalled_from)
$$;
SELECT figure_thresholds_rebuild();

-- Counting a figure for today reads only the projects that count: an index range up to today, with the columns
-- a dashboard narrows by (kind, category) and joins by (id, to an oblast's projects) included, so the count needs
-- no visit to the table.
CREATE INDEX projects_overdue_from_idx ON projects (overdue_from) INCLUDE (kind, category_id, id)
  WHERE withdrawn_at IS NULL AND overdue_from IS NOT NULL;
CREATE INDEX projects_at_risk_from_idx ON projects (at_risk_from) INCLUDE (kind, category_id, id)
  WHERE withdrawn_at IS NULL AND at_risk_from IS NOT NULL;
CREATE INDEX projects_stalled_from_idx ON projects (stalled_from) INCLUDE (kind, category_id, id)
  WHERE withdrawn_at IS NULL AND stalled_from IS NOT NULL;

-- The timeline's rows in its order (horizon, nulls last, then code): an oblast's first rows are the first matches
-- of an index walk, not a sort of every project of the oblast. It serves the horizon filter as the old index did.
CREATE INDEX projects_horizon_code_idx ON projects (horizon, code);
DROP INDEX projects_horizon_idx;

-- The dashboard's "updated most recently" list: the first rows of an index walk, not a sort of every project.
CREATE INDEX projects_last_progress_at_idx ON projects (last_progress_at DESC)
  WHERE withdrawn_at IS NULL AND last_progress_at IS NOT NULL;
-- The projects still in the catalog, as a narrow index (with kind and category): counting a scope's blockers (and
-- any join that keeps only live projects) reads it instead of every wide project row.
CREATE INDEX projects_live_idx ON projects (id) INCLUDE (kind, category_id) WHERE withdrawn_at IS NULL;

-- An oblast's projects as an index-only range (oblast, project), to join with the ranges above; it serves the
-- foreign key on oblast_id as the single-column index did.
CREATE INDEX project_oblasts_oblast_id_project_id_idx ON project_oblasts (oblast_id, project_id);
DROP INDEX project_oblasts_oblast_id_idx;

-- Down Migration
-- Deliberately empty.
