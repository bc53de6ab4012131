import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { acceptFieldReport } from "@/lib/field-reports/accept-field-report";
import { acceptFieldReports } from "@/lib/field-reports/accept-field-reports";
import { fieldReportsOnProject, listFieldReports } from "@/lib/field-reports/list-field-reports";
import { rejectFieldReport } from "@/lib/field-reports/reject-field-report";
import { submitFieldReport } from "@/lib/field-reports/submit-field-report";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { importProgressSheet } from "@/lib/progress/import-progress";
import type { SheetRow } from "@/lib/progress/progress-sheet";
import { updateProjectDetails } from "@/lib/progress/project-details";
import { recordProgress } from "@/lib/progress/record-progress";
import { actor, freshProject, projectFingerprint } from "../support/actors";

const today = todayInKazakhstan();
const ip = { ip: "192.0.2.40" };
const sheetOptions = { mode: "apply" as const, locale: "en" as const, fileName: "sheet.xlsx", ip: null };

/** A sheet row proposing `values` for a project, as readSheet hands it over (every cell as text). */
function sheetRow(code: string, version: number, values: Partial<SheetRow>): SheetRow {
  return {
    line: 2,
    projectCode: code,
    version: String(version),
    status: "PLANNED",
    percentComplete: "0",
    quantityDone: "",
    asOf: today,
    forecastFinish: "",
    pauseReason: "",
    comment: "",
    evidenceUrl: "",
    rowKey: "",
    ...values,
  };
}

describe("one progress change, the same rules on every path", () => {
  it("a PAUSED field report keeps its pause reason and is accepted, one by one and in bulk", async () => {
    const officer = await actor("akimat.akt@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    const [single, bulkA, bulkB] = [
      await freshProject("AKT", 2),
      await freshProject("AKT", 3),
      await freshProject("AKT", 4),
    ];
    const pause = async (code: string) => {
      const result = await submitFieldReport(
        officer,
        { projectCode: code, status: "PAUSED", percentComplete: 0, asOf: today, pauseReason: "LAND", comment: "Жер" },
        ip,
      );
      expect(result).toMatchObject({ ok: true, replacedReportId: null });
      return (result as { reportId: number }).reportId;
    };
    const singleId = await pause(single.code);
    expect(await prisma.fieldReport.findUniqueOrThrow({ where: { id: singleId } })).toMatchObject({
      status: "PAUSED",
      pauseReason: "LAND",
    });
    expect(await acceptFieldReport(ministry, { reportId: singleId }, ip)).toEqual({ ok: true });
    expect(await prisma.project.findUniqueOrThrow({ where: { id: single.id } })).toMatchObject({
      status: "PAUSED",
      pauseReason: "LAND",
      version: 2,
    });
    expect(await prisma.progressUpdate.findFirstOrThrow({ where: { projectId: single.id } })).toMatchObject({
      status: "PAUSED",
      pauseReason: "LAND",
      reportedById: officer.id,
    });

    const ids = [await pause(bulkA.code), await pause(bulkB.code)];
    expect(await acceptFieldReports(ministry, { reportIds: ids }, ip)).toEqual({ ok: true, accepted: 2, refused: [] });
    for (const project of [bulkA, bulkB])
      expect(await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({
        status: "PAUSED",
        pauseReason: "LAND",
      });
  });

  it("the form, the sheet, a field report's submission and its acceptance refuse the same bad change with the same message", async () => {
    const ministry = await actor("ministry@batys.demo");
    const officer = await actor("akimat.aty@batys.demo");
    const project = await freshProject("ATY", 6);
    const before = await projectFingerprint(project.id);
    // Paused without saying why: the change every path must refuse the same way.
    const bad = { status: "PAUSED", percentComplete: "0", asOf: today, comment: "Тоқтап тұр" };
    const expected = { pauseReason: "pauseReasonRequired" };

    expect(await recordProgress(ministry, { projectCode: project.code, version: 1, ...bad }, ip)).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: expected,
    });
    const sheet = await importProgressSheet(ministry, [sheetRow(project.code, 1, bad)], sheetOptions);
    expect(sheet.rows[0]).toMatchObject({ outcome: "invalid", errors: expected });
    const officerSheet = await importProgressSheet(officer, [sheetRow(project.code, 1, bad)], sheetOptions);
    expect(officerSheet.rows[0]).toMatchObject({ outcome: "invalid", errors: expected });
    expect(await submitFieldReport(officer, { projectCode: project.code, ...bad }, ip)).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: expected,
    });
    expect(await projectFingerprint(project.id)).toEqual(before);

    // A report stored before pause reasons were kept (the old, incomplete shape) meets the same rule at acceptance.
    const legacy = await prisma.fieldReport.create({
      data: {
        projectId: project.id,
        submittedById: officer.id,
        status: "PAUSED",
        percentComplete: 0,
        asOf: new Date(`${today}T00:00:00Z`),
        comment: "Ескі есеп",
      },
    });
    const fingerprint = await projectFingerprint(project.id);
    expect(await acceptFieldReport(ministry, { reportId: legacy.id }, ip)).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: expected,
    });
    expect(await acceptFieldReports(ministry, { reportIds: [legacy.id] }, ip)).toEqual({
      ok: true,
      accepted: 0,
      refused: [{ reportId: legacy.id, projectCode: project.code, reason: "invalid", fieldErrors: expected }],
    });
    expect(await projectFingerprint(project.id)).toEqual(fingerprint);
    const queue = await listFieldReports(ministry, { page: 1, oblast: "ATY" });
    expect(queue?.reports.find((report) => report.id === legacy.id)?.advice).toEqual({
      withdrawn: false,
      fieldErrors: expected,
    });
  });

  it("refuses a blank, hex, exponent or fractional percent and impossible or implausible dates on every path", async () => {
    const ministry = await actor("ministry@batys.demo");
    const officer = await actor("akimat.man@batys.demo");
    const project = await freshProject("MAN", 6);
    const before = await projectFingerprint(project.id);
    const base = { status: "DESIGN", percentComplete: "10", asOf: today, comment: "Көрдім" };
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ percentComplete: "" }, { percentComplete: "required" }],
      [{ percentComplete: "   " }, { percentComplete: "required" }],
      [{ percentComplete: "0x32" }, { percentComplete: "percentRange" }],
      [{ percentComplete: "1e2" }, { percentComplete: "percentRange" }],
      [{ percentComplete: "50.5" }, { percentComplete: "wholeNumber" }],
      [{ percentComplete: "50,5" }, { percentComplete: "wholeNumber" }],
      [{ percentComplete: "-1" }, { percentComplete: "percentRange" }],
      [{ asOf: "2026-11-31" }, { asOf: "invalidDate" }],
      [{ asOf: "2027-02-30" }, { asOf: "invalidDate" }],
      [{ asOf: "" }, { asOf: "required" }],
      [{ asOf: "1999-12-31" }, { asOf: "dateTooEarly" }],
      [{ asOf: "2099-01-01" }, { asOf: "futureDate" }],
      [{ forecastFinish: "2027-02-30" }, { forecastFinish: "invalidDate" }],
      [{ forecastFinish: "2101-01-01" }, { forecastFinish: "dateTooLate" }],
      [{ quantityDone: "0x10" }, { quantityDone: "notANumber" }],
      [{ quantityDone: "1e3" }, { quantityDone: "notANumber" }],
    ];
    for (const [change, errors] of cases) {
      const input = { ...base, ...change };
      expect(
        await recordProgress(ministry, { projectCode: project.code, version: 1, ...input }, ip),
        JSON.stringify(change),
      ).toEqual({
        ok: false,
        reason: "invalid",
        fieldErrors: errors,
      });
      expect(await submitFieldReport(officer, { projectCode: project.code, ...input }, ip)).toEqual({
        ok: false,
        reason: "invalid",
        fieldErrors: errors,
      });
      const sheet = await importProgressSheet(ministry, [sheetRow(project.code, 1, input)], sheetOptions);
      expect(sheet.rows[0], JSON.stringify(change)).toMatchObject({ outcome: "invalid", errors });
    }
    expect(await projectFingerprint(project.id)).toEqual(before);
  });

  it("a forecast finish already past needs a confirmation or a comment", async () => {
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("MAN", 7);
    const input = { projectCode: project.code, version: 1, status: "DESIGN", percentComplete: "5", asOf: today };
    expect(await recordProgress(ministry, { ...input, forecastFinish: "2020-06-30" }, ip)).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { forecastFinish: "forecastInPast" },
    });
    expect(
      await recordProgress(ministry, { ...input, forecastFinish: "2020-06-30", confirmPastForecast: "on" }, ip),
    ).toMatchObject({ ok: true });
  });
});

