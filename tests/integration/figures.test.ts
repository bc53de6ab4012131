import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { getFigures } from "@/lib/dashboard/dashboard";
import { prisma } from "@/lib/db";
import { acceptFieldReport } from "@/lib/field-reports/accept-field-report";
import { submitFieldReport } from "@/lib/field-reports/submit-field-report";
import { DATE_FIGURES, FIGURES } from "@/lib/figures/figure-names";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { updateProjectDetails } from "@/lib/progress/project-details";
import { recordProgress } from "@/lib/progress/record-progress";
import { listProjects, parseProjectListQuery } from "@/lib/projects/list-projects";
import { buildPeriodReport } from "@/lib/reports/period-report";
import { parseReportQuery, quickPeriods } from "@/lib/reports/report-query";
import { checkRollups, rebuildRollups } from "@/lib/rollups/check-rollups";
import { actor, freshProject } from "../support/actors";
import { withSql } from "../support/database";

// Every figure's card number must be the row count of the list it opens, for the region, an oblast and an akimat
// officer; date-dependent figures must move with the date alone; the roll-ups must equal a recomputation after
// concurrent writers; and a past period's report must not move when today's edits change baselines, budgets or
// confidence.

const today = todayInKazakhstan();
const ip = { ip: null };

const scopes: { name: string; user: () => Promise<Actor>; oblast?: "ATY" }[] = [
  { name: "region (manager)", user: () => actor("manager@batys.demo") },
  { name: "Atyrau oblast (manager)", user: () => actor("manager@batys.demo"), oblast: "ATY" },
  { name: "akimat officer of Mangystau", user: () => actor("akimat.man@batys.demo") },
];

/** Seeds a little of everything through the real services: statuses, baselines, forecasts, confidence. */
beforeAll(async () => {
  const ministry = await actor("ministry@batys.demo");
  const plans: [string, number, string, number, Record<string, string | null>][] = [
    ["ATY", 2, "IN_PROGRESS", 10, { baselineStart: "2025-01-01", baselineFinish: "2026-06-30", confidence: "RED" }],
    ["ATY", 3, "DESIGN", 5, { baselineStart: "2026-01-01", baselineFinish: "2027-12-31", confidence: "AMBER" }],
    [
      "MAN",
      2,
      "IN_PROGRESS",
      60,
      { baselineStart: "2026-01-01", baselineFinish: "2030-12-31", forecastFinish: "2026-11-30" },
    ],
    ["MAN", 3, "PAUSED", 20, { baselineStart: "2027-01-01", baselineFinish: "2032-12-31", confidence: "AMBER" }],
    ["AKT", 2, "COMPLETED", 100, { baselineStart: "2024-01-01", baselineFinish: "2025-12-31" }],
    ["ZKO", 2, "CANCELLED", 0, { baselineStart: "2024-01-01", baselineFinish: "2025-12-31" }],
  ];
  for (const [oblast, offset, status, percent, details] of plans) {
    const project = await freshProject(oblast, offset);
    const detailed = await updateProjectDetails(
      ministry,
      {
        projectCode: project.code,
        version: 1,
        ...details,
        confidenceReason: details.confidence ? "Мердігер кешігуде" : null,
      },
      ip,
    );
    expect(detailed.ok, `${project.code} details`).toBe(true);
    const saved = await recordProgress(
      ministry,
      {
        projectCode: project.code,
        version: 2,
        status,
        percentComplete: percent,
        asOf: today,
        ...(status === "PAUSED" ? { pauseReason: "FINANCING", comment: "Қаржы жоқ" } : {}),
        ...(status === "CANCELLED" ? { comment: "Шешім бойынша тоқтатылды" } : {}),
      },
      ip,
    );
    expect(saved.ok, `${project.code} ${status}: ${JSON.stringify(saved)}`).toBe(true);
  }
});

