import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { blockerFigures, listBlockers, parseBlockerQuery, saveBlocker } from "@/lib/schedule/blockers";
import { recordActor } from "@/lib/figures/detail-history";
import { confidenceStory } from "@/lib/schedule/confidence-story";
import { projectMilestones, saveMilestone } from "@/lib/schedule/milestones";
import { actor, freshProject } from "../support/actors";
import { withSql } from "../support/database";

const context = { ip: "127.0.0.1" };
let aktobe = { id: 0, code: "" };
let atyrau = { id: 0, code: "" };

async function counts(projectId: number) {
  const [milestones, milestoneChanges, blockers, blockerChanges, audits] = await Promise.all([
    prisma.milestone.count({ where: { projectId } }),
    prisma.milestoneChange.count({ where: { milestone: { projectId } } }),
    prisma.blocker.count({ where: { projectId } }),
    prisma.blockerChange.count({ where: { blocker: { projectId } } }),
    prisma.auditLog.count({ where: { targetType: "project", targetId: String(projectId) } }),
  ]);
  return { milestones, milestoneChanges, blockers, blockerChanges, audits };
}

beforeAll(async () => {
  aktobe = await freshProject("AKT", 2);
  atyrau = await freshProject("ATY", 2);
  await prisma.project.update({ where: { id: aktobe.id }, data: { status: "IN_PROGRESS", percentComplete: 20 } });
});

describe("milestones", () => {
  it("computes slip from the baseline and freezes the baseline of a project under way: it moves only with a reason", async () => {
    const ministry = await actor("ministry@batys.demo");
    const created = await saveMilestone(
      ministry,
      {
        projectCode: aktobe.code,
        type: "CONTRACT_SIGNED",
        baselineDate: "2026-03-01",
        forecastDate: "2026-04-15",
        status: "SCHEDULED",
      },
      context,
    );
    expect(created.ok).toBe(true);
    const [milestone] = await projectMilestones(aktobe.id);
    expect(milestone!.slipDays).toBe(45);

    const before = await counts(aktobe.id);
    const moved = {
      projectCode: aktobe.code,
      milestoneId: String(milestone!.id),
      version: "1",
      type: "CONTRACT_SIGNED",
      baselineDate: "2026-05-01",
      forecastDate: "2026-04-15",
      status: "SCHEDULED",
    };
    expect(await saveMilestone(ministry, moved, context)).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { reason: "baselineChangeNeedsReason" },
    });
    expect(await counts(aktobe.id)).toEqual(before);

    const withReason = await saveMilestone(
      ministry,
      { ...moved, reason: "Tender re-run by decision of 2026-02-20" },
      context,
    );
    expect(withReason.ok).toBe(true);
    const [after] = await projectMilestones(aktobe.id);
    expect(after!.baselineDate).toBe("2026-05-01");
    expect(after!.slipDays).toBe(-16);
    expect(after!.changes.map((change) => change.reason)).toEqual(["Tender re-run by decision of 2026-02-20", null]);
    expect(after!.changes.map((change) => change.baselineDate)).toEqual(["2026-05-01", "2026-03-01"]);
  });

  it("refuses a stale version as a conflict, and impossible or future dates, changing nothing", async () => {
    const ministry = await actor("ministry@batys.demo");
    const [milestone] = await projectMilestones(aktobe.id);
    const before = await counts(aktobe.id);
    const base = { projectCode: aktobe.code, milestoneId: milestone!.id, type: "CONTRACT_SIGNED", status: "SCHEDULED" };
    expect(await saveMilestone(ministry, { ...base, version: 1, baselineDate: "2026-05-01" }, context)).toEqual({
      ok: false,
      reason: "conflict",
    });
    const impossible = await saveMilestone(
      ministry,
      { ...base, version: milestone!.version, baselineDate: "2026-05-01", forecastDate: "2027-02-30" },
      context,
    );
    expect(impossible).toMatchObject({ ok: false, fieldErrors: { forecastDate: "invalidDate" } });
    const future = await saveMilestone(
      ministry,
      { ...base, version: milestone!.version, baselineDate: "2026-05-01", status: "MET", actualDate: "2099-01-01" },
      context,
    );
    expect(future).toMatchObject({ ok: false, fieldErrors: { actualDate: "futureDate" } });
    expect(await counts(aktobe.id)).toEqual(before);
  });

  it("may be edited by ministry staff only: a manager is refused, an akimat officer outside the oblast gets not found", async () => {
    const before = await counts(atyrau.id);
    const input = { projectCode: atyrau.code, type: "DESIGN_APPROVED", status: "SCHEDULED" };
    expect(await saveMilestone(await actor("manager@batys.demo"), input, context)).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await saveMilestone(await actor("akimat.aty@batys.demo"), input, context)).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await saveMilestone(await actor("akimat.akt@batys.demo"), input, context)).toEqual({
      ok: false,
      reason: "notFound",
    });
    expect(await counts(atyrau.id)).toEqual(before);
  });
});

