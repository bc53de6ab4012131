// The bench's Lighthouse phase (issue 22): Core Web Vitals and the accessibility score of the pages people open
// most, signed in as a manager, in Lighthouse 12's mobile profile (Moto G Power, simulated 4× CPU and slow 4G) and
// its desktop profile. Lighthouse and chrome-launcher come from the npm registry; the browser is the installed
// Chromium (CHROMIUM_PATH, default /usr/bin/chromium); every request goes to the app under test only.
// Each report is kept as JSON in bench/lighthouse/ (git-ignored) for the details behind a number.
import fs from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Flags, type Result } from "lighthouse";
import { PROJECT_ROOT } from "../lib/project-root";

export const LIGHTHOUSE_DIR = path.join(PROJECT_ROOT, "bench", "lighthouse");
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export type LighthouseProfile = "mobile" | "desktop";
export type LighthousePage = { key: string; label: string; path: string };

/** The measured pages; pages added later (timeline, public pages) join this list. */
export const LIGHTHOUSE_PAGES: LighthousePage[] = [
  { key: "dashboard", label: "dashboard /", path: "/" },
  { key: "oblastDashboard", label: "oblast dashboard", path: "/oblasts/ATY" },
  {
    key: "filteredList",
    label: "filtered list",
    path: `/projects?${new URLSearchParams({ sector: "transport", horizon: "2030", q: "жол" })}`,
  },
  { key: "project", label: "project page", path: "/projects/ROAD-2030-001" },
  { key: "reports", label: "reports", path: "/reports" },
  // Added after the first measurement: the Gantt of issue 20 (server-drawn, 50 rows a page).
  { key: "timeline", label: "timeline", path: "/timeline" },
  // The public view (issue 21): anonymous pages (the session cookie Lighthouse sends is not read under /public).
  { key: "publicRegion", label: "public region", path: "/public" },
  { key: "publicList", label: "public list", path: "/public/projects" },
  { key: "publicProject", label: "public project", path: "/public/projects/ROAD-2030-001" },
];

/** Pages and profiles chosen by BENCH_LIGHTHOUSE_PAGES / BENCH_LIGHTHOUSE_PROFILES (comma-separated), else all. */
export function chosenPages(list = process.env.BENCH_LIGHTHOUSE_PAGES): LighthousePage[] {
  const keys = (list ?? "").split(",").filter(Boolean);
  if (!keys.length) return LIGHTHOUSE_PAGES;
  const unknown = keys.filter((key) => !LIGHTHOUSE_PAGES.some((page) => page.key === key));
  if (unknown.length)
    throw new Error(`unknown page(s) ${unknown.join(", ")}; known: ${LIGHTHOUSE_PAGES.map((p) => p.key).join(", ")}`);
  return LIGHTHOUSE_PAGES.filter((page) => keys.includes(page.key));
}
export function chosenProfiles(list = process.env.BENCH_LIGHTHOUSE_PROFILES): LighthouseProfile[] {
  const profiles = (list ?? "")
    .split(",")
    .filter((value): value is LighthouseProfile => ["mobile", "desktop"].includes(value));
  return profiles.length ? profiles : ["mobile", "desktop"];
}

export type LighthouseResult = {
  phase: string;
  page: string;
  label: string;
  path: string;
  profile: LighthouseProfile;
  performance: number | null;
  accessibility: number | null;
  lcpMs: number | null;
  cls: number | null;
  tbtMs: number | null;
  fcpMs: number | null;
  /** Lighthouse's measure of this machine's CPU speed at the time (≈ 1000+ on a desktop, lower when loaded). */
  benchmarkIndex: number | null;
  /** The CPU slowdown the run emulated (mobile: 4 in Lighthouse's profile, or calibrated to this machine). */
  cpuSlowdown: number;
  report: string | null;
  /** How many runs this row stands for (each metric is the median over them); 1 for a single run. */
  runs?: number;
  error?: string;
};

