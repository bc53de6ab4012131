-- Up Migration
-- Foreign keys declared actions the database can never perform. Into append-only tables (progress_updates,
-- audit_logs) an ON DELETE SET NULL or ON UPDATE CASCADE would have to rewrite a history row, which the triggers
-- refuse; field_reports.progress_update_id SET NULL clashed with its CHECK (an accepted report names its update),
-- and users.oblast_id SET NULL with the CHECK that binds an akimat officer to an oblast. Each now says what really
-- happens: the referenced row cannot be removed (or renumbered) while something refers to it.

ALTER TABLE progress_updates
  DROP CONSTRAINT progress_updates_project_id_fkey,
  DROP CONSTRAINT progress_updates_author_id_fkey,
  DROP CONSTRAINT progress_updates_reported_by_id_fkey,
  ADD CONSTRAINT progress_updates_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id)
    ON UPDATE RESTRICT ON DELETE RESTRICT,
  ADD CONSTRAINT progress_updates_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id)
    ON UPDATE RESTRICT ON DELETE RESTRICT,
  ADD CONSTRAINT progress_updates_reported_by_id_fkey FOREIGN KEY (reported_by_id) REFERENCES users (id)
    ON UPDATE RESTRICT ON DELETE RESTRICT;

ALTER TABLE audit_logs
  DROP CONSTRAINT audit_logs_actor_id_fkey,
  ADD CONSTRAINT audit_logs_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES users (id)
    ON UPDATE RESTRICT ON DELETE RESTRICT;

ALTER TABLE field_reports
  DROP CONSTRAINT field_reports_progress_update_id_fkey,
  ADD CONSTRAINT field_reports_progress_update_id_fkey FOREIGN KEY (progress_update_id) REFERENCES progress_updates (id)
    ON UPDATE RESTRICT ON DELETE RESTRICT;

ALTER TABLE users
  DROP CONSTRAINT users_oblast_id_fkey,
  ADD CONSTRAINT users_oblast_id_fkey FOREIGN KEY (oblast_id) REFERENCES oblasts (id)
    ON UPDATE CASCADE ON DELETE RESTRICT;

-- Down Migration
-- Deliberately empty.
