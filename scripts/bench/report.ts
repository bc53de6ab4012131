// The bench's verdict: issue 9's targets checked against the 100k phase (growth against the real catalog), the
// table printed to the console, and everything written to bench/results.json.
import type { PageKey, PageResult, PhaseResult } from "./measure";

export type Target = { what: string; target: string; actual: string; pass: boolean | null };
export type FirstLoadJs = Record<string, { files: number; rawKb: number; gzipKb: number }>;

const page = (phase: PhaseResult, key: PageKey): PageResult => phase.pages.find((candidate) => candidate.key === key)!;
const ratio = (a: number | null, b: number | null) =>
  a === null || b === null || b === 0 ? null : Math.round((a / b) * 100) / 100;
const ms = (value: number | null) => (value === null ? "n/a" : `${value} ms`);
const le = (value: number | null, limit: number) => (value === null ? false : value <= limit);

/** Issue 9's targets. `real` is the real catalog's phase, `large` the 100k one. */
export function evaluateTargets(real: PhaseResult, large: PhaseResult, js: FirstLoadJs): Target[] {
  const dashboard = page(large, "dashboard");
  const trivial = page(large, "trivial");
  const listFiltered = page(large, "listFiltered");
  const listPage50 = page(large, "listPage50");
  const project = page(large, "projectPage");
  const progress16 = large.progress.runs.find((run) => run.connections === 16)!;
  const progressErrors = large.progress.runs.reduce((sum, run) => sum + run.errors, 0);
  const exportMax = Math.max(...large.csvExport.timesMs);
  const exportGrowth = Math.round((large.csvExport.rssPeakMb - large.csvExport.rssBeforeMb) * 10) / 10;
  const jsMax = Math.max(...Object.values(js).map((entry) => entry.gzipKb));
  const jsWorst = Object.entries(js).find(([, entry]) => entry.gzipKb === jsMax)?.[0] ?? "";
  const dashboardOverTrivial = ratio(dashboard.c1.p95, trivial.c1.p95);
  const growth = (key: PageKey) => ratio(page(large, key).c1.p95, page(real, key).c1.p95);
  return [
    {
      what: "dashboard p95, 1 connection",
      target: "≤ 150 ms",
      actual: ms(dashboard.c1.p95),
      pass: le(dashboard.c1.p95, 150),
    },
    {
      what: "dashboard throughput, 16 connections",
      target: "≥ 100 req/s",
      actual: `${dashboard.c16.requestsPerSecond} req/s`,
      pass: dashboard.c16.requestsPerSecond >= 100 && dashboard.c16.errors === 0,
    },
    {
      what: "list with 2 filters + search p95, 1 connection",
      target: "≤ 100 ms",
      actual: ms(listFiltered.c1.p95),
      pass: le(listFiltered.c1.p95, 100),
    },
    {
      what: "list page 50 p95, 1 connection",
      target: "≤ 100 ms",
      actual: ms(listPage50.c1.p95),
      pass: le(listPage50.c1.p95, 100),
    },
    {
      what: "project page with history p95, 1 connection",
      target: "≤ 80 ms",
      actual: ms(project.c1.p95),
      pass: le(project.c1.p95, 80),
    },
    {
      what: "progress updates, 16 concurrent",
      target: "≥ 200/s, 0 errors, 0 lost writes",
      actual: `${progress16.perSecond}/s, ${progressErrors} errors, ${large.progress.lostWrites} lost, ${large.progress.duplicatedWrites} duplicated`,
      pass:
        progress16.perSecond >= 200 &&
        progressErrors === 0 &&
        large.progress.lostWrites === 0 &&
        large.progress.duplicatedWrites === 0,
    },
    {
      what: `CSV export of ${large.csvExport.rows} projects`,
      target: "≤ 2 s, memory flat (≤ 50 MB RSS growth)",
      actual: `${exportMax} ms worst of 3; RSS +${exportGrowth} MB at peak`,
      pass: exportMax <= 2000 && exportGrowth <= 50,
    },
    {
      what: "first-load JavaScript, largest page (gzip)",
      target: "≤ 250 KB",
      actual: `${jsMax} KB (${jsWorst})`,
      pass: jsMax <= 250,
    },
    {
      what: "dashboard p95 ÷ trivial signed-in page p95",
      target: "≤ 3×",
      actual: dashboardOverTrivial === null ? "n/a" : `${dashboardOverTrivial}×`,
      pass: dashboardOverTrivial !== null && dashboardOverTrivial <= 3,
    },
    {
      what: "growth: dashboard p95 at 100k ÷ real catalog",
      target: "≤ 2×",
      actual: `${growth("dashboard")}×`,
      pass: (growth("dashboard") ?? Infinity) <= 2,
    },
    {
      what: "growth: filtered list p95 at 100k ÷ real catalog",
      target: "≤ 2×",
      actual: `${growth("listFiltered")}×`,
      pass: (growth("listFiltered") ?? Infinity) <= 2,
    },
    {
      what: "growth: list page 50 p95 at 100k ÷ real catalog",
      target: "≤ 2×",
      actual: `${growth("listPage50")}×`,
      pass: (growth("listPage50") ?? Infinity) <= 2,
    },
  ];
}

