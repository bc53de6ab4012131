-- Up Migration
-- Who is responsible and who gets told. Projects get a responsible officer and regional contacts; anyone who may
-- see a project can watch it. Changes worth telling someone about are written, by triggers in the same
-- transaction as the change (a transactional outbox), as notification_events; the worker fans each event out to
-- the users who may see the project (notifications) and to e-mails (mail_outbox), which it sends outside any
-- request. Write paths never call the notification code, so they can be rewritten without it.

ALTER TABLE users ADD COLUMN locale text CHECK (locale IN ('kk', 'ru', 'en'));

ALTER TABLE projects
  ADD COLUMN responsible_officer_id integer REFERENCES users (id) ON UPDATE CASCADE ON DELETE SET NULL;
CREATE INDEX projects_responsible_officer_id_idx ON projects (responsible_officer_id);

-- Akimat officers of the project's oblast(s) named as its regional contacts.
CREATE TABLE project_contacts (
  project_id integer NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE,
  user_id    integer NOT NULL REFERENCES users (id) ON UPDATE CASCADE ON DELETE CASCADE,
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_contacts_user_id_idx ON project_contacts (user_id);

CREATE TABLE project_watchers (
  project_id integer NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE,
  user_id    integer NOT NULL REFERENCES users (id) ON UPDATE CASCADE ON DELETE CASCADE,
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_watchers_user_id_idx ON project_watchers (user_id);

CREATE TYPE "NotificationKind" AS ENUM (
  'FIELD_REPORT_SUBMITTED', 'FIELD_REPORT_ACCEPTED', 'FIELD_REPORT_REJECTED', 'PROGRESS_RECORDED',
  'CONFIDENCE_LOWERED', 'FORECAST_SLIPPED', 'PROJECT_STALE', 'ACCOUNT_EVENT'
);
CREATE TYPE "MailDelivery" AS ENUM ('IMMEDIATE', 'DAILY', 'WEEKLY', 'OFF');
CREATE TYPE "MailStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED');

CREATE TABLE notification_events (
  id           bigserial PRIMARY KEY,
  kind         "NotificationKind" NOT NULL,
  project_id   integer REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE,
  -- The user an account event concerns.
  user_id      integer REFERENCES users (id) ON UPDATE CASCADE ON DELETE CASCADE,
  actor_id     integer REFERENCES users (id) ON UPDATE CASCADE ON DELETE SET NULL,
  -- The field report or progress update the event is about.
  subject_id   integer,
  payload      jsonb NOT NULL DEFAULT '{}',
  -- Events the worker raises itself (a project gone stale) are raised once per key.
  dedupe_key   text UNIQUE,
  created_at   timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  processed_at timestamptz(3)
);
CREATE INDEX notification_events_processed_at_id_idx ON notification_events (processed_at, id);
CREATE INDEX notification_events_project_id_kind_idx ON notification_events (project_id, kind);

CREATE TABLE mail_outbox (
  id              bigserial PRIMARY KEY,
  user_id         integer REFERENCES users (id) ON UPDATE CASCADE ON DELETE SET NULL,
  -- The kind of a single notification's mail; null for a digest.
  kind            "NotificationKind",
  -- One mail per notification and recipient, one digest per recipient and period: a second enqueue is a no-op.
  dedupe_key      text NOT NULL UNIQUE,
  to_address      text NOT NULL,
  subject         text NOT NULL,
  body_text       text NOT NULL,
  body_html       text NOT NULL,
  headers         jsonb NOT NULL DEFAULT '{}',
  status          "MailStatus" NOT NULL DEFAULT 'PENDING',
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  locked_until    timestamptz(3),
  last_error      text,
  sent_at         timestamptz(3),
  file_path       text,
  created_at      timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX mail_outbox_status_next_attempt_at_idx ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_created_at_idx ON mail_outbox (created_at);

CREATE TABLE notifications (
  id         bigserial PRIMARY KEY,
  user_id    integer NOT NULL REFERENCES users (id) ON UPDATE CASCADE ON DELETE CASCADE,
  event_id   bigint NOT NULL REFERENCES notification_events (id) ON UPDATE CASCADE ON DELETE CASCADE,
  kind       "NotificationKind" NOT NULL,
  project_id integer REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE,
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  read_at    timestamptz(3),
  -- DAILY or WEEKLY while the notification waits for its digest mail; mail_id names the mail that carried it.
  digest     "MailDelivery",
  mail_id    bigint REFERENCES mail_outbox (id) ON UPDATE CASCADE ON DELETE SET NULL,
  UNIQUE (event_id, user_id)
);
CREATE INDEX notifications_user_id_read_at_created_at_idx ON notifications (user_id, read_at, created_at);
CREATE INDEX notifications_digest_mail_id_idx ON notifications (digest, mail_id);

-- How each user wants mail of each kind; a missing row means the kind's default.
CREATE TABLE notification_preferences (
  user_id  integer NOT NULL REFERENCES users (id) ON UPDATE CASCADE ON DELETE CASCADE,
  kind     "NotificationKind" NOT NULL,
  delivery "MailDelivery" NOT NULL,
  PRIMARY KEY (user_id, kind)
);

-- The triggers of the outbox. Each runs inside the writing transaction: the event exists exactly when the change
-- does. Who gets told is decided later by the worker, with the application's permission rules.
CREATE FUNCTION notify_progress_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notification_events (kind, project_id, actor_id, subject_id, payload)
  VALUES ('PROGRESS_RECORDED', NEW.project_id, NEW.author_id, NEW.id, jsonb_build_object(
    'status', NEW.status, 'percent', NEW.percent_complete, 'previousStatus', NEW.previous_status,
    'previousPercent', NEW.previous_percent, 'asOf', NEW.as_of, 'reportedById', NEW.reported_by_id));
  RETURN NULL;
END;
$$;
CREATE TRIGGER progress_updates_notify AFTER INSERT ON progress_updates
  FOR EACH ROW EXECUTE FUNCTION notify_progress_recorded();

CREATE FUNCTION notify_field_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO notification_events (kind, project_id, actor_id, subject_id, payload)
    VALUES ('FIELD_REPORT_SUBMITTED', NEW.project_id, NEW.submitted_by_id, NEW.id,
      jsonb_build_object('status', NEW.status, 'percent', NEW.percent_complete));
  ELSIF NEW.state IS DISTINCT FROM OLD.state AND NEW.state IN ('ACCEPTED', 'REJECTED') THEN
    INSERT INTO notification_events (kind, project_id, actor_id, subject_id, payload)
    VALUES (CASE NEW.state WHEN 'ACCEPTED' THEN 'FIELD_REPORT_ACCEPTED'::"NotificationKind"
                           ELSE 'FIELD_REPORT_REJECTED'::"NotificationKind" END,
      NEW.project_id, NEW.reviewed_by_id, NEW.id,
      jsonb_build_object('authorId', NEW.submitted_by_id, 'reason', NEW.rejection_reason));
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER field_reports_notify AFTER INSERT OR UPDATE OF state ON field_reports
  FOR EACH ROW EXECUTE FUNCTION notify_field_report();

-- projects has no "changed by" column. Every write path writes an audit row in the same transaction, so the audit
-- trigger below remembers its actor in a transaction-local setting (batys.actor_id) that this trigger reads; when
-- the audit row comes after the change, the audit trigger fills in the events this trigger left without an actor.
CREATE FUNCTION notify_project_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor integer := NULLIF(current_setting('batys.actor_id', true), '')::integer;
  event_id bigint;
BEGIN
  IF NEW.confidence IS DISTINCT FROM OLD.confidence AND NEW.confidence IN ('RED', 'AMBER') THEN
    INSERT INTO notification_events (kind, project_id, actor_id, payload)
    VALUES ('CONFIDENCE_LOWERED', NEW.id, actor, jsonb_build_object(
      'from', OLD.confidence, 'to', NEW.confidence, 'reason', NEW.confidence_reason))
    RETURNING id INTO event_id;
    IF actor IS NULL THEN
      PERFORM set_config('batys.events_without_actor',
        concat_ws(',', NULLIF(current_setting('batys.events_without_actor', true), ''), event_id::text), true);
    END IF;
  END IF;
  IF NEW.forecast_finish IS NOT NULL
     AND NEW.forecast_finish > COALESCE(OLD.forecast_finish, NEW.baseline_finish, NEW.forecast_finish) THEN
    INSERT INTO notification_events (kind, project_id, actor_id, payload)
    VALUES ('FORECAST_SLIPPED', NEW.id, actor, jsonb_build_object(
      'from', COALESCE(OLD.forecast_finish, NEW.baseline_finish), 'to', NEW.forecast_finish))
    RETURNING id INTO event_id;
    IF actor IS NULL THEN
      PERFORM set_config('batys.events_without_actor',
        concat_ws(',', NULLIF(current_setting('batys.events_without_actor', true), ''), event_id::text), true);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER projects_notify AFTER UPDATE OF confidence, forecast_finish ON projects
  FOR EACH ROW EXECUTE FUNCTION notify_project_change();

CREATE FUNCTION remember_audit_actor() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pending text := NULLIF(current_setting('batys.events_without_actor', true), '');
BEGIN
  PERFORM set_config('batys.actor_id', NEW.actor_id::text, true);
  IF pending IS NOT NULL THEN
    UPDATE notification_events SET actor_id = NEW.actor_id
    WHERE id = ANY (string_to_array(pending, ',')::bigint[]) AND actor_id IS NULL;
    PERFORM set_config('batys.events_without_actor', '', true);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER audit_logs_remember_actor AFTER INSERT ON audit_logs
  FOR EACH ROW WHEN (NEW.actor_id IS NOT NULL) EXECUTE FUNCTION remember_audit_actor();

-- Account events are read from the audit rows the account services already write.
CREATE FUNCTION notify_account_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notification_events (kind, user_id, actor_id, payload)
  VALUES ('ACCOUNT_EVENT', NEW.target_id::integer, NEW.actor_id, jsonb_build_object('action', NEW.action));
  RETURN NULL;
END;
$$;
CREATE TRIGGER audit_logs_notify_account AFTER INSERT ON audit_logs
  FOR EACH ROW WHEN (NEW.action IN ('user.resetPassword', 'user.signOutEverywhere') AND NEW.target_type = 'user')
  EXECUTE FUNCTION notify_account_event();

-- Down Migration
-- Deliberately empty.
