import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { getCompletionByHorizon, getFigures, getMovement, getStatusBySector } from "@/lib/dashboard/dashboard";
import { FIGURES } from "@/lib/figures/figure-names";
import { countProjects, parseProjectListQuery } from "@/lib/projects/list-projects";
import { blockerFigures, listBlockers, parseBlockerQuery, saveBlocker } from "@/lib/schedule/blockers";
import { actor } from "../support/actors";

// "My projects" as a dashboard scope: the dashboard over the projects a user is responsible for, a contact of or
// watches. Every card equals the row count of the list it opens (?mine=1), and no other project is counted.

const today = "2031-03-01";
let manager: Actor;
let officer: Actor;
let mineIds: number[] = [];

beforeAll(async () => {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const created = await prisma.user.create({
    data: { email: `mine-${stamp}@batys.test`, name: "Mine Manager", role: "MANAGER", passwordHash: "-" },
  });
  manager = { id: created.id, role: created.role, oblastId: null };
  const aktobe = await prisma.oblast.findUniqueOrThrow({ where: { code: "AKT" } });
  const akimat = await prisma.user.create({
    data: {
      email: `mine-akimat-${stamp}@batys.test`,
      name: "Mine Officer",
      role: "AKIMAT",
      oblastId: aktobe.id,
      passwordHash: "-",
    },
  });
  officer = { id: akimat.id, role: akimat.role, oblastId: akimat.oblastId };
  // Watched: two Aktobe projects and one Atyrau project (objects and a measure); responsible for none.
  const pick = (code: string, kind: "OBJECT" | "MEASURE", take: number) =>
    prisma.project.findMany({
      where: { withdrawnAt: null, kind, oblasts: { every: { oblast: { code } }, some: {} } },
      orderBy: { code: "desc" },
      take,
      select: { id: true },
    });
  const chosen = [
    ...(await pick("AKT", "OBJECT", 2)),
    ...(await pick("AKT", "MEASURE", 1)),
    ...(await pick("ATY", "OBJECT", 1)),
  ];
  mineIds = chosen.map((project) => project.id);
  await prisma.projectWatcher.createMany({
    data: chosen.flatMap((project) => [
      { projectId: project.id, userId: manager.id },
      { projectId: project.id, userId: officer.id },
    ]),
  });
  // A blocker on one of them, overdue on `today`, and one on a project nobody here watches.
  const ministry = await actor("ministry@batys.demo");
  const [watched, other] = await Promise.all([
    prisma.project.findUniqueOrThrow({ where: { id: mineIds[0]! } }),
    prisma.project.findFirstOrThrow({ where: { withdrawnAt: null, id: { notIn: mineIds } }, orderBy: { code: "asc" } }),
  ]);
  for (const project of [watched, other]) {
    const saved = await saveBlocker(
      ministry,
      {
        projectCode: project.code,
        category: "LAND",
        description: "Land not yet allocated",
        escalation: "OBLAST",
        status: "OPEN",
        dueDate: "2031-01-15",
      },
      { ip: null },
    );
    expect(saved.ok).toBe(true);
  }
});

describe("my projects as a dashboard scope", () => {
  it("counts only the user's own projects, and every figure equals the list it opens", async () => {
    for (const kind of ["ALL", "OBJECT", "MEASURE"] as const) {
      const figures = await getFigures(manager, { kind, mine: true }, { today });
      const expectedTotal = await prisma.project.count({
        where: { id: { in: mineIds }, ...(kind === "ALL" ? {} : { kind }) },
      });
      expect(figures.total).toBe(expectedTotal);
      const listKind = kind === "ALL" ? {} : { kind };
      expect(await countProjects(manager, parseProjectListQuery({ mine: "1", ...listKind }), { today })).toBe(
        figures.total,
      );
      for (const figure of FIGURES) {
        const listed = await countProjects(manager, parseProjectListQuery({ mine: "1", figure, ...listKind }), {
          today,
        });
        expect(listed, `${kind} ${figure}`).toBe(figures[figure]);
      }
    }
  });

  it("charts and movement read the same projects, and the whole region stays the whole region", async () => {
    const filter = { kind: "ALL" as const, mine: true };
    const [figures, bySector, byHorizon, movement, region] = await Promise.all([
      getFigures(manager, filter, { today }),
      getStatusBySector(manager, filter, { today }),
      getCompletionByHorizon(manager, filter, { today }),
      getMovement(manager, filter, { today }),
      getFigures(manager, { kind: "ALL" }, { today }),
    ]);
    const sum = (row: Record<string, unknown>) =>
      ["PLANNED", "DESIGN", "IN_PROGRESS", "COMPLETED", "PAUSED", "CANCELLED"].reduce(
        (total, status) => total + Number(row[status]),
        0,
      );
    expect(bySector.reduce((total, row) => total + sum(row), 0)).toBe(figures.total);
    expect(byHorizon.reduce((total, row) => total + row.total, 0)).toBe(figures.total);
    expect(movement.stalledCount).toBe(figures.stalled);
    expect(region.total).toBeGreaterThan(figures.total);
  });

  it("an akimat officer's own projects are only those of their oblast", async () => {
    const figures = await getFigures(officer, { oblastCode: "AKT", kind: "ALL", mine: true }, { today });
    expect(figures.total).toBe(3);
    expect(await countProjects(officer, parseProjectListQuery({ mine: "1" }), { today })).toBe(3);
  });

  it("blocker figures of my projects equal the blockers register filtered to my projects", async () => {
    const figures = await blockerFigures(manager, { mine: "1" }, today);
    expect(figures).toEqual({ open: 1, overdue: 1 });
    const open = await listBlockers(manager, parseBlockerQuery({ mine: "1" }), today);
    const overdue = await listBlockers(manager, parseBlockerQuery({ mine: "1", state: "overdue" }), today);
    expect(open.total).toBe(figures.open);
    expect(overdue.total).toBe(figures.overdue);
    expect(overdue.blockers.map((blocker) => blocker.projectCode)).toHaveLength(1);
    const everyone = await blockerFigures(manager, {}, today);
    expect(everyone.open).toBeGreaterThanOrEqual(2);
  });

  it("blocker figures of a sector or kind equal the register filtered the same way", async () => {
    for (const filter of [
      { sector: "transport" },
      { kind: "OBJECT" as const },
      { oblast: "AKT", kind: "MEASURE" as const },
    ]) {
      const figures = await blockerFigures(manager, filter, today);
      const open = await listBlockers(manager, parseBlockerQuery(filter), today);
      const overdue = await listBlockers(manager, parseBlockerQuery({ ...filter, state: "overdue" }), today);
      expect([open.total, overdue.total]).toEqual([figures.open, figures.overdue]);
    }
  });
});
