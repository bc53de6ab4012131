-- Up Migration
-- Evidence: photos and documents attached to progress updates and field reports. The metadata lives in
-- evidence_files; the bytes live in a file store (PostgreSQL by default: evidence_chunks, 256 KiB a row, so a file is
-- written and read in pieces and never held whole in memory; or S3-compatible object storage). Storage keys are
-- chosen by the server, never by the uploader. A file is never deleted: it can be withdrawn with a reason.

CREATE TYPE "EvidenceKind" AS ENUM ('PHOTO', 'DOCUMENT');

CREATE TABLE evidence_files (
  id                 serial PRIMARY KEY,
  project_id         integer NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  uploaded_by_id     integer NOT NULL REFERENCES users (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  kind               "EvidenceKind" NOT NULL,
  content_type       text NOT NULL,
  file_name          text NOT NULL,
  byte_size          integer NOT NULL CHECK (byte_size > 0),
  sha256             text NOT NULL,
  storage            text NOT NULL CHECK (storage IN ('postgres', 's3')),
  storage_key        text NOT NULL UNIQUE,
  thumbnail_key      text UNIQUE,
  width              integer,
  height             integer,
  caption            text,
  taken_at           timestamp(3),
  latitude           double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude          double precision CHECK (longitude BETWEEN -180 AND 180),
  field_report_id    integer REFERENCES field_reports (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  progress_update_id integer REFERENCES progress_updates (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  attached_at        timestamptz(3),
  withdrawn_at       timestamptz(3),
  withdrawn_by_id    integer REFERENCES users (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  withdrawal_reason  text,
  created_at         timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CHECK ((withdrawn_at IS NULL) = (withdrawal_reason IS NULL)),
  CHECK ((latitude IS NULL) = (longitude IS NULL)),
  CHECK ((attached_at IS NULL) = (field_report_id IS NULL AND progress_update_id IS NULL))
);
CREATE INDEX evidence_files_project_id_created_at_idx ON evidence_files (project_id, created_at);
CREATE INDEX evidence_files_field_report_id_idx ON evidence_files (field_report_id);
CREATE INDEX evidence_files_progress_update_id_idx ON evidence_files (progress_update_id);
CREATE INDEX evidence_files_uploaded_by_id_idx ON evidence_files (uploaded_by_id);

-- Users never delete evidence: the database refuses it too (withdrawal is an UPDATE with a reason). Its own trigger
-- function, not refuse_append_only_change(): that one marks a table append-only, and batys_enforce_append_only()
-- would then take UPDATE away from the app role, which attaching and withdrawing need. An update may attach a file,
-- move it from a replaced field report to the new one, carry it to the accepted update, caption and withdraw it;
-- what the file is (its bytes, where they are, whose they are, its EXIF facts) and a withdrawal never change.
CREATE FUNCTION refuse_evidence_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
    AND (OLD.attached_at IS NULL OR NEW.attached_at IS NOT NULL)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'evidence files are kept as uploaded: this % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER evidence_files_keep BEFORE UPDATE OR DELETE ON evidence_files
  FOR EACH ROW EXECUTE FUNCTION refuse_evidence_change();
CREATE TRIGGER evidence_files_no_truncate BEFORE TRUNCATE ON evidence_files
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_evidence_change();

CREATE TABLE evidence_chunks (
  storage_key text NOT NULL,
  seq         integer NOT NULL CHECK (seq >= 0),
  data        bytea NOT NULL,
  PRIMARY KEY (storage_key, seq)
);
