-- Up Migration
-- Milestone changes an akimat officer proposes in a field report: one row per milestone, on the milestone's version
-- when the report was written (a milestone that moved since is a conflict at review, never overwritten).
-- Append-only like the other histories: what was proposed stays as it was sent.
CREATE TABLE field_report_milestones (
  id SERIAL PRIMARY KEY,
  field_report_id INTEGER NOT NULL REFERENCES field_reports(id) ON DELETE RESTRICT ON UPDATE RESTRICT,
  milestone_id INTEGER NOT NULL REFERENCES milestones(id) ON DELETE RESTRICT ON UPDATE RESTRICT,
  milestone_version INTEGER NOT NULL,
  forecast_date DATE,
  actual_date DATE,
  status "MilestoneStatus" NOT NULL,
  note TEXT
);
CREATE UNIQUE INDEX field_report_milestones_field_report_id_milestone_id_key
  ON field_report_milestones(field_report_id, milestone_id);
CREATE INDEX field_report_milestones_milestone_id_idx ON field_report_milestones(milestone_id);

SELECT batys_make_append_only('field_report_milestones');
