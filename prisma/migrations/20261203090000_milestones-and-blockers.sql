-- Up Migration
-- Milestones and blockers of a project, each with an append-only history of every version.

CREATE TYPE "MilestoneType" AS ENUM ('DESIGN_APPROVED', 'FINANCING_SECURED', 'LAND_ALLOCATED', 'CONTRACT_SIGNED',
  'CONSTRUCTION_STARTED', 'COMMISSIONED', 'HANDED_OVER', 'CUSTOM');
CREATE TYPE "MilestoneStatus" AS ENUM ('SCHEDULED', 'MET', 'MISSED', 'PARTIALLY_MET');
CREATE TYPE "BlockerCategory" AS ENUM ('LAND', 'FINANCING', 'PERMITS', 'DESIGN', 'CONTRACTOR', 'UTILITIES', 'LEGAL',
  'OTHER');
CREATE TYPE "EscalationLevel" AS ENUM ('DISTRICT', 'OBLAST', 'MINISTRY', 'GOVERNMENT');
CREATE TYPE "BlockerStatus" AS ENUM ('OPEN', 'IN_HAND', 'RESOLVED', 'DROPPED');

CREATE TABLE milestones (
  id SERIAL PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE RESTRICT ON UPDATE CASCADE,
  type "MilestoneType" NOT NULL,
  title TEXT,
  baseline_date DATE,
  forecast_date DATE,
  actual_date DATE,
  status "MilestoneStatus" NOT NULL DEFAULT 'SCHEDULED',
  evidence_url TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT milestones_custom_has_title CHECK (type <> 'CUSTOM' OR title IS NOT NULL)
);
CREATE INDEX milestones_project_id_idx ON milestones(project_id);

CREATE TABLE milestone_changes (
  id SERIAL PRIMARY KEY,
  milestone_id INTEGER NOT NULL REFERENCES milestones(id) ON DELETE RESTRICT ON UPDATE CASCADE,
  actor_id INTEGER NOT NULL REFERENCES users(id) ON DELETE RESTRICT ON UPDATE CASCADE,
  version INTEGER NOT NULL,
  type "MilestoneType" NOT NULL,
  title TEXT,
  baseline_date DATE,
  forecast_date DATE,
  actual_date DATE,
  status "MilestoneStatus" NOT NULL,
  reason TEXT,
  at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX milestone_changes_milestone_id_at_idx ON milestone_changes(milestone_id, at);

CREATE TABLE blockers (
  id SERIAL PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE RESTRICT ON UPDATE CASCADE,
  category "BlockerCategory" NOT NULL,
  description TEXT NOT NULL,
  responsible_agency TEXT,
  responsible_user_id INTEGER REFERENCES users(id) ON DELETE RESTRICT ON UPDATE CASCADE,
  raised_by_id INTEGER NOT NULL REFERENCES users(id) ON DELETE RESTRICT ON UPDATE CASCADE,
  raised_on DATE NOT NULL,
  due_date DATE,
  escalation "EscalationLevel" NOT NULL DEFAULT 'DISTRICT',
  status "BlockerStatus" NOT NULL DEFAULT 'OPEN',
  resolution_note TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX blockers_project_id_idx ON blockers(project_id);
CREATE INDEX blockers_status_due_date_idx ON blockers(status, due_date);
CREATE INDEX blockers_responsible_user_id_idx ON blockers(responsible_user_id);

CREATE TABLE blocker_changes (
  id SERIAL PRIMARY KEY,
  blocker_id INTEGER NOT NULL REFERENCES blockers(id) ON DELETE RESTRICT ON UPDATE CASCADE,
  actor_id INTEGER NOT NULL REFERENCES users(id) ON DELETE RESTRICT ON UPDATE CASCADE,
  version INTEGER NOT NULL,
  category "BlockerCategory" NOT NULL,
  description TEXT NOT NULL,
  responsible_agency TEXT,
  responsible_user_id INTEGER,
  due_date DATE,
  escalation "EscalationLevel" NOT NULL,
  status "BlockerStatus" NOT NULL,
  note TEXT,
  at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX blocker_changes_blocker_id_at_idx ON blocker_changes(blocker_id, at);

-- The histories are append-only, like progress_updates and audit_logs.
CREATE TRIGGER milestone_changes_append_only BEFORE UPDATE OR DELETE ON milestone_changes
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
CREATE TRIGGER milestone_changes_no_truncate BEFORE TRUNCATE ON milestone_changes
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
CREATE TRIGGER blocker_changes_append_only BEFORE UPDATE OR DELETE ON blocker_changes
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
CREATE TRIGGER blocker_changes_no_truncate BEFORE TRUNCATE ON blocker_changes
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