describe("a withdrawn project", () => {
  it("refuses progress, details, field reports and their acceptance on the server, and nothing changes", async () => {
    const ministry = await actor("ministry@batys.demo");
    const officer = await actor("akimat.zko@batys.demo");
    const project = await freshProject("ZKO", 6);
    const report = (await submitFieldReport(
      officer,
      { projectCode: project.code, status: "DESIGN", percentComplete: 5, asOf: today, comment: "Көрдім" },
      ip,
    )) as { ok: true; reportId: number };
    await prisma.project.update({ where: { id: project.id }, data: { withdrawnAt: new Date() } });
    const before = await projectFingerprint(project.id);
    const withdrawn = { ok: false, reason: "withdrawn" };
    expect(
      await recordProgress(
        ministry,
        { projectCode: project.code, version: 1, status: "DESIGN", percentComplete: 5, asOf: today },
        ip,
      ),
    ).toEqual(withdrawn);
    expect(
      await updateProjectDetails(ministry, { projectCode: project.code, version: 1, responsibleOrganisation: "X" }, ip),
    ).toEqual(withdrawn);
    expect(
      await submitFieldReport(
        officer,
        { projectCode: project.code, status: "DESIGN", percentComplete: 5, asOf: today, comment: "Көрдім" },
        ip,
      ),
    ).toEqual(withdrawn);
    expect(await acceptFieldReport(ministry, { reportId: report.reportId }, ip)).toEqual(withdrawn);
    const sheet = await importProgressSheet(
      ministry,
      [sheetRow(project.code, 1, { status: "DESIGN", percentComplete: "5" })],
      sheetOptions,
    );
    expect(sheet).toMatchObject({ applied: false, rows: [{ outcome: "withdrawn" }] });
    expect(await projectFingerprint(project.id)).toEqual(before);
    expect(await prisma.fieldReport.findUniqueOrThrow({ where: { id: report.reportId } })).toMatchObject({
      state: "PENDING",
    });
    // Other test files count the catalog's live projects: put this one back.
    await prisma.project.update({ where: { id: project.id }, data: { withdrawnAt: null } });
  });
});

