import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { firstUnreachableFolder, postgresReachProblem } from "../../scripts/lib/postgres-reach";

// Real folders with real modes: a clone inside a private folder (like /root, mode 0700) cannot be entered by the
// user "postgres" the embedded PostgreSQL runs as when started by root.
const base = fs.mkdtempSync(path.join(os.tmpdir(), "batys-reach-"));
fs.chmodSync(base, 0o755);
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));
const postgres = { uid: 54_321, gids: [54_321] };

describe("can the postgres user reach the data folder", () => {
  it("names the private folder on the way, and says in one line what to do", () => {
    const home = path.join(base, "root");
    fs.mkdirSync(path.join(home, "batys", ".data"), { recursive: true });
    fs.chmodSync(home, 0o700);
    const dataDir = path.join(home, "batys", ".data", "postgres");
    expect(firstUnreachableFolder(dataDir, postgres)).toBe(home);
    expect(firstUnreachableFolder(dataDir, null)).toBe(home);
    const problem = postgresReachProblem([dataDir], postgres);
    expect(problem).toContain(`cannot enter ${home} (mode 700)`);
    expect(problem).toContain("DATABASE_URL");
    expect(problem).not.toContain("\n");
  });

  it("passes folders everyone may enter, and folders postgres owns or may enter by its group", () => {
    const open = path.join(base, "srv", "batys");
    fs.mkdirSync(open, { recursive: true });
    expect(firstUnreachableFolder(path.join(open, ".data", "postgres"), postgres)).toBeNull();
    expect(postgresReachProblem([path.join(open, ".data", "postgres")], postgres)).toBeNull();
    const own = path.join(base, "own");
    fs.mkdirSync(own, { mode: 0o750 });
    const stat = fs.statSync(own);
    // The owner of the folder may enter it by its user bit, a member of its group by the group bit.
    expect(firstUnreachableFolder(own, { uid: stat.uid, gids: [] })).toBeNull();
    expect(firstUnreachableFolder(own, { uid: 99_999, gids: [stat.gid] })).toBeNull();
    expect(firstUnreachableFolder(own, { uid: 99_999, gids: [99_999] })).toBe(own);
  });
});
