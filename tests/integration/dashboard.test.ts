import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import {
  getCompletionByHorizon,
  getCompletionByPlace,
  getFigures,
  getMovement,
  getPhysicalDelivery,
  getProgressOverTime,
  getStatusBySector,
} from "@/lib/dashboard/dashboard";
import { prisma } from "@/lib/db";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { recordProgress } from "@/lib/progress/record-progress";
import { listProjects, parseProjectListQuery } from "@/lib/projects/list-projects";
import { withSql } from "../support/database";
import { actor, freshProject } from "../support/actors";

// Seeds known progress through the real service, then checks every dashboard number against plain SQL written
// independently here, for the region, for one oblast, and for an akimat officer's scope.
const scopes: { name: string; user: () => Promise<Actor>; oblast?: string; where: string }[] = [
  { name: "region", user: () => actor("manager@batys.demo"), where: "TRUE" },
  {
    name: "Atyrau oblast",
    user: () => actor("manager@batys.demo"),
    oblast: "ATY",
    where:
      "EXISTS (SELECT 1 FROM project_oblasts x JOIN oblasts o ON o.id = x.oblast_id WHERE x.project_id = p.id AND o.code = 'ATY')",
  },
  {
    name: "akimat officer of Mangystau",
    user: () => actor("akimat.man@batys.demo"),
    where:
      "EXISTS (SELECT 1 FROM project_oblasts x JOIN oblasts o ON o.id = x.oblast_id WHERE x.project_id = p.id AND o.code = 'MAN')",
  },
];

const sql = <T>(text: string) => withSql(async (client) => (await client.query(text)).rows as T[]);

beforeAll(async () => {
  const ministry = await actor("ministry@batys.demo");
  const today = todayInKazakhstan();
  const steps: [string, number, number, string, string][] = [
    ["ATY", 10, 0, "DESIGN", "2026-01-15"],
    ["ATY", 11, 0, "IN_PROGRESS", "2026-02-10"],
    ["MAN", 10, 0, "IN_PROGRESS", "2026-03-05"],
    ["AKT", 10, 0, "DESIGN", "2026-03-20"],
  ];
  for (const [oblast, offset, , status, asOf] of steps) {
    const project = await freshProject(oblast, offset);
    await recordProgress(
      ministry,
      { projectCode: project.code, version: 1, status, percentComplete: status === "DESIGN" ? 10 : 35, asOf },
      { ip: null },
    );
    const done = await recordProgress(
      ministry,
      {
        projectCode: project.code,
        version: 2,
        status: "COMPLETED",
        percentComplete: 100,
        quantityDone: Number(project.plannedQuantity),
        asOf: today,
      },
      { ip: null },
    );
    expect(done.ok).toBe(true);
  }
  const red = await freshProject("MAN", 11);
  await prisma.project.update({ where: { id: red.id }, data: { confidence: "RED", confidenceReason: "test" } });
});

