import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { getFigures } from "@/lib/dashboard/dashboard";
import { prisma } from "@/lib/db";
import { figureSql, figureWhere } from "@/lib/figures/definitions";
import { DATE_FIGURES } from "@/lib/figures/figure-names";
import { Prisma } from "@/lib/generated/prisma/client";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { updateProjectDetails } from "@/lib/progress/project-details";
import { recordProgress } from "@/lib/progress/record-progress";
import { listProjects, parseProjectListQuery } from "@/lib/projects/list-projects";
import { buildPeriodReport } from "@/lib/reports/period-report";
import { parseReportQuery, quickPeriods } from "@/lib/reports/report-query";
import { checkRollups } from "@/lib/rollups/check-rollups";
import { saveMilestone } from "@/lib/schedule/milestones";
import { actor } from "../support/actors";

// Issue 16 and 20: each project carries the first day it counts in overdue, at risk and stalled (kept by triggers),
// so the figures are an index range, never a scan. These tests prove the stored days say exactly what the rules
// say on every day, that a milestone slipping makes its project at risk on the day it should (card = list, the
// report agrees, a past report does not move), and that concurrent writers leave the days exact.

const today = todayInKazakhstan();
const ip = { ip: null };
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

let ministry: Actor;
let manager: Actor;

beforeAll(async () => {
  ministry = await actor("ministry@batys.demo");
  manager = await actor("manager@batys.demo");
});

/**
 * A planned, never-written project of one oblast, taken from the end of the code order (the other files take theirs
 * from the start), so this file's projects are its own.
 */
async function freshProject(oblastCode: string, offset: number) {
  return prisma.project.findFirstOrThrow({
    where: {
      status: "PLANNED",
      version: 1,
      // Without a planned quantity: the shared freshProject (tests/support) takes only projects with one.
      plannedQuantity: null,
      withdrawnAt: null,
      milestones: { none: {} },
      oblasts: { every: { oblast: { code: oblastCode } }, some: {} },
    },
    orderBy: { code: "desc" },
    skip: offset,
  });
}

/** One project's membership in a figure on a day, by the list's condition (the stored day). */
async function counts(projectId: number, figure: (typeof DATE_FIGURES)[number], day: string): Promise<boolean> {
  return (await prisma.project.count({ where: { id: projectId, ...figureWhere(figure, day) } })) === 1;
}

/** A project made quiet: far-off baseline, GREEN, no forecast — in no date figure for years. */
async function quietProject(oblast: string, offset: number) {
  const project = await freshProject(oblast, offset);
  const detailed = await updateProjectDetails(
    ministry,
    {
      projectCode: project.code,
      version: 1,
      baselineStart: "2030-01-01",
      baselineFinish: "2035-12-31",
      forecastFinish: null,
      confidence: "GREEN",
      confidenceReason: "Кесте бойынша",
    },
    ip,
  );
  expect(detailed.ok, JSON.stringify(detailed)).toBe(true);
  return project;
}

