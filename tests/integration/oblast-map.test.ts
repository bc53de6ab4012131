import { beforeAll, describe, expect, it } from "vitest";
import { getOblastCompletion } from "@/lib/geo/oblast-completion";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { recordProgress } from "@/lib/progress/record-progress";
import { actor, freshProject } from "../support/actors";
import { withSql } from "../support/database";

// Completes a few projects through the real service, then checks the map's completion per oblast against plain
// SQL written here, for capital objects and programme measures, in the region and in an akimat officer's scope.
const sql = <T>(text: string, params: unknown[] = []) =>
  withSql(async (client) => (await client.query(text, params)).rows as T[]);

async function expected(kind: "OBJECT" | "MEASURE", scopeOblast: string | null) {
  const rows = await sql<{ code: string; total: string; completed: string }>(
    `SELECT o.code, count(p.id) AS total, count(p.id) FILTER (WHERE p.status = 'COMPLETED') AS completed
       FROM oblasts o
       LEFT JOIN project_oblasts po ON po.oblast_id = o.id
       LEFT JOIN projects p ON p.id = po.project_id AND p.withdrawn_at IS NULL AND p.kind = $1::"ProjectKind"
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
    ["ZKO", 20],
    ["ZKO", 21],
    ["AKT", 20],
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
  it.each(["objects", "measures"] as const)("agrees with SQL for %s in the region", async (kind) => {
    const map = await getOblastCompletion(await actor("manager@batys.demo"), kind);
    expect(map).toEqual(await expected(kind === "objects" ? "OBJECT" : "MEASURE", null));
    if (kind === "objects") expect(map.reduce((sum, row) => sum + row.completed, 0)).toBeGreaterThan(0);
  });

  it("counts only what an akimat officer may see", async () => {
    const map = await getOblastCompletion(await actor("akimat.zko@batys.demo"), "objects");
    expect(map).toEqual(await expected("OBJECT", "ZKO"));
    const own = map.find((row) => row.code === "ZKO")!;
    const other = map.find((row) => row.code === "MAN")!;
    expect(own.total).toBeGreaterThan(other.total);
  });
});
