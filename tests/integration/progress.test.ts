import { afterAll, describe, expect, it } from "vitest";
import { checkRollups } from "@/lib/rollups/check-rollups";
import { prisma } from "@/lib/db";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { recordProgress } from "@/lib/progress/record-progress";
import { updateProjectDetails } from "@/lib/progress/project-details";
import { actor, freshProject, projectFingerprint } from "../support/actors";

const today = todayInKazakhstan();
const ip = { ip: "192.0.2.10" };

describe("recording progress", () => {
  it("ministry staff record progress: the project, its history and the audit row change together", async () => {
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("ATY");
    const result = await recordProgress(
      ministry,
      {
        projectCode: project.code,
        version: project.version,
        status: "DESIGN",
        percentComplete: 5,
        asOf: today,
        comment: "Жобалау басталды",
        evidenceUrl: "https://example.kz/act-1",
      },
      ip,
    );
    expect(result).toEqual({ ok: true, version: 2 });
    const saved = await prisma.project.findUniqueOrThrow({
      where: { id: project.id },
      include: { progressUpdates: true },
    });
    expect(saved).toMatchObject({ status: "DESIGN", percentComplete: 5, version: 2 });
    expect(saved.progressUpdates).toHaveLength(1);
    expect(saved.progressUpdates[0]).toMatchObject({
      previousStatus: "PLANNED",
      status: "DESIGN",
      authorId: ministry.id,
      comment: "Жобалау басталды",
    });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "project.progress", targetId: String(project.id) },
    });
    expect(audit).toMatchObject({ actorId: ministry.id, ip: "192.0.2.10" });
    expect(audit.before).toMatchObject({ status: "PLANNED", percentComplete: 0, version: 1 });
    expect(audit.after).toMatchObject({ status: "DESIGN", percentComplete: 5, version: 2 });
  });

  it("of N concurrent saves on one version exactly one wins and the others get a conflict that shows what changed", async () => {
    const ministry = await actor("ministry@batys.demo");
    const admin = await actor("admin@batys.demo");
    const project = await freshProject("MAN");
    const saves = Array.from({ length: 8 }, (_, index) =>
      recordProgress(
        index % 2 ? admin : ministry,
        {
          projectCode: project.code,
          version: project.version,
          status: "DESIGN",
          percentComplete: 10 + index,
          asOf: today,
        },
        ip,
      ),
    );
    const results = await Promise.all(saves);
    const winners = results.filter((result) => result.ok);
    const conflicts = results.filter((result) => !result.ok && result.reason === "conflict");
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(7);
    const saved = await prisma.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(saved.version).toBe(2);
    expect(await prisma.progressUpdate.count({ where: { projectId: project.id } })).toBe(1);
    const conflict = conflicts[0] as Extract<(typeof results)[number], { reason: "conflict" }>;
    expect(conflict.current).toMatchObject({ version: 2, status: "DESIGN", percentComplete: saved.percentComplete });
    expect(conflict.changes).toHaveLength(1);
    expect(conflict.changes[0]!.after).toMatchObject({ percentComplete: saved.percentComplete });
  });

  it("a save on a stale version is refused and nothing is overwritten", async () => {
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("ZKO");
    expect(
      (
        await recordProgress(
          ministry,
          { projectCode: project.code, version: 1, status: "DESIGN", percentComplete: 20, asOf: today },
          ip,
        )
      ).ok,
    ).toBe(true);
    const before = await projectFingerprint(project.id);
    const stale = await recordProgress(
      ministry,
      { projectCode: project.code, version: 1, status: "IN_PROGRESS", percentComplete: 60, asOf: today },
      ip,
    );
    expect(stale).toMatchObject({ ok: false, reason: "conflict" });
    expect(await projectFingerprint(project.id)).toEqual(before);
  });

  it("completing sets the actual finish, and reopening needs a comment", async () => {
    const admin = await actor("admin@batys.demo");
    const project = await freshProject("AKT");
    const done = await recordProgress(
      admin,
      {
        projectCode: project.code,
        version: 1,
        status: "COMPLETED",
        percentComplete: 100,
        quantityDone: Number(project.plannedQuantity),
        asOf: today,
      },
      ip,
    );
    expect(done).toEqual({ ok: true, version: 2 });
    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).actualFinish).not.toBeNull();
    expect(
      await recordProgress(
        admin,
        { projectCode: project.code, version: 2, status: "IN_PROGRESS", percentComplete: 90, asOf: today },
        ip,
      ),
    ).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { comment: "commentRequired" } });
    expect(
      await recordProgress(
        admin,
        {
          projectCode: project.code,
          version: 2,
          status: "IN_PROGRESS",
          percentComplete: 90,
          asOf: today,
          comment: "Ақау табылды",
        },
        ip,
      ),
    ).toEqual({ ok: true, version: 3 });
    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).actualFinish).toBeNull();
  });
});

