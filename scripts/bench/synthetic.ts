// The synthetic dataset of `npm run bench`, generated in SQL (generate_series) on top of the real catalog:
// 100 000 projects across the four oblasts and every category, 1 000 000 progress updates over five years and
// 1 000 users of every role. Everything is deterministic (a function of the row number), so two runs produce the
// same data. Each project's history is a consistent chain — every update's previous_status/previous_percent are
// the values the update before it set, the first starts from PLANNED/0 — and the project's current values are
// those of its last update, exactly as recordProgress would have left them.
import pg from "pg";

export const SYNTHETIC_PROJECTS = 100_000;
export const SYNTHETIC_UPDATES = 1_000_000;
export const SYNTHETIC_USERS = 1_000;
const PROJECT_CHUNK = 20_000;
const UPDATE_CHUNK_PROJECTS = 10_000;
/** Updates per project: (2g mod 21) gives 0…20, mean 10; the first few projects get one more (or one fewer) to hit 1 000 000 exactly. */
const MAX_BASE_UPDATES = 21;

function extraUpdates(): number {
  let total = 0;
  for (let g = 1; g <= SYNTHETIC_PROJECTS; g++) total += (2 * g) % MAX_BASE_UPDATES;
  const extra = SYNTHETIC_UPDATES - total;
  if (extra < -10 || extra > SYNTHETIC_PROJECTS) throw new Error(`update distribution does not add up (${extra})`);
  return extra;
}

type Log = (line: string) => void;

