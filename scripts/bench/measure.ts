// One phase of measurements (the real catalog, then 100k projects): every page under HTTP load at concurrency 1
// and 16, each page's data queries timed in-process against the same database, the progress service under
// concurrent saves with a lost-write check, the CSV export with the server's memory, first-load JavaScript and
// the database size.
import zlib from "node:zlib";
import { runLoad, type LoadResult } from "./load";
import { treeRss, type AppServer } from "./server";
import { latencyOf, repeat, sleep, type Latency } from "./stats";

type Actor = { id: number; role: "ADMIN" | "MINISTRY" | "AKIMAT" | "MANAGER"; oblastId: number | null };
export type Sessions = {
  ministry: { cookie: string; actor: Actor; sessionId: string };
  akimat: { cookie: string; actor: Actor; sessionId: string };
};

export type PageKey =
  | "trivial"
  | "dashboard"
  | "oblastDashboard"
  | "listFiltered"
  | "listPage50"
  | "projectPage"
  | "publicRegion"
  | "publicList"
  | "publicProject"
  | "timeline"
  | "timelineByOblast"
  | "blockers";
export type PageResult = {
  key: PageKey;
  label: string;
  path: string;
  user: string;
  c1: LoadResult;
  c16: LoadResult;
  /** The page's queries (session check included) run in-process against the same database: no Next, no React. */
  dataFloor: Latency | null;
};
export type ProgressResult = {
  mode: string;
  runs: {
    connections: number;
    durationS: number;
    saved: number;
    errors: number;
    perSecond: number;
    latency: Latency;
  }[];
  lostWrites: number;
  duplicatedWrites: number;
  checked: string;
};
export type ExportResult = {
  path: string;
  rows: number;
  bytes: number;
  timesMs: number[];
  dataFloorMs: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
};
export type PhaseResult = {
  name: string;
  projects: number;
  progressUpdates: number;
  users: number;
  databaseSizeMb: number;
  tableSizesMb: Record<string, number>;
  pages: PageResult[];
  progress: ProgressResult;
  csvExport: ExportResult;
  /** The period report `/reports` (this quarter, the region): whole response time and HTML size, 3 downloads. */
  reportsPage?: { timesMs: number[]; htmlKb: number };
};

type Log = (line: string) => void;
const lib = {
  db: () => import("../../lib/db"),
  dashboard: () => import("../../lib/dashboard/dashboard"),
  list: () => import("../../lib/projects/list-projects"),
  project: () => import("../../lib/projects/get-project"),
  fieldReports: () => import("../../lib/field-reports/list-field-reports"),
  sessions: () => import("../../lib/auth/sessions"),
  progress: () => import("../../lib/progress/record-progress"),
  calendar: () => import("../../lib/progress/calendar"),
  exportRows: () => import("../../lib/projects/export-projects"),
  publicFigures: () => import("../../lib/public/public-figures"),
  publicProjects: () => import("../../lib/public/public-projects"),
  publicThrottle: () => import("../../lib/public/rate-limit"),
  timeline: () => import("../../lib/schedule/timeline"),
  blockers: () => import("../../lib/schedule/blockers"),
};
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** The user a cookie stands for, and the session row it names (for the in-process session check). */
export async function actorFor(email: string): Promise<{ actor: Actor; sessionId: string }> {
  const { prisma } = await lib.db();
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await prisma.session.findFirstOrThrow({
    where: { userId: user.id, revokedAt: null },
    orderBy: { createdAt: "desc" },
  });
  return { actor: { id: user.id, role: user.role, oblastId: user.oblastId }, sessionId: session.id };
}

async function sessionQueries(session: { actor: Actor; sessionId: string }) {
  const [{ prisma }, { touchSession }] = await Promise.all([lib.db(), lib.sessions()]);
  await Promise.all([
    prisma.user.findUnique({ where: { id: session.actor.id }, include: { oblast: true } }),
    touchSession(session.sessionId, session.actor.id),
  ]);
}