describe("the stored days", () => {
  it("say what the rules say, on every one of many days, for every project (stored = computed = restated)", async () => {
    // Some variety first: milestones of every kind on a few projects, a project behind schedule.
    const project = await quietProject("AKT", 0);
    const milestones: Record<string, string | null>[] = [
      { status: "SCHEDULED", baselineDate: "2026-05-01", forecastDate: null, actualDate: null },
      { status: "SCHEDULED", baselineDate: "2028-05-01", forecastDate: "2028-04-01", actualDate: null },
      { status: "MET", baselineDate: "2025-05-01", forecastDate: null, actualDate: "2025-06-01" },
    ];
    for (const [index, milestone] of milestones.entries()) {
      const other = index === 0 ? project : await quietProject("AKT", 0);
      const saved = await saveMilestone(
        ministry,
        { projectCode: other.code, type: "LAND_ALLOCATED", ...milestone },
        ip,
      );
      expect(saved.ok, JSON.stringify(saved)).toBe(true);
    }
    const behind = await freshProject("ZKO", 0);
    expect(
      (
        await updateProjectDetails(
          ministry,
          { projectCode: behind.code, version: 1, baselineStart: "2024-03-01", baselineFinish: "2029-02-28" },
          ip,
        )
      ).ok,
    ).toBe(true);
    expect(
      (
        await recordProgress(
          ministry,
          { projectCode: behind.code, version: 2, status: "IN_PROGRESS", percentComplete: 37, asOf: today },
          ip,
        )
      ).ok,
    ).toBe(true);

    // The rules as README.md states them, written out again independently of the stored days.
    const restated = (figure: (typeof DATE_FIGURES)[number], day: Prisma.Sql) => {
      const open = Prisma.sql`p.status NOT IN ('COMPLETED', 'CANCELLED')`;
      const due = Prisma.sql`coalesce(p.forecast_finish, p.baseline_finish, make_date(p.horizon, 12, 31))`;
      if (figure === "overdue") return Prisma.sql`(${open} AND ${due} < ${day})`;
      if (figure === "stalled")
        return Prisma.sql`(p.status IN ('DESIGN', 'IN_PROGRESS', 'PAUSED') AND coalesce(p.last_progress_as_of,
          (p.created_at AT TIME ZONE 'Asia/Almaty')::date) < ${day} - 90)`;
      return Prisma.sql`(${open} AND (p.confidence = 'RED' OR p.forecast_finish > p.baseline_finish OR ${due} < ${day}
        OR (p.baseline_start IS NOT NULL AND p.baseline_finish > p.baseline_start AND ${day} > p.baseline_start
            AND p.percent_complete < 100.0 * LEAST(1, (${day} - p.baseline_start)::numeric
              / (p.baseline_finish - p.baseline_start)))
        OR EXISTS (SELECT 1 FROM milestones m WHERE m.project_id = p.id AND m.actual_date IS NULL
          AND m.status NOT IN ('MET', 'PARTIALLY_MET')
          AND (m.status = 'MISSED' OR m.forecast_date > m.baseline_date
               OR coalesce(m.forecast_date, m.baseline_date) < ${day}))))`;
    };
    const days = Array.from({ length: 48 }, (_, index) => shift("2024-01-01", index * 97)).concat([
      shift(today, -1),
      today,
      shift(today, 1),
      "2026-05-01",
      "2026-05-02",
    ]);
    for (const day of days) {
      const d = Prisma.sql`${day}::date`;
      const [row] = await prisma.$queryRaw<Record<string, number>[]>(Prisma.sql`
        SELECT ${Prisma.join(
          DATE_FIGURES.map(
            (figure) => Prisma.sql`
              count(*) FILTER (WHERE coalesce(${figureSql(figure, day)}, false)
                IS DISTINCT FROM coalesce(${restated(figure, d)}, false))::int
                AS ${Prisma.raw(`"${figure}_restated"`)},
              count(*) FILTER (WHERE coalesce(${figureSql(figure, day)}, false)
                IS DISTINCT FROM coalesce(${figureSql(figure, day, "p", true)}, false))::int
                AS ${Prisma.raw(`"${figure}_computed"`)}`,
          ),
        )}
        FROM projects p`);
      for (const figure of DATE_FIGURES) {
        expect(row![`${figure}_restated`], `${figure} on ${day}: stored vs restated`).toBe(0);
        expect(row![`${figure}_computed`], `${figure} on ${day}: stored vs computed`).toBe(0);
      }
    }
    // The variety did land in the figures.
    expect(await counts(project.id, "atRisk", "2026-05-01")).toBe(false);
    expect(await counts(project.id, "atRisk", "2026-05-02")).toBe(true);
    expect(await counts(behind.id, "atRisk", today)).toBe(true);
    expect(await checkRollups()).toEqual([]);
  });
});

