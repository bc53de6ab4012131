-- Up Migration
-- Foreign keys out of append-only history tables may only restrict: a cascade or SET NULL would have to rewrite a
-- history row, which the append-only triggers refuse. Declarations now say what the database can really do.
ALTER TABLE milestone_changes DROP CONSTRAINT milestone_changes_milestone_id_fkey,
  ADD CONSTRAINT milestone_changes_milestone_id_fkey FOREIGN KEY (milestone_id) REFERENCES milestones(id)
    ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE milestone_changes DROP CONSTRAINT milestone_changes_actor_id_fkey,
  ADD CONSTRAINT milestone_changes_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES users(id)
    ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE blocker_changes DROP CONSTRAINT blocker_changes_blocker_id_fkey,
  ADD CONSTRAINT blocker_changes_blocker_id_fkey FOREIGN KEY (blocker_id) REFERENCES blockers(id)
    ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE blocker_changes DROP CONSTRAINT blocker_changes_actor_id_fkey,
  ADD CONSTRAINT blocker_changes_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES users(id)
    ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE project_detail_history DROP CONSTRAINT project_detail_history_project_id_fkey,
  ADD CONSTRAINT project_detail_history_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects(id)
    ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE project_detail_history DROP CONSTRAINT project_detail_history_actor_id_fkey,
  ADD CONSTRAINT project_detail_history_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES users(id)
    ON DELETE RESTRICT ON UPDATE RESTRICT;