describe("the field-report loop", () => {
  it("keeps one pending report per officer and project: a new one replaces it, and the officer sees the fate of each", async () => {
    const officer = await actor("akimat.aty@batys.demo");
    const admin = await actor("admin@batys.demo");
    const project = await freshProject("ATY", 7);
    const send = (percentComplete: number) =>
      submitFieldReport(
        officer,
        { projectCode: project.code, status: "DESIGN", percentComplete, asOf: today, comment: `${percentComplete}%` },
        ip,
      );
    const first = (await send(5)) as { ok: true; reportId: number };
    const second = await send(10);
    expect(second).toMatchObject({ ok: true, replacedReportId: first.reportId });
    const secondId = (second as { reportId: number }).reportId;
    expect(await prisma.fieldReport.findUniqueOrThrow({ where: { id: first.reportId } })).toMatchObject({
      state: "SUPERSEDED",
      supersededById: secondId,
    });
    expect(await prisma.fieldReport.count({ where: { projectId: project.id, state: "PENDING" } })).toBe(1);
    // A superseded report cannot be accepted any more.
    expect(await acceptFieldReport(admin, { reportId: first.reportId }, ip)).toEqual({
      ok: false,
      reason: "alreadyReviewed",
    });

    expect(await rejectFieldReport(admin, { reportId: secondId, reason: "Фото жоқ" }, ip)).toEqual({ ok: true });
    const third = (await send(15)) as { ok: true; reportId: number; replacedReportId: number | null };
    expect(third.replacedReportId).toBeNull();

    const own = await fieldReportsOnProject(officer, project.id);
    expect(own.mode).toBe("own");
    expect(own.reports.map((report) => [report.id, report.state])).toEqual([
      [third.reportId, "PENDING"],
      [secondId, "REJECTED"],
      [first.reportId, "SUPERSEDED"],
    ]);
    expect(own.reports[0]).toMatchObject({
      current: { status: "PLANNED", percentComplete: 0 },
      proposed: { status: "DESIGN", percentComplete: 15, asOf: today },
    });
    expect(own.reports[1]).toMatchObject({ rejectionReason: "Фото жоқ", reviewedBy: { name: expect.any(String) } });

    const reviewer = await fieldReportsOnProject(admin, project.id);
    expect(reviewer.reports.map((report) => report.id)).toEqual([third.reportId]);
    expect(reviewer.reports[0]!.advice).toEqual({ withdrawn: false, fieldErrors: {} });
    // Another officer's or a manager's view holds none of them.
    expect((await fieldReportsOnProject(await actor("manager@batys.demo"), project.id)).reports).toEqual([]);
  });

  it("the queue filters by oblast, sector and age, and reviewed reports stay findable", async () => {
    const ministry = await actor("ministry@batys.demo");
    const officer = await actor("akimat.zko@batys.demo");
    const project = await freshProject("ZKO", 7);
    const sector = await prisma.project.findUniqueOrThrow({
      where: { id: project.id },
      select: { category: { select: { sector: { select: { code: true } } } } },
    });
    const submitted = (await submitFieldReport(
      officer,
      { projectCode: project.code, status: "DESIGN", percentComplete: 5, asOf: today, comment: "Көрдім" },
      ip,
    )) as { ok: true; reportId: number };
    const ids = async (query: Record<string, string>) =>
      (await listFieldReports(ministry, { page: 1, ...query }))!.reports.map((report) => report.id);
    expect(await ids({ oblast: "ZKO" })).toContain(submitted.reportId);
    expect(await ids({ oblast: "AKT" })).not.toContain(submitted.reportId);
    expect(await ids({ sector: sector.category.sector.code })).toContain(submitted.reportId);
    expect(await ids({ sector: "no-such-sector" })).toEqual([]);
    expect(await ids({ olderThan: "3" })).not.toContain(submitted.reportId);
    await prisma.fieldReport.update({
      where: { id: submitted.reportId },
      data: { createdAt: new Date(Date.now() - 10 * 24 * 60 * 60 * 1000) },
    });
    expect(await ids({ olderThan: "7" })).toContain(submitted.reportId);
    expect(await ids({ olderThan: "30" })).not.toContain(submitted.reportId);

    expect(await acceptFieldReport(ministry, { reportId: submitted.reportId }, ip)).toEqual({ ok: true });
    expect(await ids({ oblast: "ZKO" })).not.toContain(submitted.reportId);
    expect(await ids({ tab: "reviewed", oblast: "ZKO" })).toContain(submitted.reportId);
  });
});