describe("a milestone's slip", () => {
  it("makes its project at risk on the day it should; card = list; the report agrees; a past report stays", async () => {
    const project = await quietProject("AKT", 0);
    const baseline = shift(today, 120);
    const created = await saveMilestone(
      ministry,
      { projectCode: project.code, type: "CONTRACT_SIGNED", baselineDate: baseline, status: "SCHEDULED" },
      ip,
    );
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    // Scheduled on its baseline: at risk from the day after, if still not met.
    const onTheDay = baseline;
    const dayAfter = shift(baseline, 1);
    expect(await counts(project.id, "atRisk", today)).toBe(false);
    expect(await counts(project.id, "atRisk", onTheDay)).toBe(false);
    expect(await counts(project.id, "atRisk", dayAfter)).toBe(true);
    expect(await counts(project.id, "overdue", dayAfter)).toBe(false);

    // Card = list, for the region and the project's oblast, on both days.
    for (const day of [onTheDay, dayAfter])
      for (const oblast of [undefined, "AKT"] as const) {
        const figures = await getFigures(
          manager,
          { kind: "ALL", ...(oblast ? { oblastCode: oblast } : {}) },
          { today: day },
        );
        const list = await listProjects(
          manager,
          parseProjectListQuery({ figure: "atRisk", ...(oblast ? { oblast } : {}) }),
          { today: day },
        );
        expect(list.total, `${day} ${oblast ?? "region"}`).toBe(figures.atRisk);
      }

    // The period report judges the same row the same way, at each period's end.
    const attention = async (to: string) => {
      const report = await buildPeriodReport(manager, parseReportQuery({ scope: "AKT", from: shift(to, -30), to }));
      return report!.attention.map((row) => row.code);
    };
    expect(await attention(onTheDay)).not.toContain(project.code);
    expect(await attention(dayAfter)).toContain(project.code);

    // The forecast slips past the baseline: at risk at once, today.
    const lastQuarter = quickPeriods(today).lastQuarter;
    const pastQuery = parseReportQuery({ scope: "AKT", from: lastQuarter.from, to: lastQuarter.to });
    const pastBefore = await buildPeriodReport(manager, pastQuery);
    const slipped = await saveMilestone(
      ministry,
      {
        projectCode: project.code,
        milestoneId: created.milestoneId,
        version: 1,
        type: "CONTRACT_SIGNED",
        baselineDate: baseline,
        forecastDate: shift(baseline, 45),
        status: "SCHEDULED",
      },
      ip,
    );
    expect(slipped.ok).toBe(true);
    expect(await counts(project.id, "atRisk", today)).toBe(true);
    expect(await attention(today)).toContain(project.code);
    const figures = await getFigures(manager, { kind: "ALL", oblastCode: "AKT" }, { today });
    const list = await listProjects(manager, parseProjectListQuery({ figure: "atRisk", oblast: "AKT" }), { today });
    expect(list.total).toBe(figures.atRisk);
    // Last quarter's report did not know of the slip and still does not.
    expect(JSON.stringify(await buildPeriodReport(manager, pastQuery))).toBe(JSON.stringify(pastBefore));

    // Met: no longer a reason; missed: a reason at once.
    const met = await saveMilestone(
      ministry,
      {
        projectCode: project.code,
        milestoneId: created.milestoneId,
        version: 2,
        type: "CONTRACT_SIGNED",
        baselineDate: baseline,
        forecastDate: shift(baseline, 45),
        actualDate: today,
        status: "MET",
      },
      ip,
    );
    expect(met.ok).toBe(true);
    expect(await counts(project.id, "atRisk", shift(baseline, 400))).toBe(false);
    const missed = await saveMilestone(
      ministry,
      {
        projectCode: project.code,
        milestoneId: created.milestoneId,
        version: 3,
        type: "CONTRACT_SIGNED",
        baselineDate: baseline,
        status: "MISSED",
      },
      ip,
    );
    expect(missed.ok).toBe(true);
    expect(await counts(project.id, "atRisk", today)).toBe(true);
    expect(await checkRollups()).toEqual([]);
  });

  it("of the project finish (forecast after baseline) makes it at risk at once, and overdue after the forecast", async () => {
    const project = await quietProject("ZKO", 0);
    const edited = await updateProjectDetails(
      ministry,
      {
        projectCode: project.code,
        version: 2,
        baselineStart: "2030-01-01",
        baselineFinish: "2035-12-31",
        forecastFinish: "2036-03-31",
        confidence: "GREEN",
        confidenceReason: "Кесте бойынша",
      },
      ip,
    );
    expect(edited.ok, JSON.stringify(edited)).toBe(true);
    expect(await counts(project.id, "atRisk", today)).toBe(true);
    expect(await counts(project.id, "overdue", "2036-03-31")).toBe(false);
    expect(await counts(project.id, "overdue", "2036-04-01")).toBe(true);
  });
});

describe("the days after each write", () => {
  it("follow progress: stalled restarts from the as-of date, completion clears every day", async () => {
    const project = await quietProject("MAN", 0);
    const saved = await recordProgress(
      ministry,
      { projectCode: project.code, version: 2, status: "IN_PROGRESS", percentComplete: 10, asOf: today },
      ip,
    );
    expect(saved.ok).toBe(true);
    expect(await counts(project.id, "stalled", shift(today, 90))).toBe(false);
    expect(await counts(project.id, "stalled", shift(today, 91))).toBe(true);
    const done = await recordProgress(
      ministry,
      { projectCode: project.code, version: 3, status: "COMPLETED", percentComplete: 100, asOf: today },
      ip,
    );
    expect(done.ok, JSON.stringify(done)).toBe(true);
    const stored = await prisma.project.findUniqueOrThrow({ where: { id: project.id } });
    expect([stored.overdueFrom, stored.atRiskFrom, stored.stalledFrom]).toEqual([null, null, null]);
    expect(await checkRollups()).toEqual([]);
  });

  it("stay exact under concurrent progress saves, detail edits and milestone edits on the same projects", async () => {
    const projects = await Promise.all([0, 1, 2, 3, 4, 5].map((offset) => freshProject("ATY", offset)));
    const results = await Promise.allSettled(
      projects.flatMap((project, index) => [
        recordProgress(
          ministry,
          { projectCode: project.code, version: 1, status: "IN_PROGRESS", percentComplete: 5 + index, asOf: today },
          ip,
        ),
        updateProjectDetails(
          ministry,
          { projectCode: project.code, version: 1, confidence: "RED", confidenceReason: "Жер бөлінбеді" },
          ip,
        ),
        saveMilestone(
          ministry,
          { projectCode: project.code, type: "DESIGN_APPROVED", baselineDate: "2026-01-15", status: "SCHEDULED" },
          ip,
        ),
        saveMilestone(
          ministry,
          { projectCode: project.code, type: "FINANCING_SECURED", baselineDate: "2027-01-15", status: "MISSED" },
          ip,
        ),
      ]),
    );
    // Nothing failed by an error (a deadlock would): each write either landed or lost a version race.
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect(await checkRollups()).toEqual([]);
    for (const project of projects) expect(await counts(project.id, "atRisk", today)).toBe(true);
  });
});