async function dashboardQueries(actor: Actor, filter: { oblastCode?: string }, withHeadline: boolean) {
  const d = await lib.dashboard();
  // The region's page reads the headline figures before rendering its widgets; every widget then runs its own query.
  if (withHeadline) await d.getFigures(actor, filter);
  await Promise.all([
    d.getFigures(actor, filter),
    d.getStatusBySector(actor, filter),
    d.getCompletionByPlace(actor, filter),
    d.getCompletionByHorizon(actor, filter),
    d.getProgressOverTime(actor, filter),
    d.getPhysicalDelivery(actor, filter),
    d.getMovement(actor, filter),
  ]);
}

async function listQueries(actor: Actor, params: Record<string, string>) {
  const l = await lib.list();
  const query = l.parseProjectListQuery(params);
  await Promise.all([l.listProjects(actor, query), l.listDistrictOptions(actor, query.oblast)]);
}

async function projectQueries(actor: Actor, code: string) {
  const [{ getProjectForUser }, { fieldReportsOnProject }] = await Promise.all([lib.project(), lib.fieldReports()]);
  const project = await getProjectForUser(actor, code);
  if (!project) throw new Error(`project ${code} not found`);
  await fieldReportsOnProject(actor, project.id);
}

/** The public view's queries (no session; the per-address throttle counts every request, as the server does). */
async function publicQueries(what: "region" | "list" | "project", code: string) {
  const [figures, projects, throttle] = await Promise.all([
    lib.publicFigures(),
    lib.publicProjects(),
    lib.publicThrottle(),
  ]);
  await throttle.takePublicRequest("127.0.0.1", new Date(), 0);
  if (what === "region") {
    const filter = { kind: "OBJECT" as const };
    await Promise.all([
      figures.getPublicFigures(filter),
      figures.getPublicStatusBySector(filter),
      figures.getPublicCompletionByPlace(filter),
      figures.getPublicCompletionByHorizon(filter),
      figures.getPublicProgressOverTime(filter),
      figures.getPublicPhysicalDelivery(filter),
      figures.getPublicOblastCompletion("OBJECT"),
    ]);
  } else if (what === "list") await projects.listPublicProjects(projects.parsePublicListQuery({ oblast: "ATY" }));
  else await projects.getPublicProject(code);
}

/** The timeline's queries: one page of 50 rows (or each oblast's first rows) with their milestones, and the count. */
async function timelineQueries(actor: Actor, params: Record<string, string>) {
  const t = await lib.timeline();
  await t.timeline(actor, t.parseTimelineQuery(params));
}

async function blockerQueries(actor: Actor) {
  const b = await lib.blockers();
  await Promise.all([b.listBlockers(actor, b.parseBlockerQuery({})), b.blockerFigures(actor)]);
}