export const LIGHTHOUSE_TARGETS = {
  clsMax: 0.1,
  lcpMobileMs: 2500,
  tbtMobileMs: 200,
  performanceDesktop: 90,
  performanceMobile: 75,
  accessibility: 100,
} as const;

/**
 * The CPU slowdown that makes this machine behave like Lighthouse's reference phone, after Lighthouse's CPU
 * throttling calculator (its 4× assumes a host with benchmarkIndex ≈ 1 533; 1 300 → 3×, 800 → 2×, 150 → 1×).
 */
export function calibratedSlowdown(benchmarkIndex: number): number {
  const multiplier =
    benchmarkIndex >= 1300
      ? 3 + (benchmarkIndex - 1300) / 233
      : benchmarkIndex >= 800
        ? 2 + (benchmarkIndex - 800) / 500
        : 1 + Math.max(0, benchmarkIndex - 150) / 650;
  return Math.round(multiplier * 10) / 10;
}

const score = (lhr: Result, category: string) => {
  const value = lhr.categories[category]?.score;
  return typeof value === "number" ? Math.round(value * 100) : null;
};
const numeric = (lhr: Result, audit: string) => {
  const value = lhr.audits[audit]?.numericValue;
  return typeof value === "number" ? value : null;
};

/**
 * Runs Lighthouse on every page in both profiles against `base`, sending `cookie` with every request
 * (extraHeaders), and writes each JSON report to bench/lighthouse/<phase>-<page>-<profile>.json. A page whose run
 * fails is reported with its error; the others still run.
 */