const TARGETS: Partial<
  Record<PageKey, { c1?: [string, (p: PageResult) => boolean]; c16?: [string, (p: PageResult) => boolean] }>
> = {
  dashboard: {
    c1: ["p95 ≤ 150 ms", (p) => le(p.c1.p95, 150)],
    c16: ["≥ 100 req/s", (p) => p.c16.requestsPerSecond >= 100],
  },
  listFiltered: { c1: ["p95 ≤ 100 ms", (p) => le(p.c1.p95, 100)] },
  listPage50: { c1: ["p95 ≤ 100 ms", (p) => le(p.c1.p95, 100)] },
  projectPage: { c1: ["p95 ≤ 80 ms", (p) => le(p.c1.p95, 80)] },
  // The public view is read by anyone: at least the signed-in dashboard's throughput.
  publicRegion: { c16: ["≥ 100 req/s", (p) => p.c16.requestsPerSecond >= 100] },
  publicList: { c16: ["≥ 100 req/s", (p) => p.c16.requestsPerSecond >= 100] },
  publicProject: { c16: ["≥ 100 req/s", (p) => p.c16.requestsPerSecond >= 100] },
  // Issue 20: the timeline stays fast at 100k projects (a page of 50 rows); the same budget as a list page.
  timeline: { c1: ["p95 ≤ 100 ms", (p) => le(p.c1.p95, 100)] },
  timelineByOblast: { c1: ["p95 ≤ 150 ms", (p) => le(p.c1.p95, 150)] },
};

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
        .join("  "),
    )
    .join("\n");
}

/** The console table of one phase; targets are judged only on the 100k phase. */
export function phaseTable(phase: PhaseResult, judged: boolean): string {
  const trivial = page(phase, "trivial");
  const rows: string[][] = [
    ["page", "conc", "p50", "p95", "p99", "req/s", "errors", "data floor p95", "trivial p95", "target", "result"],
  ];
  const num = (value: number | null) => (value === null ? "n/a" : String(value));
  for (const result of phase.pages) {
    for (const level of ["c1", "c16"] as const) {
      const load = result[level];
      const target = TARGETS[result.key]?.[level];
      rows.push([
        level === "c1" ? result.label : "",
        level === "c1" ? "1" : "16",
        num(load.p50),
        num(load.p95),
        num(load.p99),
        String(load.requestsPerSecond),
        String(load.errors),
        num(result.dataFloor?.p95 ?? null),
        num(trivial[level].p95),
        target ? target[0] : "",
        target ? (judged ? (target[1](result) ? "PASS" : "FAIL") : "baseline") : "",
      ]);
    }
  }
  for (const run of phase.progress.runs) {
    rows.push([
      run.connections === 1 ? "progress update (in-process service)" : "",
      String(run.connections),
      num(run.latency.p50),
      num(run.latency.p95),
      num(run.latency.p99),
      String(run.perSecond),
      String(run.errors),
      "",
      "",
      run.connections === 16 ? "≥ 200/s, 0 lost" : "",
      run.connections === 16
        ? judged
          ? run.perSecond >= 200 && phase.progress.lostWrites === 0 && run.errors === 0
            ? "PASS"
            : "FAIL"
          : "baseline"
        : "",
    ]);
  }
  const exp = phase.csvExport;
  rows.push([
    `CSV export, ${exp.rows} rows`,
    "1",
    "",
    String(Math.max(...exp.timesMs)),
    "",
    "",
    "0",
    String(exp.dataFloorMs),
    "",
    "≤ 2 s, flat",
    judged ? (Math.max(...exp.timesMs) <= 2000 && exp.rssPeakMb - exp.rssBeforeMb <= 50 ? "PASS" : "FAIL") : "baseline",
  ]);
  return table(rows);
}

export function targetsTable(targets: Target[]): string {
  return table([
    ["target (100k projects / 1M updates)", "wanted", "measured", "result"],
    ...targets.map((t) => [t.what, t.target, t.actual, t.pass === null ? "" : t.pass ? "PASS" : "FAIL"]),
  ]);
}
