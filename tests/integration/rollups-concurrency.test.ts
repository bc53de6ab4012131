import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { writeProgressChange } from "@/lib/progress/progress-change";
import { recordProgress } from "@/lib/progress/record-progress";
import { checkRollups } from "@/lib/rollups/check-rollups";
import { actor } from "../support/actors";

// Issue 16: writers on different projects never wait for each other except for the moment a shared roll-up row is
// updated at commit, never deadlock (every transaction takes roll-up rows in one global order), and the roll-ups
// equal a recomputation afterwards. The projects are picked from one group (oblast, category, horizon, kind, status),
// so every writer updates the same roll-up rows: the region's, the oblast's, the district's and the month's.

const today = todayInKazakhstan();
const ip = { ip: null };

/**
 * `count` untouched single-oblast projects of one roll-up group (the largest, or the next ones by `groupRank`), all
 * without a planned quantity: the other files' `freshProject` takes only projects with one, so this file does not
 * use up their pool.
 */
async function projectsOfOneGroup(count: number, groupRank: number) {
  const [group] = await prisma.$queryRaw<{ category_id: number; horizon: number | null; oblast_id: number }[]>`
    SELECT p.category_id, p.horizon, min(po.oblast_id) AS oblast_id
    FROM projects p JOIN project_oblasts po ON po.project_id = p.id
    WHERE p.withdrawn_at IS NULL AND p.status = 'PLANNED' AND p.version = 1 AND p.kind = 'OBJECT'
      AND p.planned_quantity IS NULL
      AND (SELECT count(*) FROM project_oblasts o WHERE o.project_id = p.id) = 1
    GROUP BY p.category_id, p.horizon, po.oblast_id
    ORDER BY count(*) DESC, p.category_id, p.horizon, po.oblast_id LIMIT 1 OFFSET ${groupRank}`;
  const projects = await prisma.project.findMany({
    where: {
      categoryId: group!.category_id,
      horizon: group!.horizon,
      kind: "OBJECT",
      status: "PLANNED",
      version: 1,
      plannedQuantity: null,
      withdrawnAt: null,
      oblasts: { every: { oblastId: group!.oblast_id }, some: {} },
    },
    orderBy: { code: "desc" },
    take: count,
    include: { oblasts: true },
  });
  expect(projects).toHaveLength(count);
  return projects;
}

describe("roll-ups under concurrent writers", () => {
  it("16 writers on different projects of one roll-up group all save, nothing is lost and the roll-ups are exact", async () => {
    const ministry = await actor("ministry@batys.demo");
    const projects = await projectsOfOneGroup(16, 0);
    const auditBefore = (await prisma.auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    const updatesBefore = (await prisma.progressUpdate.aggregate({ _max: { id: true } }))._max.id ?? 0;
    // Twice each: the first save moves every project to IN_PROGRESS (-1 and +1 rows), the second only the percent
    // (one delta row per oblast) — both on the same roll-up rows for all 16.
    for (const [round, percent] of [
      [1, 10],
      [2, 20],
    ] as const) {
      const results = await Promise.all(
        projects.map((project, index) =>
          recordProgress(
            ministry,
            {
              projectCode: project.code,
              version: round,
              status: "IN_PROGRESS",
              percentComplete: percent + index,
              asOf: today,
            },
            ip,
          ),
        ),
      );
      expect(results.map((result) => result.ok)).toEqual(projects.map(() => true));
      expect(await checkRollups()).toEqual([]);
    }
    const after = await prisma.project.findMany({ where: { id: { in: projects.map((project) => project.id) } } });
    for (const project of after) {
      const index = projects.findIndex((candidate) => candidate.id === project.id);
      expect(project.version).toBe(3);
      expect(project.percentComplete).toBe(20 + index);
    }
    const ids = projects.map((project) => project.id);
    expect(await prisma.progressUpdate.count({ where: { id: { gt: updatesBefore }, projectId: { in: ids } } })).toBe(
      32,
    );
    expect(
      await prisma.auditLog.count({
        where: { id: { gt: auditBefore }, action: "project.progress", targetId: { in: ids.map(String) } },
      }),
    ).toBe(32);
  });

  it("transactions writing two projects of two shared groups in opposite orders never deadlock", async () => {
    const ministry = await actor("ministry@batys.demo");
    // Eight projects of one group, four transactions of two saves each.
    // Were the roll-up rows updated as each statement ran, the first and second statements would lock shared rows
    // in opposite orders and PostgreSQL would abort one transaction as a deadlock victim.
    const projects = await projectsOfOneGroup(8, 1);
    const pairs = [0, 1, 2, 3].map((index) => [projects[index * 2]!, projects[index * 2 + 1]!] as const);
    // Even transactions move their first project to IN_PROGRESS and their second to DESIGN, odd ones the other way.
    const statuses = (index: number) =>
      index % 2 === 0 ? (["IN_PROGRESS", "DESIGN"] as const) : (["DESIGN", "IN_PROGRESS"] as const);
    let release: () => void = () => {};
    const together = new Promise<void>((resolve) => {
      release = resolve;
    });
    const runs = pairs.map(([first, second], index) =>
      prisma.$transaction(
        async (tx) => {
          await writeProgressChange(
            tx,
            ministry,
            first!,
            { version: 1, status: statuses(index)[0], percentComplete: 5 + index, asOf: today, evidence: [] },
            ip,
          );
          await together; // every transaction holds its first write before any makes its second
          await writeProgressChange(
            tx,
            ministry,
            second!,
            { version: 1, status: statuses(index)[1], percentComplete: 3 + index, asOf: today, evidence: [] },
            ip,
          );
        },
        { timeout: 20_000 },
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    const outcomes = await Promise.allSettled(runs);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    expect(await checkRollups()).toEqual([]);
  });
});