describe.each(scopes)("every figure for the $name opens a list of exactly that many projects", ({ user, oblast }) => {
  it.each(FIGURES)("%s", async (figure) => {
    const who = await user();
    const filter = oblast ? { oblastCode: oblast } : {};
    for (const kind of ["OBJECT", "MEASURE", "ALL"] as const) {
      const figures = await getFigures(who, { ...filter, kind });
      const list = await listProjects(
        who,
        parseProjectListQuery({ ...(oblast ? { oblast } : {}), figure, ...(kind === "ALL" ? {} : { kind }) }),
      );
      expect(list.total, `${figure} ${kind}`).toBe(figures[figure]);
      // The count is what the rows are: read every page's worth through the same where.
      if (list.total <= 25) expect(list.projects.length, `${figure} ${kind} rows`).toBe(list.total);
    }
  });
});

describe("figures for objects and measures", () => {
  it("add up to the figure for both, and the list's kind filter agrees", async () => {
    const manager = await actor("manager@batys.demo");
    const [objects, measures, all] = await Promise.all(
      (["OBJECT", "MEASURE", "ALL"] as const).map((kind) => getFigures(manager, { kind })),
    );
    for (const key of ["total", ...FIGURES] as const) expect(objects![key] + measures![key], key).toBe(all![key]);
    expect(objects!.total).toBeGreaterThan(0);
    expect(measures!.total).toBeGreaterThan(0);
  });
});

describe("date-dependent figures", () => {
  it("overdue, stalled and at risk change when only the date changes, and the lists follow", async () => {
    const manager = await actor("manager@batys.demo");
    const now = await getFigures(manager, {}, { today });
    const later = await getFigures(manager, {}, { today: "2031-03-01" });
    expect(later.overdue).toBeGreaterThan(now.overdue);
    expect(later.atRisk).toBeGreaterThan(now.atRisk);
    expect(later.stalled).toBeGreaterThan(now.stalled);
    // Everything that is not about the date stays as it is.
    expect(later.total).toBe(now.total);
    expect(later.completed).toBe(now.completed);
    for (const figure of DATE_FIGURES) {
      const list = await listProjects(manager, parseProjectListQuery({ figure }), { today: "2031-03-01" });
      expect(list.total, figure).toBe(later[figure]);
    }
    const [plain] = await withSql(async (sql) => {
      const result = await sql.query(`SELECT count(*)::int AS n FROM projects p
        WHERE p.withdrawn_at IS NULL AND p.status NOT IN ('COMPLETED', 'CANCELLED')
          AND coalesce(p.forecast_finish, p.baseline_finish, make_date(p.horizon, 12, 31)) < DATE '2031-03-01'`);
      return result.rows as { n: number }[];
    });
    expect(later.overdue).toBe(plain!.n);
  });
});

