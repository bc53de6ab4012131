-- Up Migration
-- A field report stores the complete progress change it proposes: the pause reason (without it a PAUSED report
-- could never be accepted) and the forecast finish. An officer keeps one pending report per project: a newer one
-- replaces it, and the replaced one is kept as SUPERSEDED (its replacement named), never deleted.
ALTER TYPE "FieldReportState" ADD VALUE IF NOT EXISTS 'SUPERSEDED';

ALTER TABLE field_reports
  ADD COLUMN pause_reason "PauseReason",
  ADD COLUMN forecast_finish date,
  ADD COLUMN superseded_by_id integer REFERENCES field_reports (id) ON UPDATE CASCADE ON DELETE SET NULL;

-- The officer's own reports on a project page, and the check for a pending one, read by (project, submitter).
CREATE INDEX field_reports_project_id_submitted_by_id_idx ON field_reports (project_id, submitted_by_id);
DROP INDEX field_reports_project_id_idx;
CREATE UNIQUE INDEX field_reports_superseded_by_id_key ON field_reports (superseded_by_id);

-- Down Migration
-- Deliberately empty: dropping the tracker's history is never a migration step.
