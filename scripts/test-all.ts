// `npm test`: every test — unit, integration against real PostgreSQL, e2e in Chromium against the production
// build. With no DATABASE_URL it starts its own embedded PostgreSQL in a temporary folder; either way each run
// creates its own databases and drops them at the end, so tests never touch anyone's data.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT, dropDatabase, type DatabaseServer } from "./lib/database";
import { dropRoles, provisionDatabase, type DatabaseRoles } from "./lib/database-roles";
import { prepareDatabase } from "./lib/prepare-database";

type Outcome = { name: string; passed: number; failed: number; skipped: number; exitCode: number };
// Separate folders let several runs (different NEXT_DIST_DIR and E2E_PORT) go side by side.
// Relative to the project, or absolute (path.resolve keeps an absolute path as it is).
const REPORT_DIR = path.resolve(PROJECT_ROOT, process.env.TEST_REPORT_DIR ?? "test-results");
const E2E_PORT = process.env.E2E_PORT ?? "3100";

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readVitestCounts(file: string): Omit<Outcome, "name" | "exitCode"> {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function readPlaywrightCounts(file: string): Omit<Outcome, "name" | "exitCode"> {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  };
}

async function openServer(): Promise<DatabaseServer> {
  if (process.env.DATABASE_URL) return { serverUrl: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "batys-test-pg-"));
  // When run as root, PostgreSQL runs as a separate user that must be able to reach its data folder.
  fs.chmodSync(dataDir, 0o755);
  const { startEmbeddedPostgres } = await import("./lib/embedded-postgres");
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), port: 55432, persistent: false });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<number> {
  // e.g. `npm test -- unit integration`; any other argument filters test files (`npm test -- integration auth`).
  const SUITES = ["lint", "unit", "integration", "e2e"];
  const only = process.argv.slice(2).filter((arg) => SUITES.includes(arg));
  const filters = process.argv.slice(2).filter((arg) => !SUITES.includes(arg));
  const wants = (suite: string) => only.length === 0 || only.includes(suite);
  fs.rmSync(REPORT_DIR, { recursive: true, force: true });
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  const runId = `batys_test_${Date.now()}_${crypto.randomBytes(3).toString("hex")}`;
  const integrationDb = `${runId}_it`;
  const e2eDb = `${runId}_e2e`;
  // Roles are cluster-wide: each run has its own pair (owner, app), so runs sharing a server never meet, and
  // drops them at the end. The server's own role (DATABASE_URL's, or the embedded superuser) only creates them.
  const roles: DatabaseRoles = {
    owner: { name: `${runId}_owner`, password: crypto.randomBytes(18).toString("base64url") },
    app: { name: `${runId}_app`, password: crypto.randomBytes(18).toString("base64url") },
  };
  const server = await openServer();
  const outcomes: Outcome[] = [];
  const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TEST_SERVER_URL: server.serverUrl };
  const vitest = path.join(PROJECT_ROOT, "node_modules", ".bin", "vitest");
  try {
    // The formatter and linter first (Biome): a style slip fails the run before the slow suites start.
    if (wants("lint") && filters.length === 0) {
      const exitCode = await run(path.join(PROJECT_ROOT, "node_modules", ".bin", "biome"), ["check", "."], baseEnv);
      outcomes.push({
        name: "lint",
        exitCode,
        passed: exitCode === 0 ? 1 : 0,
        failed: exitCode === 0 ? 0 : 1,
        skipped: 0,
      });
    }
    if (wants("unit")) {
      const file = path.join(REPORT_DIR, "unit.json");
      const exitCode = await run(
        vitest,
        ["run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`, ...filters],
        baseEnv,
      );
      outcomes.push({ name: "unit", exitCode, ...readVitestCounts(file) });
    }
    if (wants("integration")) {
      const { appUrl: databaseUrl, ownerUrl } = await provisionDatabase(server.serverUrl, integrationDb, roles);
      const file = path.join(REPORT_DIR, "integration.json");
      const exitCode = await run(
        vitest,
        [
          "run",
          "--project",
          "integration",
          "--reporter=default",
          "--reporter=json",
          `--outputFile.json=${file}`,
          ...filters,
        ],
        {
          ...baseEnv,
          DATABASE_URL: databaseUrl,
          TEST_DATABASE_URL: databaseUrl,
          TEST_OWNER_DATABASE_URL: ownerUrl,
        },
      );
      outcomes.push({ name: "integration", exitCode, ...readVitestCounts(file) });
    }
    if (wants("e2e")) {
      const { appUrl: databaseUrl, ownerUrl } = await provisionDatabase(server.serverUrl, e2eDb, roles);
      await prepareDatabase(databaseUrl, { ownerUrl, demoUsers: true, quiet: true });
      const env = {
        ...baseEnv,
        DATABASE_URL: databaseUrl,
        TEST_DATABASE_URL: databaseUrl,
        TEST_OWNER_DATABASE_URL: ownerUrl,
        NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
        NEXTAUTH_URL: `http://localhost:${E2E_PORT}`,
        E2E_PORT,
        // Without SMTP_URL the app writes its mails here instead of into the developer's .data/mail.
        MAIL_DIR: path.join(REPORT_DIR, "e2e-mail"),
        NOTIFICATION_POLL_MS: "500",
        PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(REPORT_DIR, "e2e.json"),
      };
      // E2E_SKIP_BUILD=1 reuses the last build (a developer re-running a few specs); CI always builds.
      const buildCode = process.env.E2E_SKIP_BUILD === "1" ? 0 : await run("npm", ["run", "build"], env);
      if (buildCode !== 0) outcomes.push({ name: "e2e build", exitCode: buildCode, passed: 0, failed: 1, skipped: 0 });
      else {
        const exitCode = await run(
          path.join(PROJECT_ROOT, "node_modules", ".bin", "playwright"),
          ["test", ...filters],
          env,
        );
        outcomes.push({ name: "e2e", exitCode, ...readPlaywrightCounts(path.join(REPORT_DIR, "e2e.json")) });
      }
    }
  } finally {
    for (const database of [integrationDb, e2eDb]) await dropDatabase(server.serverUrl, database).catch(() => {});
    await dropRoles(server.serverUrl, roles).catch((error) => console.warn(`roles not dropped: ${error.message}`));
    await server.stop();
  }

  console.log("\nsummary by suite:");
  for (const outcome of outcomes)
    console.log(
      `  ${outcome.name.padEnd(12)} ${outcome.passed} passed, ${outcome.failed} failed, ${outcome.skipped} skipped${outcome.exitCode ? ` (exit ${outcome.exitCode})` : ""}`,
    );
  const total = outcomes.reduce(
    (sum, outcome) => ({
      passed: sum.passed + outcome.passed,
      failed: sum.failed + outcome.failed,
      skipped: sum.skipped + outcome.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return outcomes.every((outcome) => outcome.exitCode === 0) && total.failed === 0 && total.passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error?.name === "StartupProblem" ? error.message : error);
    process.exit(1);
  },
);