describe("roll-ups", () => {
  it("equal a recomputation after concurrent writers, a withdrawal, a field report's acceptance and a rebuild", async () => {
    const ministry = await actor("ministry@batys.demo");
    const projects = await prisma.project.findMany({
      where: { status: "PLANNED", version: 1, withdrawnAt: null },
      orderBy: { code: "desc" },
      take: 24,
    });
    // 24 writers at once: 16 on different projects, 8 racing on the same two projects (most of those lose).
    const writes = [
      ...projects.slice(0, 16).map((project, index) => ({ project, percent: 10 + index })),
      ...Array.from({ length: 8 }, (_, index) => ({ project: projects[16 + (index % 2)]!, percent: 50 + index })),
    ];
    const results = await Promise.all(
      writes.map(({ project, percent }) =>
        recordProgress(
          ministry,
          { projectCode: project.code, version: 1, status: "IN_PROGRESS", percentComplete: percent, asOf: today },
          ip,
        ),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(18);
    expect(results.filter((result) => !result.ok && result.reason === "conflict")).toHaveLength(6);
    expect(await checkRollups()).toEqual([]);

    await withSql((sql) => sql.query("UPDATE projects SET withdrawn_at = now() WHERE code = $1", [projects[20]!.code]));
    expect(await checkRollups()).toEqual([]);
    await withSql((sql) => sql.query("UPDATE projects SET withdrawn_at = NULL WHERE code = $1", [projects[20]!.code]));

    const officer = await actor("akimat.man@batys.demo");
    const target = await freshProject("MAN", 5);
    const submitted = await submitFieldReport(
      officer,
      {
        projectCode: target.code,
        version: 1,
        status: "DESIGN",
        percentComplete: 15,
        asOf: today,
        comment: "Жобалау басталды",
      },
      ip,
    );
    expect(submitted.ok).toBe(true);
    if (!submitted.ok) return;
    const accepted = await acceptFieldReport(ministry, { reportId: submitted.reportId }, ip);
    expect(accepted.ok).toBe(true);
    expect(await checkRollups()).toEqual([]);

    // A damaged roll-up is found by the check and put right by the rebuild.
    await withSql((sql) =>
      sql.query(
        "UPDATE rollup_projects SET projects = projects + 7 WHERE oblast_id = 0 AND projects > 0 AND ctid = (SELECT min(ctid) FROM rollup_projects WHERE oblast_id = 0 AND projects > 0)",
      ),
    );
    expect((await checkRollups()).length).toBe(1);
    await rebuildRollups();
    expect(await checkRollups()).toEqual([]);
  });

  it("let two writers on different projects proceed without waiting for each other", async () => {
    const ministry = await actor("ministry@batys.demo");
    const [first, second] = await prisma.project.findMany({
      where: { status: "PLANNED", version: 1, withdrawnAt: null },
      orderBy: { code: "asc" },
      skip: 60,
      take: 2,
    });
    // Hold a transaction open after saving progress on the first project; the second save must not wait for it.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holding = prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`UPDATE projects SET percent_complete = 3, status = 'DESIGN', version = version + 1 WHERE id = ${first!.id}`;
        await held;
      },
      { timeout: 20_000 },
    );
    const started = Date.now();
    const saved = await recordProgress(
      ministry,
      { projectCode: second!.code, version: 1, status: "DESIGN", percentComplete: 4, asOf: today },
      ip,
    );
    const waited = Date.now() - started;
    release();
    await holding;
    expect(saved.ok).toBe(true);
    expect(waited).toBeLessThan(5_000);
    expect(await checkRollups()).toEqual([]);
  });
});

describe("a past period's report", () => {
  it("is the same after today's edits of baseline, budget and confidence", async () => {
    const manager = await actor("manager@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    const lastQuarter = quickPeriods(today).lastQuarter;
    const project = await freshProject("ATY", 6);
    // What the tracker knew during last quarter: a baseline that ended within it and RED confidence, recorded then.
    const inQuarter = `${lastQuarter.from}T09:00:00+05:00`;
    await withSql((sql) =>
      sql.query(
        `INSERT INTO project_detail_history (project_id, project_version, changed_at, changed_fields, baseline_start,
           baseline_finish, budget_baseline, confidence, confidence_reason)
         VALUES ($1, 1, $2, 'baselineStart,baselineFinish,budgetBaseline,confidence,confidenceReason', '2025-01-01',
           $3::date, 125000000000.50, 'RED', 'Мердігер жоқ')`,
        [project.id, inQuarter, lastQuarter.from],
      ),
    );
    const query = parseReportQuery({ scope: "ATY", from: lastQuarter.from, to: lastQuarter.to });
    const before = await buildPeriodReport(manager, query);
    expect(before!.attention.map((row) => row.code)).toContain(project.code);
    expect(before!.changes.find((row) => row.code === project.code)).toBeUndefined();

    const edited = await updateProjectDetails(
      ministry,
      {
        projectCode: project.code,
        version: 1,
        baselineStart: "2030-01-01",
        baselineFinish: "2035-12-31",
        budgetBaseline: "1 000",
        confidence: "GREEN",
        confidenceReason: "Бәрі жақсы",
      },
      ip,
    );
    expect(edited.ok).toBe(true);
    const after = await buildPeriodReport(manager, query);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    // Today's report does see the edit, with its actor recorded in the history.
    const history = await prisma.projectDetailHistory.findMany({
      where: { projectId: project.id },
      orderBy: { id: "asc" },
    });
    expect(history.at(-1)).toMatchObject({ actorId: ministry.id, confidence: "GREEN" });
    expect(history.at(-1)!.changedFields.split(",")).toEqual(
      expect.arrayContaining(["baselineStart", "baselineFinish", "budgetBaseline", "confidence"]),
    );
    expect(await checkRollups()).toEqual([]);
  });
});