describe("blockers", () => {
  it("an akimat officer raises one for their oblast; the ministry assigns it; only its owner may move it, and only its state", async () => {
    const officer = await actor("akimat.aty@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    const raised = await saveBlocker(
      officer,
      {
        projectCode: atyrau.code,
        category: "LAND",
        description: "Land plot not yet allocated by the district",
        escalation: "DISTRICT",
        status: "OPEN",
        dueDate: "2026-01-31",
      },
      context,
    );
    expect(raised.ok).toBe(true);
    const blockerId = raised.ok ? raised.blockerId : 0;
    const assigned = await saveBlocker(
      ministry,
      {
        projectCode: atyrau.code,
        blockerId,
        version: 1,
        category: "LAND",
        description: "Land plot not yet allocated by the district",
        responsibleUserId: officer.id,
        escalation: "OBLAST",
        status: "IN_HAND",
        dueDate: "2026-01-31",
      },
      context,
    );
    expect(assigned.ok).toBe(true);
    const update = {
      projectCode: atyrau.code,
      blockerId,
      version: 2,
      category: "OTHER",
      description: "rewritten by the owner",
      escalation: "MINISTRY",
      status: "RESOLVED",
      resolutionNote: "Allocated by akimat decision No. 12",
    };
    const zko = await actor("akimat.zko@batys.demo");
    expect(await saveBlocker(zko, update, context)).toEqual({ ok: false, reason: "notFound" });
    const blocker = await prisma.blocker.findUniqueOrThrow({ where: { id: blockerId } });
    expect(blocker.version).toBe(2);
    expect((await saveBlocker(officer, update, context)).ok).toBe(true);
    const after = await prisma.blocker.findUniqueOrThrow({ where: { id: blockerId } });
    expect(after).toMatchObject({
      status: "RESOLVED",
      escalation: "MINISTRY",
      category: "LAND",
      description: "Land plot not yet allocated by the district",
      version: 3,
    });
    expect(await prisma.blockerChange.count({ where: { blockerId } })).toBe(3);
  });

  it("refuses an akimat officer who is not the owner, and a responsible person who cannot see the project", async () => {
    const ministry = await actor("ministry@batys.demo");
    const raised = await saveBlocker(
      ministry,
      {
        projectCode: atyrau.code,
        category: "PERMITS",
        description: "Expert review pending",
        escalation: "MINISTRY",
        status: "OPEN",
      },
      context,
    );
    const blockerId = raised.ok ? raised.blockerId : 0;
    const before = await counts(atyrau.id);
    const change = {
      projectCode: atyrau.code,
      blockerId,
      version: 1,
      category: "PERMITS",
      description: "x",
      escalation: "GOVERNMENT",
      status: "OPEN",
    };
    expect(await saveBlocker(await actor("akimat.aty@batys.demo"), change, context)).toEqual({
      ok: false,
      reason: "forbidden",
    });
    const outsider = await actor("akimat.man@batys.demo");
    expect(
      await saveBlocker(
        ministry,
        { ...change, description: "Expert review pending", responsibleUserId: outsider.id },
        context,
      ),
    ).toEqual({ ok: false, reason: "invalid", fieldErrors: { responsibleUserId: "responsibleCannotSee" } });
    expect(await counts(atyrau.id)).toEqual(before);
  });

  it("counts open and overdue blockers by the list's own filter, overdue first, and they change with the date alone", async () => {
    const manager = await actor("manager@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    await saveBlocker(
      ministry,
      {
        projectCode: atyrau.code,
        category: "FINANCING",
        description: "Co-financing letter",
        escalation: "OBLAST",
        status: "OPEN",
        dueDate: "2026-06-30",
      },
      context,
    );
    const early = await blockerFigures(manager, {}, "2026-06-01");
    const late = await blockerFigures(manager, {}, "2026-07-01");
    expect(late.open).toBe(early.open);
    expect(late.overdue).toBe(early.overdue + 1);
    const list = await listBlockers(manager, parseBlockerQuery({ state: "overdue" }), "2026-07-01");
    expect(list.total).toBe(late.overdue);
    const open = await listBlockers(manager, parseBlockerQuery({}), "2026-07-01");
    expect(open.total).toBe(late.open);
    const firstNotOverdue = open.blockers.findIndex((blocker) => !blocker.overdue);
    expect(open.blockers.slice(firstNotOverdue).some((blocker) => blocker.overdue)).toBe(false);
    const akimatView = await blockerFigures(await actor("akimat.akt@batys.demo"), {}, "2026-07-01");
    expect(akimatView.open).toBe(
      await prisma.blocker.count({
        where: { status: { in: ["OPEN", "IN_HAND"] }, project: { oblasts: { some: { oblast: { code: "AKT" } } } } },
      }),
    );
  });

  it("refuses every write to a withdrawn project", async () => {
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("MAN", 2);
    await prisma.project.update({ where: { id: project.id }, data: { withdrawnAt: new Date() } });
    const before = await counts(project.id);
    expect(
      await saveBlocker(
        ministry,
        { projectCode: project.code, category: "LAND", description: "x", escalation: "DISTRICT", status: "OPEN" },
        context,
      ),
    ).toEqual({ ok: false, reason: "withdrawn" });
    expect(
      await saveMilestone(ministry, { projectCode: project.code, type: "COMMISSIONED", status: "SCHEDULED" }, context),
    ).toEqual({ ok: false, reason: "withdrawn" });
    expect(await counts(project.id)).toEqual(before);
    await prisma.project.update({ where: { id: project.id }, data: { withdrawnAt: null } });
  });
});

