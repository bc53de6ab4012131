// `npm start`: prepares the database (starting the embedded PostgreSQL when DATABASE_URL is unset), builds the
// app if needed and serves it at http://localhost:3000. Ctrl-C stops the app and then PostgreSQL, cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./lib/database";
import { DATA_DIR, openAppDatabase } from "./lib/app-database";
import { prepareDatabase } from "./lib/prepare-database";
import { ensureAuthSecret } from "./lib/secret";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const port = process.env.PORT ?? "3000";

function run(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: "inherit" });
}

function waitFor(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

function buildIsCurrent(): boolean {
  const buildId = path.join(PROJECT_ROOT, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const full = path.join(dir, entry.name);
      if (entry.name === "generated" || entry.name === "node_modules") return latest;
      return Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }, 0);
  return ["app", "components", "lib", "messages"].every((dir) => newest(path.join(PROJECT_ROOT, dir)) < builtAt);
}

async function main() {
  const { databaseUrl, ownerUrl, server } = await openAppDatabase().catch((error: Error) => {
    // A problem the user can fix is one line; anything else keeps its stack for a bug report.
    console.error(error.name === "StartupProblem" ? error.message : error);
    process.exit(1);
  });
  let child: ChildProcess | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await waitFor(child);
    }
    await server?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    console.log(
      server
        ? `database: embedded PostgreSQL, data in ${path.relative(PROJECT_ROOT, DATA_DIR)}/postgres`
        : "database: DATABASE_URL",
    );
    await prepareDatabase(databaseUrl, { ownerUrl, demoUsers: process.env.NODE_ENV !== "production" });
    // The app server never sees the owner's URL: it works with the app role's rights only.
    const { MIGRATION_DATABASE_URL: _ownerUrl, ...inherited } = process.env;
    const env = {
      ...inherited,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: ensureAuthSecret(DATA_DIR),
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    };
    const next = path.join(PROJECT_ROOT, "node_modules", ".bin", "next");
    if (mode === "start" && !buildIsCurrent()) {
      console.log("building the app (first run or changed sources)…");
      const buildCode = await waitFor(run("npm", ["run", "build"], env));
      if (buildCode !== 0) return stop(buildCode);
    }
    console.log(`Batys Tracker: http://localhost:${port}`);
    child = run(next, [mode, "-p", port], env);
    const code = await waitFor(child);
    await stop(code);
  } catch (error) {
    console.error(error);
    await stop(1);
  }
}

void main();
