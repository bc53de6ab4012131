import "server-only";
import { prisma } from "../db";
import { STALE_AFTER_DAYS } from "./kinds";

/**
 * Raises PROJECT_STALE for every project in delivery whose last progress update (or, never updated, its creation)
 * is more than 90 days old and that has a responsible officer: once when it is first found stale, then once a week
 * while it stays so (those reminders go to the weekly digest). The dedupe key (project, last update, week) makes every
 * instance's scan raise each notice exactly once; a new update starts the count afresh.
 */
export async function raiseStaleProjectEvents(now: Date = new Date()): Promise<number> {
  return prisma.$executeRaw`
    INSERT INTO notification_events (kind, project_id, payload, dedupe_key)
    SELECT 'PROJECT_STALE', s.id,
      jsonb_build_object('days', s.days, 'since', s.since, 'reminder', EXISTS (
        SELECT 1 FROM notification_events e
        WHERE e.project_id = s.id AND e.kind = 'PROJECT_STALE' AND e.payload->>'since' = to_jsonb(s.since) #>> '{}')),
      'stale:' || s.id || ':' || (extract(epoch FROM s.since) * 1000)::bigint || ':' || s.week
    FROM (
      SELECT p.id, COALESCE(p.last_progress_at, p.created_at) AS since,
        floor(extract(epoch FROM ${now}::timestamptz - COALESCE(p.last_progress_at, p.created_at)) / 86400)::int AS days,
        floor((extract(epoch FROM ${now}::timestamptz - COALESCE(p.last_progress_at, p.created_at)) / 86400
          - ${STALE_AFTER_DAYS}) / 7)::int AS week
      FROM projects p
      WHERE p.responsible_officer_id IS NOT NULL AND p.withdrawn_at IS NULL
        AND p.status NOT IN ('COMPLETED', 'CANCELLED')
        AND COALESCE(p.last_progress_at, p.created_at) < ${now}::timestamptz - make_interval(days => ${STALE_AFTER_DAYS})
    ) s
    ON CONFLICT (dedupe_key) DO NOTHING`;
}