async function timed<T>(log: Log, label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  log(`  ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

/** Generates the dataset into `databaseUrl` (already migrated and seeded with the real catalog). */
export async function generateSyntheticData(databaseUrl: string, today: string, log: Log): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'; SET synchronous_commit = off");
    const extra = extraUpdates();

    await timed(
      log,
      `users: ${SYNTHETIC_USERS} (admins, ministry staff, managers, akimat officers of every oblast)`,
      () =>
        client.query(
          `INSERT INTO users (email, name, role, oblast_id, password_hash, active, must_change_password)
         SELECT format('bench-user-%s@batys.bench', lpad(g::text, 4, '0')), format('Бенчмарк пайдаланушы %s', g), r.role,
                CASE WHEN r.role = 'AKIMAT' THEN (ARRAY(SELECT id FROM oblasts ORDER BY id))[1 + g % 4] END,
                (SELECT password_hash FROM users WHERE email = 'ministry@batys.demo'), true, false
         FROM generate_series(1, $1::int) g
         CROSS JOIN LATERAL (SELECT (CASE WHEN g % 20 = 0 THEN 'ADMIN' WHEN g % 20 < 8 THEN 'MINISTRY'
                                          WHEN g % 20 < 11 THEN 'MANAGER' ELSE 'AKIMAT' END)::"Role" AS role) r`,
          [SYNTHETIC_USERS],
        ),
    );

    // The roll-up and outbox triggers fire per row: on 100k projects and 1M history rows they staged a delta and
    // wrote a notification event for each (most of the generation's time, and a million events marked processed
    // afterwards). Off while generating, as the owner may on its own tables; the roll-ups are rebuilt from the base
    // tables at the end (rollups_rebuild(), the same recomputation rollups:check compares with).
    const bulkTriggers = [
      ["projects", "projects_rollup"],
      ["project_oblasts", "project_oblasts_rollup"],
      ["progress_updates", "progress_updates_rollup"],
      ["progress_updates", "progress_updates_notify"],
    ] as const;
    const setTriggers = (state: "ENABLE" | "DISABLE") =>
      client.query(
        bulkTriggers.map(([table, trigger]) => `ALTER TABLE ${table} ${state} TRIGGER ${trigger}`).join("; "),
      );
    await setTriggers("DISABLE");
    try {
      // Parameters of every synthetic project, from which the project row and its whole history are derived.
      await timed(log, "project parameters", async () => {
        await client.query(`
        CREATE TEMP TABLE syn_categories AS
          SELECT row_number() OVER (ORDER BY c.sort_order) - 1 AS idx, c.id, c.code, c.code_prefix, c.name_kk, c.name_ru, c.name_en
          FROM categories c;
        CREATE TEMP TABLE syn_oblasts AS SELECT row_number() OVER (ORDER BY id) - 1 AS idx, id, name_kk FROM oblasts;
        CREATE TEMP TABLE syn_districts AS
          SELECT oblast_id, row_number() OVER (PARTITION BY oblast_id ORDER BY id) - 1 AS idx, id, name_kk,
                 count(*) OVER (PARTITION BY oblast_id) AS n
          FROM districts;
`);
        const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM syn_categories");
        const categoryCount = Number(rows[0]!.n);
        await client.query(
          `CREATE TEMP TABLE syn AS
         SELECT g, c.id AS category_id, c.code AS category_code, c.code_prefix, c.name_kk AS category_kk, c.name_ru AS category_ru,
                c.name_en AS category_en, o.id AS oblast_id, hz.bucket, hz.horizon,
                (2 * g) % ${MAX_BASE_UPDATES} + CASE WHEN $2::int > 0 AND g <= $2::int THEN 1 WHEN $2::int < 0 AND g <= -$2::int THEN -1 ELSE 0 END AS k,
                (g * 13) % 20 AS fate,
                d.id AS district_id, coalesce(d.name_kk, o.name_kk) AS place,
                ($1::date - 1825 + (g * 17) % 400) AS start_date,
                NULL::integer AS project_id
         FROM generate_series(1, ${SYNTHETIC_PROJECTS}) g
         JOIN syn_categories c ON c.idx = g % ${categoryCount}
         JOIN syn_oblasts o ON o.idx = g % 4
         CROSS JOIN LATERAL (SELECT (g / ${categoryCount}) % 10 AS bucket,
                                    CASE WHEN (g / ${categoryCount}) % 10 < 4 THEN 2030 WHEN (g / ${categoryCount}) % 10 < 7 THEN 2040
                                         WHEN (g / ${categoryCount}) % 10 < 9 THEN 2050 END AS horizon) hz
         LEFT JOIN syn_districts d ON d.oblast_id = o.id AND d.idx = (g / 4) % d.n`,
          [today, extra],
        );
        // Final state of each project = its last update (see the chain below).
        await client.query(`
        ALTER TABLE syn ADD COLUMN target_percent integer, ADD COLUMN planned numeric(14, 3), ADD COLUMN unit text, ADD COLUMN code text;
        UPDATE syn SET
          target_percent = CASE WHEN fate < 4 THEN 100 ELSE 5 + (g * 31) % 91 END,
          planned = CASE WHEN category_code IN ('road', 'railway') THEN 5 + g % 200
                         WHEN category_code = 'power-plant' THEN 10 + g % 500
                         WHEN category_code = 'education' THEN 300 + (g % 10) * 100
                         WHEN g % 2 = 0 THEN 1 + g % 50 END,
          unit = CASE WHEN category_code IN ('road', 'railway') THEN 'km' WHEN category_code = 'power-plant' THEN 'MW'
                      WHEN category_code = 'education' THEN 'places' WHEN g % 2 = 0 THEN 'units' END,
          -- The app's code pattern [A-Z]+-(2030|2040|2050|NA)-ddd: the category prefix plus X and a letter per
          -- bucket keeps every (prefix, horizon) group under 1 000 numbers and apart from the real catalog's codes.
          code = code_prefix || 'X' || chr(65 + bucket) || '-' || coalesce(horizon::text, 'NA') || '-' || lpad((g / (${categoryCount} * 10) + 1)::text, 3, '0');
        CREATE UNIQUE INDEX ON syn (g);`);
      });

      // The chain of one project's updates: percent rises evenly to its target; the last update sets the final
      // status (completed, paused, cancelled or still in progress), earlier ones are DESIGN below 10 %, else IN_PROGRESS.
      await client.query(`
      CREATE FUNCTION pg_temp.syn_percent(target integer, j integer, k integer) RETURNS integer IMMUTABLE LANGUAGE sql AS
        $$ SELECT CASE WHEN j <= 0 OR k = 0 THEN 0 ELSE (target * j) / k END $$;
      CREATE FUNCTION pg_temp.syn_status(fate integer, target integer, j integer, k integer) RETURNS "ProjectStatus" IMMUTABLE LANGUAGE sql AS
        $$ SELECT (CASE WHEN j <= 0 OR k = 0 THEN 'PLANNED'
                        WHEN j = k AND fate < 4 THEN 'COMPLETED'
                        WHEN j = k AND fate = 4 THEN 'PAUSED'
                        WHEN j = k AND fate = 5 THEN 'CANCELLED'
                        WHEN (target * j) / k < 10 THEN 'DESIGN'
                        ELSE 'IN_PROGRESS' END)::"ProjectStatus" $$;
      CREATE FUNCTION pg_temp.syn_as_of(start_date date, today date, j integer, k integer) RETURNS date IMMUTABLE LANGUAGE sql AS
        $$ SELECT start_date + ((today - 1 - start_date) * j) / k $$;`);

      const projectsStarted = Date.now();
      for (let from = 1; from <= SYNTHETIC_PROJECTS; from += PROJECT_CHUNK) {
        const to = Math.min(SYNTHETIC_PROJECTS, from + PROJECT_CHUNK - 1);
        await client.query(
          `INSERT INTO projects (code, kind, name_kk, name_ru, name_en, category_id, action, horizon, district_id, place, planned_quantity, unit,
           source_point, source_line, source_excerpt, status, percent_complete, quantity_done, pause_reason, version,
           last_progress_as_of, last_progress_at, baseline_start, baseline_finish, actual_finish, confidence, created_at, updated_at, search_text)
         SELECT s.code, (CASE WHEN s.g % 3 = 0 THEN 'MEASURE' ELSE 'OBJECT' END)::"ProjectKind",
           n.kk, n.ru, n.en, s.category_id,
           (enum_range(NULL::"ProjectAction"))[1 + s.g % 16], s.horizon, s.district_id, s.place, s.planned, s.unit,
           'SYN', s.g, 'Synthetic benchmark project (npm run bench)',
           f.status, f.percent, CASE WHEN s.planned IS NOT NULL THEN round(s.planned * f.percent / 100, 3) END,
           CASE WHEN f.status = 'PAUSED' THEN 'FINANCING'::"PauseReason" END, 1 + s.k,
           f.as_of, f.at, s.start_date, make_date(coalesce(s.horizon, 2035), 12, 31),
           CASE WHEN f.status = 'COMPLETED' THEN f.as_of END,
           (CASE s.g % 10 WHEN 0 THEN 'RED' WHEN 1 THEN 'AMBER' WHEN 2 THEN 'AMBER' WHEN 9 THEN NULL ELSE 'GREEN' END)::"Confidence",
           s.start_date - 30, coalesce(f.at, (s.start_date - 30)::timestamptz),
           lower(concat_ws(' | ', s.code, n.kk, n.ru, n.en, s.place))
         FROM syn s
         CROSS JOIN LATERAL (SELECT
           format('%s: %s-нысан №%s (%s)', s.category_kk, (ARRAY['салу', 'реконструкциялау', 'жаңғырту', 'кеңейту'])[1 + s.g % 4], s.g, s.place) AS kk,
           format('%s: объект №%s (%s)', s.category_ru, s.g, s.place) AS ru,
           format('%s: project no. %s (%s)', s.category_en, s.g, s.place) AS en) n
         CROSS JOIN LATERAL (SELECT pg_temp.syn_status(s.fate, s.target_percent, s.k, s.k) AS status,
           pg_temp.syn_percent(s.target_percent, s.k, s.k) AS percent,
           CASE WHEN s.k > 0 THEN pg_temp.syn_as_of(s.start_date, $1::date, s.k, s.k) END AS as_of,
           CASE WHEN s.k > 0 THEN (pg_temp.syn_as_of(s.start_date, $1::date, s.k, s.k) + time '09:00' + make_interval(mins => s.g % 480)) AT TIME ZONE 'Asia/Almaty' END AS at) f
         WHERE s.g BETWEEN $2 AND $3
         ORDER BY s.g`,
          [today, from, to],
        );
        log(
          `  projects: ${to.toLocaleString("en")}/${SYNTHETIC_PROJECTS.toLocaleString("en")} (${Math.round((to / SYNTHETIC_PROJECTS) * 100)} %, ${((Date.now() - projectsStarted) / 1000).toFixed(0)} s)`,
        );
      }
      await timed(log, "project ids and oblast links (5 % of projects touch a second oblast)", async () => {
        await client.query("UPDATE syn SET project_id = p.id FROM projects p WHERE p.code = syn.code");
        await client.query(`
        INSERT INTO project_oblasts (project_id, oblast_id)
        SELECT s.project_id, s.oblast_id FROM syn s
        UNION ALL
        SELECT s.project_id, o2.id FROM syn s JOIN syn_oblasts o1 ON o1.id = s.oblast_id JOIN syn_oblasts o2 ON o2.idx = (o1.idx + 1) % 4
        WHERE s.g % 20 = 0`);
      });

      // Authors of the history: the synthetic admins and ministry staff, picked by position in this array.
      const { rows: authorRows } = await client.query<{ ids: number[] }>(
        "SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE email LIKE 'bench-user-%' AND role IN ('ADMIN', 'MINISTRY')",
      );
      const authors = authorRows[0]!.ids;
      const updatesStarted = Date.now();
      let written = 0;
      for (let from = 1; from <= SYNTHETIC_PROJECTS; from += UPDATE_CHUNK_PROJECTS) {
        const to = Math.min(SYNTHETIC_PROJECTS, from + UPDATE_CHUNK_PROJECTS - 1);
        const result = await client.query(
          `INSERT INTO progress_updates (project_id, author_id, status, percent_complete, quantity_done, as_of, comment, created_at,
           previous_status, previous_percent, pause_reason)
         SELECT s.project_id, ($4::int[])[1 + (s.g * 7 + j) % ${authors.length}],
           pg_temp.syn_status(s.fate, s.target_percent, j, s.k), pg_temp.syn_percent(s.target_percent, j, s.k),
           CASE WHEN s.planned IS NOT NULL THEN round(s.planned * pg_temp.syn_percent(s.target_percent, j, s.k) / 100, 3) END,
           pg_temp.syn_as_of(s.start_date, $1::date, j, s.k),
           CASE WHEN j % 3 = 0 THEN format('Жоспарлы есеп №%s', j) END,
           (pg_temp.syn_as_of(s.start_date, $1::date, j, s.k) + time '09:00' + make_interval(mins => s.g % 480)) AT TIME ZONE 'Asia/Almaty',
           pg_temp.syn_status(s.fate, s.target_percent, j - 1, s.k), pg_temp.syn_percent(s.target_percent, j - 1, s.k),
           CASE WHEN pg_temp.syn_status(s.fate, s.target_percent, j, s.k) = 'PAUSED' THEN 'FINANCING'::"PauseReason" END
         FROM syn s
         CROSS JOIN LATERAL generate_series(1, s.k) j
         WHERE s.g BETWEEN $2 AND $3
         ORDER BY s.g, j`,
          [today, from, to, authors],
        );
        written += result.rowCount ?? 0;
        log(
          `  progress updates: ${written.toLocaleString("en")}/${SYNTHETIC_UPDATES.toLocaleString("en")} (${Math.round((written / SYNTHETIC_UPDATES) * 100)} %, ${((Date.now() - updatesStarted) / 1000).toFixed(0)} s)`,
        );
      }
      if (written !== SYNTHETIC_UPDATES)
        throw new Error(`wrote ${written} progress updates, expected ${SYNTHETIC_UPDATES}`);
      // Issue 20: the timeline draws milestones and the blockers page lists blockers, so the 100k phase has them too:
      // three milestones on every fourth project, a blocker on every tenth (a third of them overdue).
      await timed(log, "milestones (3 on every 4th project) and blockers (1 on every 10th)", async () => {
        await client.query(
          `INSERT INTO milestones (project_id, type, baseline_date, forecast_date, actual_date, status)
         SELECT s.project_id, (ARRAY['DESIGN_APPROVED', 'CONTRACT_SIGNED', 'COMMISSIONED'])[m]::"MilestoneType",
           s.start_date + m * 180, s.start_date + m * 180 + (s.g % 5) * 30,
           CASE WHEN s.start_date + m * 180 < $1::date - 30 THEN s.start_date + m * 180 + (s.g % 3) * 20 END,
           CASE WHEN s.start_date + m * 180 < $1::date - 30 THEN 'MET' ELSE 'SCHEDULED' END::"MilestoneStatus"
         FROM syn s CROSS JOIN generate_series(1, 3) m WHERE s.g % 4 = 0`,
          [today],
        );
        await client.query(
          `INSERT INTO blockers (project_id, category, description, raised_by_id, raised_on, due_date, escalation, status)
         SELECT s.project_id, (enum_range(NULL::"BlockerCategory"))[1 + s.g % 8], format('Кедергі №%s', s.g),
           ($2::int[])[1 + s.g % ${authors.length}], $1::date - (s.g % 400), $1::date - 120 + (s.g % 360),
           (enum_range(NULL::"EscalationLevel"))[1 + s.g % 4],
           (ARRAY['OPEN', 'OPEN', 'IN_HAND', 'RESOLVED'])[1 + s.g % 4]::"BlockerStatus"
         FROM syn s WHERE s.g % 10 = 0`,
          [today, authors],
        );
      });
    } finally {
      await setTriggers("ENABLE");
    }
    await timed(log, "roll-ups rebuilt from the generated rows", () => client.query("SELECT rollups_rebuild()"));
    // The outbox triggers turned five years of generated history into a million notification events. They stand for
    // the past, which nobody is told about now: marked processed, or the app's worker would fan them out during the
    // measurements (a real database reaches 100k projects over years, its events long processed).
    await timed(log, "the generated history's notification events marked processed", () =>
      client.query("UPDATE notification_events SET processed_at = now() WHERE processed_at IS NULL"),
    );
    await timed(log, "VACUUM ANALYZE", () =>
      client.query(
        "VACUUM (ANALYZE) projects, project_oblasts, progress_updates, users, milestones, blockers, notification_events",
      ),
    );
  } finally {
    await client.end();
  }
}

/** Checks the generated data is what the bench claims it is; returns problems (empty when all is well). */
export async function checkSyntheticData(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const problems: string[] = [];
    const { rows } = await client.query(`
      WITH last AS (
        SELECT DISTINCT ON (u.project_id) u.project_id, u.status, u.percent_complete FROM progress_updates u ORDER BY u.project_id, u.created_at DESC, u.id DESC
      ), chain AS (
        SELECT u.previous_status, u.previous_percent,
               lag(u.status) OVER w AS before_status, lag(u.percent_complete) OVER w AS before_percent
        FROM progress_updates u WINDOW w AS (PARTITION BY u.project_id ORDER BY u.created_at, u.id)
      )
      SELECT
        (SELECT count(*) FROM projects WHERE source_point = 'SYN') AS projects,
        (SELECT count(*) FROM progress_updates u JOIN projects p ON p.id = u.project_id WHERE p.source_point = 'SYN') AS updates,
        (SELECT count(*) FROM users WHERE email LIKE 'bench-user-%') AS users,
        (SELECT count(DISTINCT category_id) FROM projects WHERE source_point = 'SYN') AS categories,
        (SELECT count(DISTINCT oblast_id) FROM project_oblasts po JOIN projects p ON p.id = po.project_id WHERE p.source_point = 'SYN') AS oblasts,
        (SELECT count(*) FROM projects p JOIN last l ON l.project_id = p.id WHERE p.status <> l.status OR p.percent_complete <> l.percent_complete) AS current_mismatch,
        (SELECT count(*) FROM chain WHERE previous_status IS DISTINCT FROM coalesce(before_status, 'PLANNED')
                                       OR previous_percent IS DISTINCT FROM coalesce(before_percent, 0)) AS chain_breaks`);
    const row = rows[0] as Record<string, string>;
    if (Number(row.projects) !== SYNTHETIC_PROJECTS) problems.push(`${row.projects} synthetic projects`);
    if (Number(row.updates) !== SYNTHETIC_UPDATES) problems.push(`${row.updates} synthetic updates`);
    if (Number(row.users) !== SYNTHETIC_USERS) problems.push(`${row.users} synthetic users`);
    if (Number(row.oblasts) !== 4) problems.push(`projects in ${row.oblasts} oblasts`);
    if (Number(row.current_mismatch) !== 0)
      problems.push(`${row.current_mismatch} projects whose current values differ from their last update`);
    if (Number(row.chain_breaks) !== 0)
      problems.push(`${row.chain_breaks} updates whose previous values are not the update before`);
    const { rows: categories } = await client.query<{ n: string }>("SELECT count(*) AS n FROM categories");
    if (Number(row.categories) !== Number(categories[0]!.n))
      problems.push(`projects in ${row.categories} of ${categories[0]!.n} categories`);
    return problems;
  } finally {
    await client.end();
  }
}
