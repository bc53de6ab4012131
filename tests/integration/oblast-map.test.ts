import { beforeAll, describe, expect, it } from "vitest";
import { getCompletionByPlace, getFigures } from "@/lib/dashboard/dashboard";
import { getOblastCompletion } from "@/lib/geo/oblast-completion";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { recordProgress } from "@/lib/progress/record-progress";
import { actor, freshProject } from "../support/actors";
import { withSql } from "../support/database";

// Completes a few projects through the real service, then checks the map's completion per oblast against plain
// SQL written here, for capital objects and programme measures, in the region and in an akimat officer's scope.
const sql = <T>(text: string, params: unknown[] = []) =>
  withSql(async (client) => (await client.query(text, params)).rows as T[]);

async function expected(kind: "OBJECT" | "MEASURE" | "ALL", scopeOblast: string | null) {
  const rows = await sql<{ code: string; total: string; completed: string }>(
    `SELECT o.code, count(p.id) AS total, count(p.id) FILTER (WHERE p.status = 'COMPLETED') AS completed
       FROM oblasts o
       LEFT JOIN project_oblasts po ON po.oblast_id = o.id
       LEFT JOIN projects p ON p.id = po.project_id AND p.withdrawn_at IS NULL AND ($1 = 'ALL' OR p.kind::text = $1)
        AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM project_oblasts x JOIN oblasts xo ON xo.id = x.oblast_id
                                          WHERE x.project_id = p.id AND xo.code = $2))
      GROUP BY o.code ORDER BY o.code`,
    [kind, scopeOblast],
  );
  return rows.map((row) => {
    const total = Number(row.total);
    const completed = Number(row.completed);
    return { code: row.code, total, completed, percent: total === 0 ? 0 : Math.round((completed / total) * 1000) / 10 };
  });
}

beforeAll(async () => {
  const ministry = await actor("ministry@batys.demo");
  for (const [oblast, offset] of [
    ["ZKO", 0],
    ["ZKO", 1],
    ["AKT", 0],
  ] as const) {
    const project = await freshProject(oblast, offset);
    const done = await recordProgress(
      ministry,
      {
        projectCode: project.code,
        version: 1,
        status: "COMPLETED",
        percentComplete: 100,
        asOf: todayInKazakhstan(),
        quantityDone: Number(project.plannedQuantity),
      },
      { ip: null },
    );
    expect(done.ok).toBe(true);
  }
});

describe("completion per oblast on the map", () => {
  it.each(["OBJECT", "MEASURE", "ALL"] as const)("agrees with SQL for %s in the region", async (kind) => {
    const map = await getOblastCompletion(await actor("manager@batys.demo"), kind);
    expect(map).toEqual(await expected(kind, null));
    if (kind !== "MEASURE") expect(map.reduce((sum, row) => sum + row.completed, 0)).toBeGreaterThan(0);
  });

  it("gives an akimat officer their own oblast's completion and no figure of another oblast", async () => {
    const map = await getOblastCompletion(await actor("akimat.zko@batys.demo"), "OBJECT");
    const own = (await expected("OBJECT", null)).find((row) => row.code === "ZKO")!;
    expect(own.total).toBeGreaterThan(0);
    expect(map).toEqual([own]);
  });

  it("agrees with the oblast dashboard's figures and its completion bar (one source: the roll-ups)", async () => {
    const manager = await actor("manager@batys.demo");
    const [map, bars] = await Promise.all([
      getOblastCompletion(manager, "OBJECT"),
      getCompletionByPlace(manager, { kind: "OBJECT" }),
    ]);
    for (const row of map) {
      const figures = await getFigures(manager, { oblastCode: row.code, kind: "OBJECT" });
      expect([figures.total, figures.completed, figures.completionByCount], row.code).toEqual([
        row.total,
        row.completed,
        row.percent,
      ]);
      const bar = bars.find((candidate) => candidate.code === row.code);
      expect([bar?.total ?? 0, bar?.completed ?? 0], row.code).toEqual([row.total, row.completed]);
    }
  });
});