describe("who may write progress", () => {
  it("managers and akimat officers cannot record progress, and nothing changes", async () => {
    const project = await freshProject("ATY", 1);
    const before = await projectFingerprint(project.id);
    for (const email of ["manager@batys.demo", "akimat.aty@batys.demo"]) {
      const result = await recordProgress(
        await actor(email),
        { projectCode: project.code, version: 1, status: "DESIGN", percentComplete: 5, asOf: today },
        ip,
      );
      expect(result, email).toEqual({ ok: false, reason: "forbidden" });
    }
    const outsider = await recordProgress(
      await actor("akimat.man@batys.demo"),
      { projectCode: project.code, version: 1, status: "DESIGN", percentComplete: 5, asOf: today },
      ip,
    );
    expect(outsider).toEqual({ ok: false, reason: "notFound" });
    expect(await projectFingerprint(project.id)).toEqual(before);
  });

  it("every bad input gets a field error and changes nothing", async () => {
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("ATY", 2);
    const before = await projectFingerprint(project.id);
    const base = { projectCode: project.code, version: 1, status: "DESIGN", percentComplete: 5, asOf: today };
    const bad: [Record<string, unknown>, string][] = [
      [{ ...base, percentComplete: "many" }, "percentComplete"],
      [{ ...base, percentComplete: 250 }, "percentComplete"],
      [{ ...base, asOf: "2999-01-01" }, "asOf"],
      [{ ...base, comment: "x".repeat(100_000) }, "comment"],
      [{ ...base, status: "DONE" }, "status"],
      [{ ...base, projectCode: "NOPE-2030-999" }, "notFound"],
      [{ ...base, evidenceUrl: "javascript:alert(document.cookie)" }, "evidenceUrl"],
      [{ ...base, quantityDone: Number(project.plannedQuantity) + 1 }, "quantityDone"],
      [{ ...base, quantityDone: -1 }, "quantityDone"],
      [{ ...base, version: "x" }, "version"],
    ];
    for (const [input, field] of bad) {
      const result = await recordProgress(ministry, input, ip);
      expect(result.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
      if (field === "notFound") expect(result).toEqual({ ok: false, reason: "notFound" });
      else expect(result).toMatchObject({ reason: "invalid", fieldErrors: { [field]: expect.any(String) } });
    }
    expect(await projectFingerprint(project.id)).toEqual(before);
  });
});

describe("project details", () => {
  it("are edited with an explanation when the budget forecast moves more than 5 %, and audited", async () => {
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("ZKO", 1);
    const base = {
      projectCode: project.code,
      version: 1,
      responsibleOrganisation: "ҚР Көлік министрлігі",
      baselineStart: "2026-01-01",
      baselineFinish: "2029-12-31",
      budgetBaseline: "1 000 000 000",
      budgetForecast: "1 040 000 000",
      confidence: "GREEN",
      confidenceReason: "Қаржы бөлінді",
    };
    expect(await updateProjectDetails(ministry, base, ip)).toEqual({ ok: true, version: 2 });
    const moved = { ...base, version: 2, budgetForecast: "1 200 000 000", confidenceReason: "" };
    expect(await updateProjectDetails(ministry, moved, ip)).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { budgetNote: "budgetNoteRequired" },
    });
    expect(await updateProjectDetails(ministry, { ...moved, budgetNote: "Баға өсті" }, ip)).toEqual({
      ok: true,
      version: 3,
    });
    expect(
      await updateProjectDetails(ministry, { ...moved, version: 3, budgetNote: "Баға өсті", confidence: "AMBER" }, ip),
    ).toMatchObject({ fieldErrors: { confidenceReason: "confidenceReasonRequired" } });
    const audit = await prisma.auditLog.findMany({
      where: { action: "project.details", targetId: String(project.id) },
      orderBy: { id: "asc" },
    });
    expect(audit).toHaveLength(2);
    expect(audit[1]!.before).toMatchObject({ budgetForecast: 1_040_000_000 });
    expect(audit[1]!.after).toMatchObject({ budgetForecast: 1_200_000_000, budgetNote: "Баға өсті" });
  });

  it("freeze the baseline once the project is in progress", async () => {
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("MAN", 1);
    expect(
      await updateProjectDetails(
        ministry,
        { projectCode: project.code, version: 1, baselineStart: "2026-03-01", baselineFinish: "2028-03-01" },
        ip,
      ),
    ).toEqual({ ok: true, version: 2 });
    expect(
      (
        await recordProgress(
          ministry,
          { projectCode: project.code, version: 2, status: "IN_PROGRESS", percentComplete: 10, asOf: today },
          ip,
        )
      ).ok,
    ).toBe(true);
    const result = await updateProjectDetails(
      ministry,
      { projectCode: project.code, version: 3, baselineStart: "2026-03-01", baselineFinish: "2030-03-01" },
      ip,
    );
    expect(result).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { baselineFinish: "baselineFrozen" } });
  });

  it("cannot be edited by a manager or an akimat officer", async () => {
    const project = await freshProject("AKT", 1);
    const before = await projectFingerprint(project.id);
    for (const email of ["manager@batys.demo", "akimat.akt@batys.demo"]) {
      expect(
        await updateProjectDetails(
          await actor(email),
          { projectCode: project.code, version: 1, responsibleOrganisation: "X" },
          ip,
        ),
      ).toEqual({ ok: false, reason: "forbidden" });
    }
    expect(await projectFingerprint(project.id)).toEqual(before);
  });
});

// Whatever this file wrote (concurrent saves, sheets, field reports, imports, withdrawals), the roll-ups the
// dashboards read must still equal a recomputation from the base tables.
afterAll(async () => {
  expect(await checkRollups()).toEqual([]);
});