describe.each(scopes)("dashboard numbers for the $name agree with SQL", ({ name, user, oblast, where }) => {
  const scope = `p.withdrawn_at IS NULL AND ${where}`;
  const filter = oblast ? { oblastCode: oblast } : {};

  it("figures", async () => {
    const figures = await getFigures(await user(), filter);
    const [expected] = await sql<
      Record<string, string>
    >(`SELECT count(*) AS total, count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
      count(*) FILTER (WHERE status = 'IN_PROGRESS') AS in_progress, count(*) FILTER (WHERE status = 'DESIGN') AS design, count(*) FILTER (WHERE status = 'PLANNED') AS not_started,
      count(*) FILTER (WHERE status = 'PAUSED') AS paused, round(avg(percent_complete), 1) AS average,
      count(*) FILTER (WHERE confidence = 'RED' AND status NOT IN ('COMPLETED','CANCELLED')) AS red
      FROM projects p WHERE ${scope}`);
    expect(figures.total).toBe(Number(expected!.total));
    expect(figures.completed).toBe(Number(expected!.completed));
    expect(figures.completed).toBeGreaterThan(0);
    expect(figures.inProgress).toBe(Number(expected!.in_progress));
    expect(figures.design).toBe(Number(expected!.design));
    expect(figures.notStarted).toBe(Number(expected!.not_started));
    expect(figures.paused).toBe(Number(expected!.paused));
    expect(figures.averagePercent).toBeCloseTo(Number(expected!.average), 1);
    expect(figures.atRisk).toBeGreaterThanOrEqual(Number(expected!.red));
    const [roads] = await sql<{
      planned: string | null;
      done: string | null;
    }>(`SELECT sum(planned_quantity) AS planned, sum(coalesce(quantity_done, 0)) AS done
      FROM projects p JOIN categories c ON c.id = p.category_id WHERE ${scope} AND c.code = 'road' AND p.unit = 'km' AND p.status <> 'CANCELLED'`);
    const weightedRoads = figures.weighted.find((measure) => measure.key === "roadKm")!;
    expect(weightedRoads.planned).toBeCloseTo(Number(roads!.planned ?? 0), 3);
    expect(weightedRoads.done).toBeCloseTo(Number(roads!.done ?? 0), 3);
  });

  it("status by sector", async () => {
    const rows = await getStatusBySector(await user(), filter);
    const expected = await sql<{
      code: string;
      status: string;
      n: string;
    }>(`SELECT s.code, p.status, count(*) AS n FROM projects p JOIN categories c ON c.id = p.category_id
      JOIN sectors s ON s.id = c.sector_id WHERE ${scope} GROUP BY 1, 2`);
    for (const row of expected)
      expect(
        rows.find((candidate) => candidate.code === row.code)?.[row.status as "PLANNED"],
        `${row.code} ${row.status}`,
      ).toBe(Number(row.n));
    const sum = rows.reduce(
      (total, row) => total + row.PLANNED + row.DESIGN + row.IN_PROGRESS + row.COMPLETED + row.PAUSED + row.CANCELLED,
      0,
    );
    expect(sum).toBe(expected.reduce((total, row) => total + Number(row.n), 0));
  });

  it("completion by place and by horizon", async () => {
    const places = await getCompletionByPlace(await user(), filter);
    // An oblast's view (chosen, or an akimat officer's own) breaks down by district; the region's by oblast.
    const expectedPlaces =
      oblast || name.startsWith("akimat")
        ? await sql<{ code: string; n: string; done: string }>(
            `SELECT coalesce(d.code, '-') AS code, count(*) AS n, count(*) FILTER (WHERE p.status = 'COMPLETED') AS done FROM projects p LEFT JOIN districts d ON d.id = p.district_id WHERE ${scope} GROUP BY 1`,
          )
        : await sql<{ code: string; n: string; done: string }>(
            `SELECT o.code, count(*) AS n, count(*) FILTER (WHERE p.status = 'COMPLETED') AS done FROM projects p JOIN project_oblasts x ON x.project_id = p.id JOIN oblasts o ON o.id = x.oblast_id WHERE ${scope} GROUP BY 1`,
          );
    expect(places.map((row) => [row.code, row.total, row.completed]).sort()).toEqual(
      expectedPlaces.map((row) => [row.code, Number(row.n), Number(row.done)]).sort(),
    );
    const horizons = await getCompletionByHorizon(await user(), filter);
    const expectedHorizons = await sql<{ code: string; n: string; average: string }>(
      `SELECT coalesce(horizon::text, 'none') AS code, count(*) AS n, round(avg(percent_complete), 1) AS average FROM projects p WHERE ${scope} GROUP BY 1`,
    );
    for (const row of expectedHorizons) {
      const found = horizons.find((candidate) => candidate.code === row.code)!;
      expect(found.total).toBe(Number(row.n));
      expect(found.averagePercent).toBeCloseTo(Number(row.average), 1);
    }
  });

  it("progress over time ends at today's completed count and the average its recorded history adds up to", async () => {
    const points = await getProgressOverTime(await user(), filter);
    // The trend is recorded progress: each project's gains, update by update. Through the app's write paths a
    // project's percent is exactly that sum; a row another test file wrote around them (raw SQL) is named below.
    const [expected] = await sql<{ completed: string; average: string }>(
      `SELECT count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
              round(coalesce(sum(g.gained), 0)::numeric / count(*), 1) AS average
         FROM projects p
         LEFT JOIN LATERAL (SELECT sum(u.percent_complete - u.previous_percent) AS gained
                              FROM progress_updates u WHERE u.project_id = p.id) g ON TRUE
        WHERE ${scope}`,
    );
    const unexplained = await sql<{ code: string; percent: number; gained: string }>(
      `SELECT p.code, p.percent_complete AS percent, coalesce(sum(u.percent_complete - u.previous_percent), 0) AS gained
         FROM projects p LEFT JOIN progress_updates u ON u.project_id = p.id WHERE ${scope}
        GROUP BY p.id HAVING p.percent_complete <> coalesce(sum(u.percent_complete - u.previous_percent), 0)`,
    );
    if (unexplained.length > 0) console.warn(`percent not explained by history: ${JSON.stringify(unexplained)}`);
    const last = points.at(-1)!;
    expect(last.completed).toBe(Number(expected!.completed));
    expect(last.averagePercent).toBeCloseTo(Number(expected!.average), 1);
    expect(points.map((point) => point.month)).toEqual([...points.map((point) => point.month)].sort());
  });

  it("physical delivery per horizon and movement", async () => {
    const delivery = await getPhysicalDelivery(await user(), filter);
    const expected = await sql<{
      horizon: string;
      planned: string;
      done: string;
    }>(`SELECT coalesce(horizon::text, 'none') AS horizon, sum(planned_quantity) AS planned,
      sum(coalesce(quantity_done, 0)) AS done FROM projects p JOIN categories c ON c.id = p.category_id WHERE ${scope} AND c.code = 'railway' AND p.unit = 'km' AND p.status <> 'CANCELLED' GROUP BY 1`);
    for (const row of expected) {
      const found = delivery.find((candidate) => candidate.key === "railwayKm" && candidate.horizon === row.horizon)!;
      expect(found.planned).toBeCloseTo(Number(row.planned), 3);
      expect(found.done).toBeCloseTo(Number(row.done), 3);
    }
    const movement = await getMovement(await user(), filter);
    const [moved] = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM projects p WHERE ${scope} AND last_progress_at IS NOT NULL`,
    );
    expect(movement.recent.length).toBe(Math.min(8, Number(moved!.n)));
  });
});

describe("dashboard after a save", () => {
  it("is exact at once: no cache to invalidate, the roll-ups changed in the saving transaction", async () => {
    const manager = await actor("manager@batys.demo");
    const before = await getFigures(manager, { oblastCode: "ZKO" });
    const project = await freshProject("ZKO", 5);
    const saved = await recordProgress(
      await actor("ministry@batys.demo"),
      { projectCode: project.code, version: 1, status: "COMPLETED", percentComplete: 100, asOf: todayInKazakhstan() },
      { ip: null },
    );
    expect(saved.ok).toBe(true);
    const after = await getFigures(manager, { oblastCode: "ZKO" });
    expect(after.total).toBe(before.total);
    expect(after.completed).toBe(before.completed + 1);
  });
});

describe("project list counts", () => {
  it("are exact right after a save, for every page and sort of a filter", async () => {
    const officer = await actor("akimat.man@batys.demo");
    const filter = parseProjectListQuery({ status: "COMPLETED", sort: "name" });
    const before = (await listProjects(officer, filter)).total;
    const [plain] = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM projects p WHERE p.withdrawn_at IS NULL AND p.status = 'COMPLETED' AND EXISTS (SELECT 1 FROM project_oblasts x JOIN oblasts o ON o.id = x.oblast_id WHERE x.project_id = p.id AND o.code = 'MAN')`,
    );
    expect(before).toBe(Number(plain!.n));
    expect((await listProjects(officer, parseProjectListQuery({ status: "COMPLETED", page: "2" }))).total).toBe(before);
    const project = await freshProject("MAN", 0);
    const saved = await recordProgress(
      await actor("ministry@batys.demo"),
      { projectCode: project.code, version: 1, status: "COMPLETED", percentComplete: 100, asOf: todayInKazakhstan() },
      { ip: null },
    );
    expect(saved.ok).toBe(true);
    expect((await listProjects(officer, filter)).total).toBe(before + 1);
  });
});