describe("schedule history", () => {
  it("is append-only in the database: no update, delete or truncate of milestone or blocker versions", async () => {
    await withSql(async (sql) => {
      await expect(sql.query("UPDATE milestone_changes SET reason = 'rewritten'")).rejects.toThrow(
        /append-only|permission denied/,
      );
      await expect(sql.query("DELETE FROM blocker_changes")).rejects.toThrow(/append-only|permission denied/);
      await expect(sql.query("TRUNCATE milestone_changes CASCADE")).rejects.toThrow(/append-only|permission denied/);
    });
  });
});

describe("delivery confidence over time", () => {
  it("tells every change of the rating with who made it and why, newest first", async () => {
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("ZKO", 3);
    for (const [confidence, reason] of [
      ["AMBER", "Мердігер кешікті"],
      ["RED", "Қаржыландыру тоқтады"],
    ] as const) {
      await prisma.$transaction(async (tx) => {
        await recordActor(tx, ministry.id);
        await tx.project.update({
          where: { id: project.id },
          data: { confidence, confidenceReason: reason, version: { increment: 1 } },
        });
      });
    }
    // A change of something else is not part of the confidence story.
    await prisma.$transaction(async (tx) => {
      await recordActor(tx, ministry.id);
      await tx.project.update({ where: { id: project.id }, data: { responsibleOrganisation: "ҚР ҚМ" } });
    });
    const story = await confidenceStory(project.id);
    const name = (await prisma.user.findUniqueOrThrow({ where: { id: ministry.id } })).name;
    expect(story.map(({ confidence, reason, actor }) => ({ confidence, reason, actor }))).toEqual([
      { confidence: "RED", reason: "Қаржыландыру тоқтады", actor: name },
      { confidence: "AMBER", reason: "Мердігер кешікті", actor: name },
    ]);
  });
});
