-- Up Migration
-- Sessions and sign-in throttling live in PostgreSQL so every app instance behind a load balancer agrees on them.

CREATE TABLE sessions (
  id           text PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES users (id) ON UPDATE CASCADE ON DELETE CASCADE,
  created_at   timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_seen_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at   timestamptz(3) NOT NULL,
  revoked_at   timestamptz(3),
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE sign_in_throttles (
  key             text PRIMARY KEY,
  failures        integer NOT NULL DEFAULT 0,
  locked_until    timestamptz(3),
  last_failure_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Replaced by the sessions table: signing a user out everywhere revokes their session rows.
ALTER TABLE users DROP COLUMN session_version;

-- Down Migration
-- Deliberately empty.
