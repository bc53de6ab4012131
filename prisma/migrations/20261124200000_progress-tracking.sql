-- Up Migration
-- Progress tracking: lifecycle details on projects (dates, budget, confidence, pause reason), the fuller history
-- row, and field reports from akimat officers waiting for ministry review.

CREATE TYPE "Confidence" AS ENUM ('GREEN', 'AMBER', 'RED');
CREATE TYPE "PauseReason" AS ENUM ('FINANCING', 'DESIGN', 'LAND', 'PERMITS', 'CONTRACTOR', 'OTHER');
CREATE TYPE "FieldReportState" AS ENUM ('PENDING', 'ACCEPTED', 'REJECTED');

ALTER TABLE projects
  ADD COLUMN pause_reason "PauseReason",
  ADD COLUMN last_progress_as_of date,
  ADD COLUMN last_progress_at timestamptz(3),
  ADD COLUMN responsible_organisation text,
  ADD COLUMN baseline_start date,
  ADD COLUMN baseline_finish date,
  ADD COLUMN forecast_start date,
  ADD COLUMN forecast_finish date,
  ADD COLUMN actual_start date,
  ADD COLUMN actual_finish date,
  ADD COLUMN budget_baseline decimal(18, 2) CHECK (budget_baseline >= 0),
  ADD COLUMN budget_forecast decimal(18, 2) CHECK (budget_forecast >= 0),
  ADD COLUMN budget_spent decimal(18, 2) CHECK (budget_spent >= 0),
  ADD COLUMN budget_note text,
  ADD COLUMN confidence "Confidence",
  ADD COLUMN confidence_reason text,
  ADD CONSTRAINT projects_completed_is_100 CHECK (status <> 'COMPLETED' OR percent_complete = 100),
  ADD CONSTRAINT projects_paused_has_reason CHECK ((status = 'PAUSED') = (pause_reason IS NOT NULL)),
  ADD CONSTRAINT projects_done_within_plan CHECK (quantity_done IS NULL OR planned_quantity IS NULL OR quantity_done <= planned_quantity);

-- The history table is append-only (trigger of the foundation migration); the new columns are filled on insert.
ALTER TABLE progress_updates DISABLE TRIGGER progress_updates_append_only;
ALTER TABLE progress_updates
  ADD COLUMN previous_status "ProjectStatus",
  ADD COLUMN previous_percent integer,
  ADD COLUMN pause_reason "PauseReason",
  ADD COLUMN reported_by_id integer REFERENCES users (id) ON UPDATE CASCADE ON DELETE SET NULL;
UPDATE progress_updates SET previous_status = status, previous_percent = percent_complete;
ALTER TABLE progress_updates
  ALTER COLUMN previous_status SET NOT NULL,
  ALTER COLUMN previous_percent SET NOT NULL;
ALTER TABLE progress_updates ENABLE TRIGGER progress_updates_append_only;

CREATE TABLE field_reports (
  id                 serial PRIMARY KEY,
  project_id         integer NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  submitted_by_id    integer NOT NULL REFERENCES users (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  status             "ProjectStatus" NOT NULL,
  percent_complete   integer NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
  quantity_done      decimal(14, 3) CHECK (quantity_done >= 0),
  as_of              date NOT NULL,
  comment            text NOT NULL,
  evidence_url       text,
  state              "FieldReportState" NOT NULL DEFAULT 'PENDING',
  reviewed_by_id     integer REFERENCES users (id) ON UPDATE CASCADE ON DELETE SET NULL,
  reviewed_at        timestamptz(3),
  rejection_reason   text,
  progress_update_id integer REFERENCES progress_updates (id) ON UPDATE CASCADE ON DELETE SET NULL,
  created_at         timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CHECK ((state = 'PENDING') = (reviewed_at IS NULL)),
  CHECK ((state = 'REJECTED') = (rejection_reason IS NOT NULL)),
  CHECK ((state = 'ACCEPTED') = (progress_update_id IS NOT NULL))
);
CREATE UNIQUE INDEX field_reports_progress_update_id_key ON field_reports (progress_update_id);
CREATE INDEX field_reports_state_created_at_idx ON field_reports (state, created_at);
CREATE INDEX field_reports_project_id_idx ON field_reports (project_id);
CREATE INDEX field_reports_submitted_by_id_idx ON field_reports (submitted_by_id);

-- Down Migration
-- Deliberately empty: dropping the tracker's history is never a migration step.
