// The mixed phase (issue 16): dashboard reads while a background writer saves progress. For the region dashboard
// (ministry) and one oblast's dashboard (akimat officer), at 1 and 16 connections, while an in-process writer calls
// recordProgress at 0, 1, 5 and 20 saves per second; afterwards rollups:check must find no difference.
import { runLoad, type LoadResult } from "./load";
import type { AppServer } from "./server";
import type { PhaseResult, Sessions } from "./measure";
import type { Target } from "./report";

type Log = (line: string) => void;
type Actor = Sessions["ministry"]["actor"];

export const MIXED_RATES = [0, 1, 5, 20] as const;
export type MixedRun = {
  page: "dashboard" | "oblastDashboard";
  savesPerSecondWanted: number;
  connections: number;
  load: LoadResult;
  savesAchieved: number;
  saveErrors: number;
};
export type MixedResult = { runs: MixedRun[]; rollupDifferences: number; durationS: number };

/** Saves progress at `rate` per second on the pool's projects until stopped; returns saves made and errors. */
function backgroundWriter(actor: Actor, rate: number, pool: { code: string; version: number; percent: number }[]) {
  let stopped = false;
  let saves = 0;
  let errors = 0;
  const done = (async () => {
    if (rate === 0) return;
    const [{ recordProgress }, { todayInKazakhstan }] = await Promise.all([
      import("../../lib/progress/record-progress"),
      import("../../lib/progress/calendar"),
    ]);
    const started = performance.now();
    for (let turn = 0; !stopped; turn++) {
      const due = started + (turn * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (stopped) break;
      const slot = pool[turn % pool.length]!;
      const percent = slot.percent >= 99 ? 1 : slot.percent + 1;
      try {
        const result = await recordProgress(actor, {
          projectCode: slot.code,
          version: String(slot.version),
          status: "IN_PROGRESS",
          percentComplete: String(percent),
          asOf: todayInKazakhstan(),
          comment: "bench: mixed phase",
        });
        if (result.ok) {
          slot.version = result.version;
          slot.percent = percent;
          saves++;
        } else errors++;
      } catch {
        errors++;
      }
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await done;
      return { saves, errors };
    },
  };
}

export async function measureMixed(
  server: AppServer,
  sessions: Sessions,
  durationS: number,
  log: Log,
): Promise<MixedResult> {
  const started = performance.now();
  const { prisma } = await import("../../lib/db");
  const { checkRollups } = await import("../../lib/rollups/check-rollups");
  // Open projects of Atyrau (so the akimat officer's dashboard is written to as well as the region's).
  const pool = (
    await prisma.project.findMany({
      where: {
        withdrawnAt: null,
        status: { in: ["DESIGN", "IN_PROGRESS"] },
        // Room for every save of the phase to raise the percent (lowering it needs a comment: a refused save).
        percentComplete: { lt: 80 },
        oblasts: { some: { oblast: { code: "ATY" } } },
      },
      orderBy: { id: "desc" },
      take: 400,
      select: { code: true, version: true, percentComplete: true, lastProgressAsOf: true },
    })
  ).map((project) => ({ code: project.code, version: project.version, percent: project.percentComplete }));
  const pages = [
    { key: "dashboard" as const, path: "/", session: sessions.ministry },
    { key: "oblastDashboard" as const, path: "/oblasts/ATY", session: sessions.akimat },
  ];
  const runs: MixedRun[] = [];
  for (const page of pages) {
    for (const rate of MIXED_RATES) {
      for (const connections of [1, 16]) {
        const writer = backgroundWriter(sessions.ministry.actor, rate, pool);
        const load = await runLoad({
          url: `${server.base}${page.path}`,
          cookie: page.session.cookie,
          connections,
          durationS,
        });
        const { saves, errors } = await writer.stop();
        runs.push({
          page: page.key,
          savesPerSecondWanted: rate,
          connections,
          load,
          savesAchieved: saves,
          saveErrors: errors,
        });
        log(
          `  ${page.key} c=${connections} with ${rate} saves/s: p50 ${load.p50} p95 ${load.p95} p99 ${load.p99} ms, ${load.requestsPerSecond} req/s, ${load.errors} errors; ${saves} saves (${Math.round((saves / load.durationS) * 10) / 10}/s), ${errors} save errors`,
        );
      }
    }
  }
  const differences = await checkRollups();
  log(`  rollups:check after the mixed phase: ${differences.length} differences`);
  return { runs, rollupDifferences: differences.length, durationS: Math.round((performance.now() - started) / 1000) };
}

export function mixedTable(result: MixedResult): string {
  const header = ["page", "saves/s wanted", "conn", "p50", "p95", "p99", "req/s", "errors", "saves", "save errors"];
  const rows = result.runs.map((run) => [
    run.page,
    String(run.savesPerSecondWanted),
    String(run.connections),
    String(run.load.p50),
    String(run.load.p95),
    String(run.load.p99),
    String(run.load.requestsPerSecond),
    String(run.load.errors),
    String(run.savesAchieved),
    String(run.saveErrors),
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ")).join("\n");
}

/** Issue 16's targets, from the mixed runs, the 100k phase's progress measurement and the roll-up check. */
export function mixedTargets(large: PhaseResult, mixed: MixedResult): Target[] {
  const run = (page: MixedRun["page"], rate: number, connections: number) =>
    mixed.runs.find((r) => r.page === page && r.savesPerSecondWanted === rate && r.connections === connections)!;
  const trivial = large.pages.find((page) => page.key === "trivial")!;
  const progress16 = large.progress.runs.find((r) => r.connections === 16)!;
  const progressErrors = large.progress.runs.reduce((sum, r) => sum + r.errors, 0);
  const targets: Target[] = [];
  for (const page of ["dashboard", "oblastDashboard"] as const) {
    const quiet = run(page, 0, 1).load.p95 ?? Number.POSITIVE_INFINITY;
    const five = run(page, 5, 1).load.p95 ?? Number.POSITIVE_INFINITY;
    const twenty = run(page, 20, 1).load.p95 ?? Number.POSITIVE_INFINITY;
    targets.push({
      what: `${page} p95 c=1 with 5 saves/s`,
      target: "≤ 1.5 × no writes and ≤ 150 ms",
      actual: `${five} ms (no writes ${quiet} ms, ×${quiet ? Math.round((five / quiet) * 100) / 100 : "n/a"})`,
      pass: five <= 150 && five <= 1.5 * quiet,
    });
    targets.push({
      what: `${page} p95 c=1 with 20 saves/s`,
      target: "≤ 2 × no writes",
      actual: `${twenty} ms (×${quiet ? Math.round((twenty / quiet) * 100) / 100 : "n/a"})`,
      pass: twenty <= 2 * quiet,
    });
    const c16 = run(page, 0, 16).load.requestsPerSecond;
    targets.push({
      what: `${page} req/s at c=16`,
      target: "≥ 0.8 × trivial page's req/s",
      actual: `${c16} req/s (trivial ${trivial.c16.requestsPerSecond})`,
      pass: c16 >= 0.8 * trivial.c16.requestsPerSecond,
    });
  }
  targets.push({
    what: "progress saves, 16 concurrent writers",
    target: "≥ 500/s, 0 errors, 0 lost, roll-ups exact",
    actual: `${progress16.perSecond}/s, ${progressErrors} errors, ${large.progress.lostWrites} lost, ${mixed.rollupDifferences} roll-up differences`,
    pass:
      progress16.perSecond >= 500 &&
      progressErrors === 0 &&
      large.progress.lostWrites === 0 &&
      mixed.rollupDifferences === 0,
  });
  const mixedErrors = mixed.runs.reduce((sum, r) => sum + r.load.errors + r.saveErrors, 0);
  targets.push({
    what: "mixed phase errors (reads and saves)",
    target: "0",
    actual: String(mixedErrors),
    pass: mixedErrors === 0,
  });
  return targets;
}
