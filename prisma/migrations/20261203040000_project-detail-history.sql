-- Up Migration
-- What a report shows about a project besides its progress — confidence (with its reason), baseline, forecast and
-- actual dates, budget and the responsible organisation — gets its own append-only history, written in the same
-- transaction as the change by a trigger on projects. The audit log stays an audit log; reports, the project's
-- timeline and the conflict message read this table. Each row is the full set of these values after a change.
-- The acting user comes from the transaction-local setting `batys.actor_id`, which every write path sets
-- (lib/figures/detail-history.ts); a change made without it (a script, psql) is recorded with no actor.

CREATE TABLE project_detail_history (
  id                       bigserial PRIMARY KEY,
  project_id               integer NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  project_version          integer NOT NULL,
  changed_at               timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  actor_id                 integer REFERENCES users (id) ON UPDATE CASCADE ON DELETE SET NULL,
  changed_fields           text NOT NULL,
  responsible_organisation text,
  baseline_start           date,
  baseline_finish          date,
  forecast_start           date,
  forecast_finish          date,
  actual_start             date,
  actual_finish            date,
  budget_baseline          decimal(18, 2),
  budget_forecast          decimal(18, 2),
  budget_spent             decimal(18, 2),
  budget_note              text,
  confidence               "Confidence",
  confidence_reason        text
);
CREATE INDEX project_detail_history_project_id_changed_at_idx ON project_detail_history (project_id, changed_at);

CREATE TRIGGER project_detail_history_append_only BEFORE UPDATE OR DELETE ON project_detail_history
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
CREATE TRIGGER project_detail_history_no_truncate BEFORE TRUNCATE ON project_detail_history
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();

CREATE FUNCTION record_project_detail_history() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text[] := '{}';  -- stored comma-separated, e.g. 'baselineFinish,confidence'
  actor integer := nullif(current_setting('batys.actor_id', true), '')::integer;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.responsible_organisation IS DISTINCT FROM OLD.responsible_organisation THEN
      changed := changed || 'responsibleOrganisation'::text; END IF;
    IF NEW.baseline_start IS DISTINCT FROM OLD.baseline_start THEN changed := changed || 'baselineStart'::text; END IF;
    IF NEW.baseline_finish IS DISTINCT FROM OLD.baseline_finish THEN
      changed := changed || 'baselineFinish'::text; END IF;
    IF NEW.forecast_start IS DISTINCT FROM OLD.forecast_start THEN changed := changed || 'forecastStart'::text; END IF;
    IF NEW.forecast_finish IS DISTINCT FROM OLD.forecast_finish THEN
      changed := changed || 'forecastFinish'::text; END IF;
    IF NEW.actual_start IS DISTINCT FROM OLD.actual_start THEN changed := changed || 'actualStart'::text; END IF;
    IF NEW.actual_finish IS DISTINCT FROM OLD.actual_finish THEN changed := changed || 'actualFinish'::text; END IF;
    IF NEW.budget_baseline IS DISTINCT FROM OLD.budget_baseline THEN
      changed := changed || 'budgetBaseline'::text; END IF;
    IF NEW.budget_forecast IS DISTINCT FROM OLD.budget_forecast THEN
      changed := changed || 'budgetForecast'::text; END IF;
    IF NEW.budget_spent IS DISTINCT FROM OLD.budget_spent THEN changed := changed || 'budgetSpent'::text; END IF;
    IF NEW.budget_note IS DISTINCT FROM OLD.budget_note THEN changed := changed || 'budgetNote'::text; END IF;
    IF NEW.confidence IS DISTINCT FROM OLD.confidence THEN changed := changed || 'confidence'::text; END IF;
    IF NEW.confidence_reason IS DISTINCT FROM OLD.confidence_reason THEN
      changed := changed || 'confidenceReason'::text; END IF;
    IF cardinality(changed) = 0 THEN RETURN NULL; END IF;
    -- The first change of a project also records what it replaced, dated when the project was created, so a
    -- report for any earlier moment reads the values as they were then, not today's.
    IF NOT EXISTS (SELECT 1 FROM project_detail_history h WHERE h.project_id = OLD.id) THEN
      INSERT INTO project_detail_history (project_id, project_version, changed_at, actor_id, changed_fields,
        responsible_organisation, baseline_start, baseline_finish, forecast_start, forecast_finish, actual_start,
        actual_finish, budget_baseline, budget_forecast, budget_spent, budget_note, confidence, confidence_reason)
      VALUES (OLD.id, OLD.version, OLD.created_at, NULL, '', OLD.responsible_organisation, OLD.baseline_start,
        OLD.baseline_finish, OLD.forecast_start, OLD.forecast_finish, OLD.actual_start, OLD.actual_finish,
        OLD.budget_baseline, OLD.budget_forecast, OLD.budget_spent, OLD.budget_note, OLD.confidence,
        OLD.confidence_reason);
    END IF;
  END IF;
  INSERT INTO project_detail_history (project_id, project_version, actor_id, changed_fields,
    responsible_organisation, baseline_start, baseline_finish, forecast_start, forecast_finish, actual_start,
    actual_finish, budget_baseline, budget_forecast, budget_spent, budget_note, confidence, confidence_reason)
  VALUES (NEW.id, NEW.version, actor, array_to_string(changed, ','), NEW.responsible_organisation, NEW.baseline_start,
    NEW.baseline_finish, NEW.forecast_start, NEW.forecast_finish, NEW.actual_start, NEW.actual_finish,
    NEW.budget_baseline, NEW.budget_forecast, NEW.budget_spent, NEW.budget_note, NEW.confidence,
    NEW.confidence_reason);
  RETURN NULL;
END;
$$;
CREATE TRIGGER projects_record_detail_history AFTER UPDATE ON projects
  FOR EACH ROW EXECUTE FUNCTION record_project_detail_history();

-- Down Migration
-- Deliberately empty: dropping the tracker's history is never a migration step.
