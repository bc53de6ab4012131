import { afterAll, describe, expect, it } from "vitest";
import { checkRollups } from "@/lib/rollups/check-rollups";
import { prisma } from "@/lib/db";
import { acceptFieldReport } from "@/lib/field-reports/accept-field-report";
import { acceptFieldReports } from "@/lib/field-reports/accept-field-reports";
import { listFieldReports } from "@/lib/field-reports/list-field-reports";
import { rejectFieldReport } from "@/lib/field-reports/reject-field-report";
import { submitFieldReport } from "@/lib/field-reports/submit-field-report";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { actor, freshProject, projectFingerprint } from "../support/actors";

const today = todayInKazakhstan();
const ip = { ip: "192.0.2.20" };

describe("field reports", () => {
  it("an akimat officer reports on their oblast's project; ministry accepts it and it becomes a progress update credited to both", async () => {
    const officer = await actor("akimat.aty@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("ATY", 5);
    const submitted = await submitFieldReport(
      officer,
      {
        projectCode: project.code,
        status: "DESIGN",
        percentComplete: 15,
        asOf: today,
        comment: "Жобалау-іздестіру жүріп жатыр",
      },
      ip,
    );
    expect(submitted.ok).toBe(true);
    const queue = await listFieldReports(ministry, { page: 1 });
    expect(queue?.mode).toBe("review");
    const reportId = (submitted as { reportId: number }).reportId;
    expect(queue?.reports.map((report) => report.id)).toContain(reportId);

    expect(await acceptFieldReport(ministry, { reportId }, ip)).toEqual({ ok: true });
    const saved = await prisma.project.findUniqueOrThrow({
      where: { id: project.id },
      include: { progressUpdates: true },
    });
    expect(saved).toMatchObject({ status: "DESIGN", percentComplete: 15, version: 2 });
    expect(saved.progressUpdates[0]).toMatchObject({ authorId: ministry.id, reportedById: officer.id });
    expect(await prisma.fieldReport.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({
      state: "ACCEPTED",
      reviewedById: ministry.id,
    });
    expect(await acceptFieldReport(ministry, { reportId }, ip)).toEqual({ ok: false, reason: "alreadyReviewed" });
  });

  it("a rejected report keeps its reason for the officer, and changes nothing on the project", async () => {
    const officer = await actor("akimat.zko@batys.demo");
    const admin = await actor("admin@batys.demo");
    const project = await freshProject("ZKO", 5);
    const submitted = (await submitFieldReport(
      officer,
      {
        projectCode: project.code,
        status: "IN_PROGRESS",
        percentComplete: 50,
        asOf: today,
        comment: "Жұмыс жүріп жатыр",
      },
      ip,
    )) as { ok: true; reportId: number };
    const before = await projectFingerprint(project.id);
    expect(await rejectFieldReport(admin, { reportId: submitted.reportId, reason: "" }, ip)).toMatchObject({
      reason: "invalid",
      fieldErrors: { reason: "reasonRequired" },
    });
    expect(await rejectFieldReport(admin, { reportId: submitted.reportId, reason: "Дәлел жоқ" }, ip)).toEqual({
      ok: true,
    });
    const mine = await listFieldReports(officer, { page: 1 });
    expect(mine?.mode).toBe("own");
    expect(mine?.reports.find((report) => report.id === submitted.reportId)).toMatchObject({
      state: "REJECTED",
      rejectionReason: "Дәлел жоқ",
    });
    const after = await projectFingerprint(project.id);
    expect({ ...after, audits: before.audits }).toEqual(before);
  });

  it("an akimat officer cannot report on another oblast's project, ministry staff and managers cannot submit, and akimat cannot review", async () => {
    const project = await freshProject("MAN", 5);
    const before = await projectFingerprint(project.id);
    const input = { projectCode: project.code, status: "DESIGN", percentComplete: 5, asOf: today, comment: "x" };
    expect(await submitFieldReport(await actor("akimat.akt@batys.demo"), input, ip)).toEqual({
      ok: false,
      reason: "notFound",
    });
    expect(await submitFieldReport(await actor("manager@batys.demo"), input, ip)).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await submitFieldReport(await actor("ministry@batys.demo"), input, ip)).toEqual({
      ok: false,
      reason: "forbidden",
    });
    const report = (await submitFieldReport(await actor("akimat.man@batys.demo"), input, ip)) as {
      ok: true;
      reportId: number;
    };
    expect(await acceptFieldReport(await actor("akimat.man@batys.demo"), { reportId: report.reportId }, ip)).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await acceptFieldReport(await actor("manager@batys.demo"), { reportId: report.reportId }, ip)).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await listFieldReports(await actor("manager@batys.demo"), { page: 1 })).toBeNull();
    expect((await projectFingerprint(project.id)).version).toBe(before.version);
  });

  it("bad field report input gets field errors: missing comment, future date, javascript: link", async () => {
    const officer = await actor("akimat.akt@batys.demo");
    const project = await freshProject("AKT", 5);
    const base = { projectCode: project.code, status: "DESIGN", percentComplete: 5, asOf: today, comment: "ok" };
    expect(await submitFieldReport(officer, { ...base, comment: "" }, ip)).toMatchObject({
      fieldErrors: { comment: "commentRequired" },
    });
    expect(await submitFieldReport(officer, { ...base, asOf: "2099-12-31" }, ip)).toMatchObject({
      fieldErrors: { asOf: "futureDate" },
    });
    expect(await submitFieldReport(officer, { ...base, evidenceUrl: "javascript:void(0)" }, ip)).toMatchObject({
      fieldErrors: { evidenceUrl: "httpLinkOnly" },
    });
    expect(await prisma.fieldReport.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("ministry staff accept a page of reports at once; each is judged on its own and a refused one stays pending", async () => {
    const officer = await actor("akimat.akt@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    const [first, second, third] = [
      await freshProject("AKT", 10),
      await freshProject("AKT", 11),
      await freshProject("AKT", 12),
    ];
    const submit = async (code: string, percentComplete: number) =>
      (
        (await submitFieldReport(
          officer,
          { projectCode: code, status: "DESIGN", percentComplete, asOf: today, comment: "Аудан хабарлады" },
          ip,
        )) as { ok: true; reportId: number }
      ).reportId;
    const ids = [await submit(first!.code, 10), await submit(second!.code, 20), await submit(third!.code, 30)];
    // One of them was rejected meanwhile by someone else.
    expect(
      await rejectFieldReport(await actor("admin@batys.demo"), { reportId: ids[2]!, reason: "Қайталанған" }, ip),
    ).toEqual({ ok: true });

    for (const [who, input, reason] of [
      ["manager@batys.demo", { reportIds: ids }, "forbidden"],
      ["akimat.akt@batys.demo", { reportIds: ids }, "forbidden"],
      ["ministry@batys.demo", { reportIds: [] }, "invalid"],
      ["ministry@batys.demo", { reportIds: Array.from({ length: 51 }, (_, index) => index + 1) }, "invalid"],
      ["ministry@batys.demo", { reportIds: ["x"] }, "invalid"],
    ] as const) {
      expect(await acceptFieldReports(await actor(who), input, ip)).toEqual({ ok: false, reason });
    }
    expect(await prisma.fieldReport.count({ where: { id: { in: ids.slice(0, 2) }, state: "PENDING" } })).toBe(2);

    expect(await acceptFieldReports(ministry, { reportIds: ids.map(String) }, ip)).toEqual({
      ok: true,
      accepted: 2,
      refused: [{ reportId: ids[2], projectCode: third!.code, reason: "alreadyReviewed" }],
    });
    expect(await prisma.project.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      status: "DESIGN",
      percentComplete: 10,
      version: 2,
    });
    expect(await prisma.project.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({
      status: "DESIGN",
      percentComplete: 20,
      version: 2,
    });
    expect(await prisma.project.findUniqueOrThrow({ where: { id: third!.id } })).toMatchObject({
      status: "PLANNED",
      version: 1,
    });
    expect(
      await prisma.auditLog.count({ where: { action: "fieldReport.accept", targetId: { in: ids.map(String) } } }),
    ).toBe(2);
  });
});

// Whatever this file wrote (concurrent saves, sheets, field reports, imports, withdrawals), the roll-ups the
// dashboards read must still equal a recomputation from the base tables.
afterAll(async () => {
  expect(await checkRollups()).toEqual([]);
});
