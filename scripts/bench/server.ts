// The production app under test: built into its own folder (.next-bench, so it never disturbs anyone's .next),
// started with `next start` on the bench port, signed into over HTTP like a browser would.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { PROJECT_ROOT } from "../lib/project-root";

export const BENCH_DIST_DIR = ".next-bench";
const NEXT_BIN = path.join(PROJECT_ROOT, "node_modules", ".bin", "next");

/** Runs `next build` into .next-bench; the build log goes to `logFile`, progress lines to the console. */
export async function buildApp(logFile: string, log: (line: string) => void): Promise<void> {
  const out = fs.createWriteStream(logFile);
  const child = spawn(NEXT_BIN, ["build"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const started = Date.now();
  const onData = (chunk: Buffer) => {
    out.write(chunk);
    for (const line of chunk.toString().split("\n")) {
      const text = line.trim();
      if (
        /Creating an optimized|Compiled|Finished TypeScript|Collecting|Generating static|Finalizing|Failed|Error/i.test(
          text,
        )
      )
        log(`  build: ${text}`);
    }
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const code = await new Promise<number>((resolve) =>
    child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))),
  );
  out.end();
  if (code !== 0) throw new Error(`next build failed (exit ${code}); log: ${logFile}\n${tail(logFile, 40)}`);
  log(`  build finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export type AppServer = { base: string; pid: number; logFile: string; stop: () => Promise<void> };

/** Starts `next start` in its own process group (so stopping it stops every process it spawned). */
export async function startApp(options: {
  port: number;
  databaseUrl: string;
  secret: string;
  logFile: string;
}): Promise<AppServer> {
  if (!(await portIsFree(options.port)))
    throw new Error(`port ${options.port} is in use: the bench needs it for its own server`);
  const base = `http://127.0.0.1:${options.port}`;
  const out = fs.openSync(options.logFile, "a");
  const child: ChildProcess = spawn(NEXT_BIN, ["start", "-p", String(options.port), "-H", "127.0.0.1"], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: BENCH_DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: options.databaseUrl,
      NEXTAUTH_SECRET: options.secret,
      NEXTAUTH_URL: base,
      // Every load run comes from one address: the public view's throttle still counts each request (its cost is
      // measured) but never refuses one.
      PUBLIC_REQUESTS_PER_MINUTE: "1000000000",
      // The server under load answers requests only; the notification worker runs elsewhere (BATYS_WORKER=off, as in
      // a deployment with a worker instance). Otherwise its first pass over 100k never-updated projects (one "no
      // update for 90 days" event each) would run through every measurement on the same two cores.
      BATYS_WORKER: "off",
    },
    stdio: ["ignore", out, out],
    detached: true,
  });
  fs.closeSync(out);
  const pid = child.pid!;
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) =>
    child.on("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, 5000);
    await exitedPromise;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`next start exited early; log: ${options.logFile}\n${tail(options.logFile, 30)}`);
    try {
      const response = await fetch(`${base}/sign-in`, { redirect: "manual" });
      if (response.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within 90 s; log: ${options.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { base, pid, logFile: options.logFile, stop };
}

/** Resident memory (bytes) of a process and all its descendants. */
export function treeRss(rootPid: number): number {
  const table = execFileSync("ps", ["-eo", "pid=,ppid=,rss="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const rss = new Map(table.map(([pid, , kb]) => [pid, kb]));
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += (rss.get(pid) ?? 0) * 1024;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function collectCookies(response: Response, jar: Map<string, string>): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const index = pair!.indexOf("=");
    jar.set(pair!.slice(0, index).trim(), pair!.slice(index + 1).trim());
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/**
 * Signs in through next-auth's credentials endpoint exactly as the sign-in form does (CSRF token from
 * /api/auth/csrf, then POST /api/auth/callback/credentials) and returns the Cookie header of the session.
 */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  collectCookies(csrfResponse, jar);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/`, json: "true" }),
  });
  collectCookies(response, jar);
  if (![...jar.keys()].some((name) => name.endsWith("next-auth.session-token"))) {
    throw new Error(`sign-in as ${email} failed (HTTP ${response.status}): no session cookie`);
  }
  const cookie = cookieHeader(jar);
  const check = await fetch(`${base}/account/password`, { headers: { cookie }, redirect: "manual" });
  if (check.status !== 200) throw new Error(`signed in as ${email} but a signed-in page answered HTTP ${check.status}`);
  await check.arrayBuffer();
  return cookie;
}
