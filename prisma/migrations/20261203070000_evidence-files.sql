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

-- Users never delete evidence: the database refuses it too (withdrawal is an UPDATE with a reason).
CREATE TRIGGER evidence_files_no_delete BEFORE DELETE ON evidence_files
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
CREATE TRIGGER evidence_files_no_truncate BEFORE TRUNCATE ON evidence_files
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();

CREATE TABLE evidence_chunks (
  storage_key text NOT NULL,
  seq         integer NOT NULL CHECK (seq >= 0),
  data        bytea NOT NULL,
  PRIMARY KEY (storage_key, seq)
);