async function fetchOk(url: string, cookie: string, expect?: string): Promise<string> {
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered HTTP ${response.status}`);
  if (expect && !body.includes(expect)) throw new Error(`${url} did not contain "${expect}"`);
  return body;
}

/** Every page of the phase, in the order measured. */
async function pageDefinitions(sessions: Sessions, projectCode: string, page50: number) {
  const m = sessions.ministry;
  const a = sessions.akimat;
  const anonymous = { cookie: "" };
  const listParams = { sector: "transport", horizon: "2030", q: "жол" };
  return [
    {
      key: "trivial" as const,
      label: "trivial signed-in page (/account/password)",
      path: "/account/password",
      session: m,
      user: "ministry",
      floor: () => sessionQueries(m),
    },
    {
      key: "dashboard" as const,
      label: "dashboard",
      path: "/",
      session: m,
      user: "ministry",
      floor: async () => {
        await sessionQueries(m);
        await dashboardQueries(m.actor, {}, true);
      },
    },
    {
      key: "oblastDashboard" as const,
      label: "oblast dashboard (ATY, akimat officer)",
      path: "/oblasts/ATY",
      session: a,
      user: "akimat.aty",
      floor: async () => {
        await sessionQueries(a);
        await dashboardQueries(a.actor, { oblastCode: "ATY" }, false);
      },
    },
    {
      key: "listFiltered" as const,
      label: 'list: sector+horizon filters, search "жол"',
      path: `/projects?${new URLSearchParams(listParams)}`,
      session: m,
      user: "ministry",
      floor: async () => {
        await sessionQueries(m);
        await listQueries(m.actor, listParams);
      },
    },
    {
      key: "listPage50" as const,
      label: `list page ${page50}`,
      path: `/projects?page=${page50}`,
      session: m,
      user: "ministry",
      floor: async () => {
        await sessionQueries(m);
        await listQueries(m.actor, { page: String(page50) });
      },
    },
    {
      key: "projectPage" as const,
      label: `project page with history (${projectCode})`,
      path: `/projects/${projectCode}`,
      session: m,
      user: "ministry",
      floor: async () => {
        await sessionQueries(m);
        await projectQueries(m.actor, projectCode);
      },
    },
    // The public view, anonymous: answers kept per data version, every request counted by the address throttle.
    {
      key: "publicRegion" as const,
      label: "public view: the region (/public)",
      path: "/public",
      session: anonymous,
      user: "anonymous",
      floor: () => publicQueries("region", projectCode),
    },
    {
      key: "publicList" as const,
      label: "public view: list, one oblast",
      path: "/public/projects?oblast=ATY",
      session: anonymous,
      user: "anonymous",
      floor: () => publicQueries("list", projectCode),
    },
    {
      key: "publicProject" as const,
      label: `public view: project page (${projectCode})`,
      path: `/public/projects/${projectCode}`,
      session: anonymous,
      user: "anonymous",
      floor: () => publicQueries("project", projectCode),
    },
    {
      key: "timeline" as const,
      label: "timeline by horizon, page 2 (50 rows)",
      path: "/timeline?page=2",
      session: m,
      user: "ministry",
      floor: async () => {
        await sessionQueries(m);
        await timelineQueries(m.actor, { page: "2" });
      },
    },
    {
      key: "timelineByOblast" as const,
      label: "timeline by oblast (each oblast's first rows)",
      path: "/timeline?group=oblast",
      session: m,
      user: "ministry",
      floor: async () => {
        await sessionQueries(m);
        await timelineQueries(m.actor, { group: "oblast" });
      },
    },
    {
      key: "blockers" as const,
      label: "blockers register (open, overdue first)",
      path: "/blockers",
      session: m,
      user: "ministry",
      floor: async () => {
        await sessionQueries(m);
        await blockerQueries(m.actor);
      },
    },
  ];
}

export async function measurePages(
  server: AppServer,
  sessions: Sessions,
  options: { projectCode: string; page50: number; durationS: number },
  log: Log,
): Promise<PageResult[]> {
  const results: PageResult[] = [];
  for (const page of await pageDefinitions(sessions, options.projectCode, options.page50)) {
    const url = `${server.base}${page.path}`;
    for (let i = 0; i < 3; i++)
      await fetchOk(
        url,
        page.session.cookie,
        page.key === "projectPage" || page.key === "publicProject" ? options.projectCode : undefined,
      );
    const dataFloor = await repeat(page.floor, { budgetMs: 3000, maxRuns: 30, minRuns: 3 });
    log(`  ${page.label}: data floor p95 ${dataFloor.p95} ms; load at 1 connection for ${options.durationS} s…`);
    const c1 = await runLoad({ url, cookie: page.session.cookie, connections: 1, durationS: options.durationS });
    log(
      `    c=1  p50 ${c1.p50} p95 ${c1.p95} p99 ${c1.p99} ms, ${c1.requestsPerSecond} req/s, ${c1.errors} errors; 16 connections…`,
    );
    const c16 = await runLoad({ url, cookie: page.session.cookie, connections: 16, durationS: options.durationS });
    log(
      `    c=16 p50 ${c16.p50} p95 ${c16.p95} p99 ${c16.p99} ms, ${c16.requestsPerSecond} req/s, ${c16.errors} errors`,
    );
    results.push({ key: page.key, label: page.label, path: page.path, user: page.user, c1, c16, dataFloor });
  }
  return results;
}

/**
 * Progress updates through the service the server action calls (lib/progress/record-progress.ts recordProgress):
 * validation, permission, rules, one transaction with the project, the history row and the audit row. Called
 * in-process, concurrently, by `connections` workers each saving its own projects in turn (a Next server action
 * is an internal, build-specific protocol; its HTTP overhead is that of any signed-in POST and shows in the
 * trivial page's floor). Afterwards every successful save must have left exactly one history row and one version.
 */
export async function measureProgress(
  _databaseUrl: string,
  actor: Actor,
  phase: "real" | "synthetic",
  durationsS: { c1: number; c16: number },
  log: Log,
): Promise<ProgressResult> {
  const [{ prisma }, { recordProgress }, { todayInKazakhstan }] = await Promise.all([
    lib.db(),
    lib.progress(),
    lib.calendar(),
  ]);
  const today = todayInKazakhstan();
  const pool = await prisma.project.findMany({
    where: {
      withdrawnAt: null,
      status: { in: ["PLANNED", "DESIGN", "IN_PROGRESS"] },
      percentComplete: { lt: 50 },
      sourcePoint: phase === "synthetic" ? "SYN" : { not: "SYN" },
    },
    orderBy: { id: "asc" },
    take: 480,
    select: { id: true, code: true, version: true, percentComplete: true },
  });
  if (pool.length < 16) throw new Error(`only ${pool.length} open projects to update`);
  const slots = pool.map((project) => ({ ...project, versionBefore: project.version, saved: 0 }));
  const maxBefore = (await prisma.progressUpdate.aggregate({ _max: { id: true } }))._max.id ?? 0;
  const auditBefore = (await prisma.auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0n;
  const runs: ProgressResult["runs"] = [];
  for (const connections of [1, 16]) {
    const durationS = connections === 1 ? durationsS.c1 : durationsS.c16;
    const times: number[] = [];
    let saved = 0;
    let errors = 0;
    const reasons = new Map<string, number>();
    const deadline = performance.now() + durationS * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async (_, worker) => {
        const mine = slots.filter((_, index) => index % connections === worker);
        for (let turn = 0; performance.now() < deadline; turn++) {
          const slot = mine[turn % mine.length]!;
          const percentComplete = Math.min(99, slot.percentComplete + 1);
          const begin = performance.now();
          try {
            const result = await recordProgress(actor, {
              projectCode: slot.code,
              version: String(slot.version),
              status: "IN_PROGRESS",
              percentComplete: String(percentComplete),
              asOf: today,
              comment: turn % 4 === 0 ? "npm run bench" : "",
            });
            times.push(performance.now() - begin);
            if (result.ok) {
              slot.version = result.version;
              slot.percentComplete = percentComplete;
              slot.saved++;
              saved++;
            } else {
              errors++;
              reasons.set(result.reason, (reasons.get(result.reason) ?? 0) + 1);
            }
          } catch (error) {
            errors++;
            reasons.set(String(error), (reasons.get(String(error)) ?? 0) + 1);
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const run = {
      connections,
      durationS: Math.round(elapsed * 10) / 10,
      saved,
      errors,
      perSecond: Math.round((saved / elapsed) * 10) / 10,
      latency: latencyOf(times),
    };
    runs.push(run);
    log(
      `  progress updates, ${connections} concurrent: ${run.saved} saved, ${run.perSecond}/s, p95 ${run.latency.p95} ms, ${errors} errors${reasons.size ? ` (${[...reasons].map(([r, n]) => `${r}: ${n}`).join(", ")})` : ""}`,
    );
  }
  // Lost-write check: history rows, versions and audit rows against what the callers were told was saved.
  const rows = await prisma.$queryRawUnsafe<{ project_id: number; n: bigint; version: number; percent: number }[]>(
    `SELECT u.project_id, count(*) AS n, p.version, p.percent_complete AS percent FROM progress_updates u JOIN projects p ON p.id = u.project_id
     WHERE u.id > $1 GROUP BY u.project_id, p.version, p.percent_complete`,
    maxBefore,
  );
  const byId = new Map(rows.map((row) => [row.project_id, row]));
  let lostWrites = 0;
  let duplicatedWrites = 0;
  for (const slot of slots) {
    const row = byId.get(slot.id);
    const written = row ? Number(row.n) : 0;
    if (written < slot.saved) lostWrites += slot.saved - written;
    if (written > slot.saved) duplicatedWrites += written - slot.saved;
    if (row && (row.version - slot.versionBefore !== slot.saved || row.percent !== slot.percentComplete))
      lostWrites += Math.abs(row.version - slot.versionBefore - slot.saved) || 1;
  }
  const saved = runs.reduce((sum, run) => sum + run.saved, 0);
  const audits = await prisma.auditLog.count({ where: { id: { gt: auditBefore }, action: "project.progress" } });
  if (audits !== saved) lostWrites += Math.max(0, saved - audits);
  const checked = `${saved} saves: ${saved - lostWrites} history rows with their versions, ${audits} audit rows`;
  log(`  lost-write check: ${checked} → ${lostWrites} lost, ${duplicatedWrites} duplicated`);
  return {
    mode: "in-process recordProgress (the server action's service)",
    runs,
    lostWrites,
    duplicatedWrites,
    checked,
  };
}

/** Picks the export filter whose result is closest to `wanted` rows. */
export async function exportFilter(
  actor: Actor,
  wanted: number,
): Promise<{ params: Record<string, string>; rows: number }> {
  const [{ prisma }, l] = await Promise.all([lib.db(), lib.list()]);
  const candidates: Record<string, string>[] = [{}];
  for (const sector of [
    "transport",
    "energy",
    "water",
    "industry",
    "agriculture",
    "social",
    "environment",
    "development",
  ])
    candidates.push({ sector });
  for (const oblast of ["AKT", "ATY", "ZKO", "MAN"])
    for (const horizon of ["2030", "2040", "2050"]) candidates.push({ oblast, horizon });
  let best = { params: {} as Record<string, string>, rows: -1 };
  for (const params of candidates) {
    const rows = await prisma.project.count({
      where: await l.projectListWhere(actor, l.parseProjectListQuery(params)),
    });
    if (best.rows < 0 || Math.abs(rows - wanted) < Math.abs(best.rows - wanted)) best = { params, rows };
  }
  return best;
}

/**
 * The reports page as a reader gets it: this quarter's report of the region, the whole streamed response (the
 * figures, tables and charts arrive after the header). At 100 000 projects its table of changes is paged on screen.
 */
export async function measureReportsPage(
  server: AppServer,
  sessions: Sessions,
  log: Log,
): Promise<NonNullable<PhaseResult["reportsPage"]>> {
  const url = `${server.base}/reports`;
  let html = "";
  const timesMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const begin = performance.now();
    html = await fetchOk(url, sessions.ministry.cookie, "report-table-changes");
    timesMs.push(Math.round(performance.now() - begin));
  }
  const htmlKb = Math.round(Buffer.byteLength(html) / 1024);
  log(`  /reports (this quarter, region): ${timesMs.join(", ")} ms, ${htmlKb} KB of HTML`);
  return { timesMs, htmlKb };
}

export async function measureExport(
  server: AppServer,
  sessions: Sessions,
  params: Record<string, string>,
  log: Log,
): Promise<ExportResult> {
  const path = `/projects/export?${new URLSearchParams({ format: "csv", ...params })}`;
  const url = `${server.base}${path}`;
  const download = async () => {
    const begin = performance.now();
    const body = await fetchOk(url, sessions.ministry.cookie);
    return {
      ms: performance.now() - begin,
      bytes: Buffer.byteLength(body),
      rows: body.split("\r\n").filter(Boolean).length - 1,
    };
  };
  const first = await download(); // warm-up: code paths loaded, pool connected
  await sleep(500);
  const rssBefore = treeRss(server.pid);
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, treeRss(server.pid));
  }, 100);
  const timesMs: number[] = [];
  try {
    for (let i = 0; i < 3; i++) timesMs.push(Math.round((await download()).ms));
  } finally {
    clearInterval(sampler);
  }
  await sleep(500);
  const rssAfter = treeRss(server.pid);
  const [{ projectExportRows }, l] = await Promise.all([lib.exportRows(), lib.list()]);
  const begin = performance.now();
  let count = 0;
  for await (const _row of projectExportRows(
    sessions.ministry.actor,
    l.parseProjectListQuery(params),
    (key) => key,
    "kk",
  ))
    count++;
  const dataFloorMs = Math.round(performance.now() - begin);
  if (count !== first.rows) log(`  warning: export has ${first.rows} rows, the query ${count}`);
  const result = {
    path,
    rows: first.rows,
    bytes: first.bytes,
    timesMs,
    dataFloorMs,
    rssBeforeMb: mb(rssBefore),
    rssPeakMb: mb(peak),
    rssAfterMb: mb(rssAfter),
  };
  log(
    `  CSV export of ${result.rows} projects (${mb(result.bytes)} MB): ${timesMs.join(" / ")} ms (data ${dataFloorMs} ms); server RSS ${result.rssBeforeMb} → peak ${result.rssPeakMb} → ${result.rssAfterMb} MB`,
  );
  return result;
}

/** JavaScript a browser downloads to show the page: every <script src> of its HTML, raw and gzip-compressed. */
export async function firstLoadJs(
  server: AppServer,
  pages: { key: string; path: string; cookie: string }[],
): Promise<Record<string, { files: number; rawKb: number; gzipKb: number }>> {
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const result: Record<string, { files: number; rawKb: number; gzipKb: number }> = {};
  for (const page of pages) {
    const html = await fetchOk(`${server.base}${page.path}`, page.cookie);
    const sources = [
      ...new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, "&"))),
    ];
    let raw = 0;
    let gzip = 0;
    for (const source of sources) {
      if (!sizes.has(source)) {
        const response = await fetch(new URL(source, server.base));
        const body = Buffer.from(await response.arrayBuffer());
        sizes.set(source, { raw: body.length, gzip: zlib.gzipSync(body).length });
      }
      raw += sizes.get(source)!.raw;
      gzip += sizes.get(source)!.gzip;
    }
    result[page.key] = {
      files: sources.length,
      rawKb: Math.round(raw / 102.4) / 10,
      gzipKb: Math.round(gzip / 102.4) / 10,
    };
  }
  return result;
}

export async function databaseFacts(): Promise<{
  projects: number;
  progressUpdates: number;
  users: number;
  databaseSizeMb: number;
  tableSizesMb: Record<string, number>;
}> {
  const { prisma } = await lib.db();
  const [row] = await prisma.$queryRawUnsafe<Record<string, bigint>[]>(`
    SELECT (SELECT count(*) FROM projects) AS projects, (SELECT count(*) FROM progress_updates) AS updates, (SELECT count(*) FROM users) AS users,
           pg_database_size(current_database()) AS db, pg_total_relation_size('projects') AS projects_size,
           pg_total_relation_size('progress_updates') AS updates_size, pg_total_relation_size('project_oblasts') AS links_size,
           pg_total_relation_size('audit_logs') AS audit_size`);
  return {
    projects: Number(row!.projects),
    progressUpdates: Number(row!.updates),
    users: Number(row!.users),
    databaseSizeMb: mb(Number(row!.db)),
    tableSizesMb: {
      projects: mb(Number(row!.projects_size)),
      progress_updates: mb(Number(row!.updates_size)),
      project_oblasts: mb(Number(row!.links_size)),
      audit_logs: mb(Number(row!.audit_size)),
    },
  };
}

/** A project with the longest history in the phase, and the page number standing for "page 50". */
export async function pickTargets(phase: "real" | "synthetic"): Promise<{ projectCode: string; page50: number }> {
  const { prisma } = await lib.db();
  const [row] = await prisma.$queryRawUnsafe<{ code: string }[]>(`
    SELECT p.code FROM projects p JOIN progress_updates u ON u.project_id = p.id
    WHERE p.source_point ${phase === "synthetic" ? "=" : "<>"} 'SYN'
    GROUP BY p.id, p.code ORDER BY count(*) DESC, p.id LIMIT 1`);
  if (!row) throw new Error("no project with a history");
  const total = await prisma.project.count({ where: { withdrawnAt: null } });
  return { projectCode: row.code, page50: Math.min(50, Math.ceil(total / 25)) };
}
