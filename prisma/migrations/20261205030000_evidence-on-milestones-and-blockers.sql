-- Up Migration
-- Evidence on milestones and blockers: a file can be attached to one milestone or one blocker of its project (an act
-- of acceptance for "commissioned", a photo of the flooded section a blocker is about), through the same attach
-- path as progress updates and field reports. Such a file belongs to it for good: the trigger keeps the link once
-- set, as it keeps a progress update's.

ALTER TABLE evidence_files
  ADD COLUMN milestone_id integer REFERENCES milestones (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  ADD COLUMN blocker_id integer REFERENCES blockers (id) ON UPDATE CASCADE ON DELETE RESTRICT;
CREATE INDEX evidence_files_milestone_id_idx ON evidence_files (milestone_id);
CREATE INDEX evidence_files_blocker_id_idx ON evidence_files (blocker_id);

-- "Attached" now means attached to any of the four; a milestone's or blocker's file belongs to nothing else.
DO $$
DECLARE
  name text;
BEGIN
  SELECT conname INTO name FROM pg_constraint
  WHERE conrelid = 'evidence_files'::regclass AND contype = 'c'
    AND pg_get_constraintdef(oid) LIKE '%attached_at IS NULL%';
  EXECUTE format('ALTER TABLE evidence_files DROP CONSTRAINT %I', name);
END;
$$;
ALTER TABLE evidence_files
  ADD CONSTRAINT evidence_files_attached_check CHECK (
    (attached_at IS NULL)
      = (field_report_id IS NULL AND progress_update_id IS NULL AND milestone_id IS NULL AND blocker_id IS NULL)
  ),
  ADD CONSTRAINT evidence_files_one_schedule_target_check CHECK (
    (milestone_id IS NULL AND blocker_id IS NULL)
      OR (num_nonnulls(milestone_id, blocker_id) = 1 AND field_report_id IS NULL AND progress_update_id IS NULL)
  );

CREATE OR REPLACE FUNCTION refuse_evidence_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.project_id, NEW.uploaded_by_id, NEW.kind, NEW.content_type, NEW.file_name,
      NEW.byte_size, NEW.sha256, NEW.storage, NEW.storage_key, NEW.thumbnail_key, NEW.width, NEW.height,
      NEW.taken_at, NEW.latitude, NEW.longitude, NEW.created_at)
    IS NOT DISTINCT FROM (OLD.project_id, OLD.uploaded_by_id, OLD.kind, OLD.content_type, OLD.file_name,
      OLD.byte_size, OLD.sha256, OLD.storage, OLD.storage_key, OLD.thumbnail_key, OLD.width, OLD.height,
      OLD.taken_at, OLD.latitude, OLD.longitude, OLD.created_at)
    AND (OLD.withdrawn_at IS NULL OR (NEW.withdrawn_at, NEW.withdrawn_by_id, NEW.withdrawal_reason)
      IS NOT DISTINCT FROM (OLD.withdrawn_at, OLD.withdrawn_by_id, OLD.withdrawal_reason))
    AND (OLD.progress_update_id IS NULL OR NEW.progress_update_id IS NOT DISTINCT FROM OLD.progress_update_id)
    AND (OLD.milestone_id IS NULL OR NEW.milestone_id IS NOT DISTINCT FROM OLD.milestone_id)
    AND (OLD.blocker_id IS NULL OR NEW.blocker_id IS NOT DISTINCT FROM OLD.blocker_id)
    AND (OLD.attached_at IS NULL OR NEW.attached_at IS NOT NULL)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'evidence files are kept as uploaded: this % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