export async function runLighthouse(options: {
  base: string;
  cookie: string;
  phase: string;
  log: (line: string) => void;
  pages?: LighthousePage[];
  profiles?: LighthouseProfile[];
  /**
   * "standard": Lighthouse's profiles as they are (mobile: 4× CPU slowdown). "calibrated": the mobile CPU slowdown
   * follows this machine's speed, measured by the run before (a loaded or slow host otherwise emulates a phone
   * several times slower than Lighthouse's reference one). Default: BENCH_LIGHTHOUSE_CPU or "standard".
   */
  cpu?: "standard" | "calibrated";
  /**
   * Runs per page and profile (default BENCH_LIGHTHOUSE_RUNS or 1). With more than one, rounds go over every page
   * in turn (so a burst of load on the shared machine hits one round, not one page) and each report is kept as
   * <phase>-<page>-<profile>-run<n>.json; `medianResults` folds them.
   */
  runs?: number;
}): Promise<LighthouseResult[]> {
  const runs = Math.max(1, options.runs ?? Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 1));
  const cpu = options.cpu ?? (process.env.BENCH_LIGHTHOUSE_CPU === "calibrated" ? "calibrated" : "standard");
  const pages = options.pages ?? LIGHTHOUSE_PAGES;
  const profiles = options.profiles ?? ["mobile", "desktop"];
  fs.mkdirSync(LIGHTHOUSE_DIR, { recursive: true });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    logLevel: "silent",
  });
  const results: LighthouseResult[] = [];
  const phaseSlug = options.phase.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  let lastBenchmarkIndex: number | null = null;
  try {
    // A warm-up load, not measured: the first request to each route of a fresh `next start` compiles nothing but
    // does fill Node's and PostgreSQL's caches, which a user arriving later would find filled.
    for (const page of pages) {
      await fetch(`${options.base}${page.path}`, { headers: { cookie: options.cookie } }).then((r) => r.arrayBuffer());
    }
    if (cpu === "calibrated") {
      // One unmeasured desktop run tells the machine's speed before the first mobile run.
      const probe = await lighthouse(
        `${options.base}${pages[0]!.path}`,
        {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance"],
          extraHeaders: { Cookie: options.cookie },
        },
        desktopConfig,
      );
      lastBenchmarkIndex = probe?.lhr.environment.benchmarkIndex ?? null;
      options.log(
        `  lighthouse: this machine's benchmarkIndex ${lastBenchmarkIndex}; mobile CPU slowdown calibrated to it`,
      );
    }
    for (let round = 1; round <= runs; round++) {
      for (const profile of profiles) {
        for (const page of pages) {
          const started = Date.now();
          const cpuSlowdown =
            profile === "desktop"
              ? 1
              : cpu === "calibrated" && lastBenchmarkIndex
                ? calibratedSlowdown(lastBenchmarkIndex)
                : 4;
          const flags: Flags = {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance", "accessibility"],
            extraHeaders: { Cookie: options.cookie },
            ...(cpu === "calibrated" && profile === "mobile"
              ? {
                  throttling: {
                    rttMs: 150,
                    throughputKbps: 1.6 * 1024,
                    requestLatencyMs: 150 * 3.75,
                    downloadThroughputKbps: 1.6 * 1024 * 0.9,
                    uploadThroughputKbps: 750 * 0.9,
                    cpuSlowdownMultiplier: cpuSlowdown,
                  },
                }
              : {}),
          };
          const base = {
            phase: options.phase,
            page: page.key,
            label: page.label,
            path: page.path,
            profile,
            cpuSlowdown,
          };
          try {
            const runner = await lighthouse(
              `${options.base}${page.path}`,
              flags,
              profile === "desktop" ? desktopConfig : undefined,
            );
            if (!runner) throw new Error("Lighthouse returned no result");
            const { lhr } = runner;
            if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
            if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(`${options.base}${page.path}`).pathname)
              throw new Error(`landed on ${lhr.finalDisplayedUrl} (not signed in?)`);
            const suffix = runs > 1 ? `-run${round}` : "";
            const file = path.join(LIGHTHOUSE_DIR, `${phaseSlug}-${page.key}-${profile}${suffix}.json`);
            fs.writeFileSync(file, typeof runner.report === "string" ? runner.report : JSON.stringify(lhr));
            const result: LighthouseResult = {
              ...base,
              performance: score(lhr, "performance"),
              accessibility: score(lhr, "accessibility"),
              lcpMs: numeric(lhr, "largest-contentful-paint"),
              cls: numeric(lhr, "cumulative-layout-shift"),
              tbtMs: numeric(lhr, "total-blocking-time"),
              fcpMs: numeric(lhr, "first-contentful-paint"),
              benchmarkIndex: lhr.environment.benchmarkIndex ?? null,
              report: path.relative(PROJECT_ROOT, file),
            };
            lastBenchmarkIndex = result.benchmarkIndex ?? lastBenchmarkIndex;
            results.push(result);
            options.log(
              `  lighthouse${runs > 1 ? ` ${round}/${runs}` : ""} ${profile} ${page.label}: performance ${result.performance}, accessibility ${result.accessibility}, LCP ${fmtMs(result.lcpMs)}, CLS ${fmtCls(result.cls)}, TBT ${fmtTbt(result.tbtMs)} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
            );
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            options.log(`  lighthouse ${profile} ${page.label}: FAILED — ${message}`);
            results.push({
              ...base,
              performance: null,
              accessibility: null,
              lcpMs: null,
              cls: null,
              tbtMs: null,
              fcpMs: null,
              benchmarkIndex: null,
              report: null,
              error: message,
            });
          }
        }
      }
    }
  } finally {
    chrome.kill();
  }
  return results;
}

const median = (values: (number | null)[]): number | null => {
  const sorted = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * One row per phase, page and profile: each metric the median of that page's successful runs (a failed run is
 * left out and named; a page with no successful run keeps its error). benchmarkIndex is the median too.
 */
export function medianResults(results: LighthouseResult[]): LighthouseResult[] {
  const groups = new Map<string, LighthouseResult[]>();
  for (const result of results) {
    const key = `${result.phase}|${result.page}|${result.profile}`;
    groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  return [...groups.values()].map((group) => {
    const ok = group.filter((result) => !result.error);
    const first = group[0]!;
    if (!ok.length || group.length === 1) return { ...first, runs: ok.length };
    const pick = (field: "performance" | "accessibility" | "lcpMs" | "cls" | "tbtMs" | "fcpMs" | "benchmarkIndex") =>
      median(ok.map((result) => result[field]));
    return {
      ...ok[0]!,
      performance: pick("performance"),
      accessibility: pick("accessibility"),
      lcpMs: pick("lcpMs"),
      cls: pick("cls"),
      tbtMs: pick("tbtMs"),
      fcpMs: pick("fcpMs"),
      benchmarkIndex: pick("benchmarkIndex"),
      cpuSlowdown: median(ok.map((result) => result.cpuSlowdown)) ?? first.cpuSlowdown,
      report: ok.map((result) => result.report).join(", "),
      runs: ok.length,
    };
  });
}

const fmtMs = (value: number | null) => (value === null ? "—" : `${(value / 1000).toFixed(2)} s`);
const fmtTbt = (value: number | null) => (value === null ? "—" : `${Math.round(value)} ms`);
const fmtCls = (value: number | null) => (value === null ? "—" : value.toFixed(3));

/** Which of the issue's targets one result misses (empty: all met). */
export function lighthouseMisses(result: LighthouseResult): string[] {
  if (result.error) return [`no result: ${result.error}`];
  const t = LIGHTHOUSE_TARGETS;
  const misses: string[] = [];
  if (result.cls === null || result.cls > t.clsMax) misses.push(`CLS ${fmtCls(result.cls)} > ${t.clsMax}`);
  if (result.accessibility === null || result.accessibility < t.accessibility)
    misses.push(`accessibility ${result.accessibility} < ${t.accessibility}`);
  if (result.profile === "mobile") {
    if (result.lcpMs === null || result.lcpMs > t.lcpMobileMs)
      misses.push(`LCP ${fmtMs(result.lcpMs)} > ${t.lcpMobileMs / 1000} s`);
    if (result.tbtMs === null || result.tbtMs > t.tbtMobileMs)
      misses.push(`TBT ${fmtTbt(result.tbtMs)} > ${t.tbtMobileMs} ms`);
    if (result.performance === null || result.performance < t.performanceMobile)
      misses.push(`performance ${result.performance} < ${t.performanceMobile}`);
  } else if (result.performance === null || result.performance < t.performanceDesktop) {
    misses.push(`performance ${result.performance} < ${t.performanceDesktop}`);
  }
  return misses;
}

/** The Markdown table the bench prints: one row per page, phase and profile, PASS or FAIL with what missed. */
export function lighthouseTable(results: LighthouseResult[]): string {
  const header =
    "| data | page | profile | performance | accessibility | LCP | CLS | TBT | result |\n|---|---|---|---|---|---|---|---|---|";
  const rows = results.map((result) => {
    const misses = lighthouseMisses(result);
    const profile =
      result.profile === "mobile" && result.cpuSlowdown !== 4 ? `mobile (CPU ${result.cpuSlowdown}×)` : result.profile;
    const runs = result.runs && result.runs > 1 ? ` (median of ${result.runs})` : "";
    return `| ${result.phase} | ${result.label}${runs} | ${profile} | ${result.performance ?? "—"} | ${result.accessibility ?? "—"} | ${fmtMs(result.lcpMs)} | ${fmtCls(result.cls)} | ${fmtTbt(result.tbtMs)} | ${misses.length === 0 ? "PASS" : `FAIL: ${misses.join("; ")}`} |`;
  });
  const passed = results.filter((result) => lighthouseMisses(result).length === 0).length;
  const indexes = results.map((result) => result.benchmarkIndex).filter((value): value is number => value !== null);
  const machine = indexes.length
    ? ` Lighthouse benchmarkIndex ${Math.min(...indexes)}–${Math.max(...indexes)} (CPU speed under the run's load).`
    : "";
  return `${header}\n${rows.join("\n")}\n\n${passed} of ${results.length} rows meet every target.${machine}`;
}
