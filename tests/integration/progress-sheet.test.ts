import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { checkRollups } from "@/lib/rollups/check-rollups";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import { prisma } from "@/lib/db";
import { xlsxResponse } from "@/lib/http/xlsx";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { importProgressSheet } from "@/lib/progress/import-progress";
import {
  readSheet,
  readUploadedSheet,
  SHEET_COLUMNS,
  type SheetColumn,
  type SheetRow,
} from "@/lib/progress/progress-sheet";
import { progressSheet } from "@/lib/progress/progress-sheet-template";
import { recordProgress } from "@/lib/progress/record-progress";
import { parseProjectListQuery } from "@/lib/projects/list-projects";
import { actor } from "../support/actors";

// ATY measures due by 2040 (and inter-oblast ones touching Atyrau): no planned quantity, so the other suites'
// `freshProject` never picks them.
const FILTER = { kind: "MEASURE", oblast: "ATY", horizon: "2040" };
const today = todayInKazakhstan();
const t = (key: string) =>
  key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en) as string;
const col = (key: SheetColumn) => SHEET_COLUMNS.indexOf(key) + 1;

/** The progress sheet as the download route streams it, opened again as a workbook. */
async function downloadSheet(email: string): Promise<ExcelJS.Workbook> {
  const user = await actor(email);
  const response = xlsxResponse("sheet.xlsx", [progressSheet(user, parseProjectListQuery(FILTER), t, "en")]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

async function rowsOf(workbook: ExcelJS.Workbook): Promise<SheetRow[]> {
  // As the upload route reads it: zip checked, rows streamed.
  const sheet = await readUploadedSheet(new Uint8Array(await workbook.xlsx.writeBuffer()), "xlsx");
  if ("error" in sheet) throw new Error(`not a sheet: ${sheet.error}`);
  return sheet.rows;
}

/** The sheet line of a project, and a setter for its cells. */
function lineOf(workbook: ExcelJS.Workbook, code: string) {
  const worksheet = workbook.worksheets[0]!;
  for (let line = 2; line <= worksheet.rowCount; line++) {
    if (worksheet.getRow(line).getCell(col("code")).value === code) {
      return {
        line,
        set: (values: Partial<Record<SheetColumn, ExcelJS.CellValue>>) => {
          for (const [key, value] of Object.entries(values))
            worksheet.getRow(line).getCell(col(key as SheetColumn)).value = value;
        },
      };
    }
  }
  throw new Error(`${code} is not in the sheet`);
}

async function sheetProjects(count: number) {
  return prisma.project.findMany({
    where: {
      kind: "MEASURE",
      horizon: 2040,
      withdrawnAt: null,
      status: "PLANNED",
      version: 1,
      oblasts: { some: { oblast: { code: "ATY" } } },
    },
    orderBy: { code: "asc" },
    take: count,
  });
}

const counts = { progressUpdates: () => prisma.progressUpdate.count(), audits: () => prisma.auditLog.count() };

describe("progress sheet", () => {
  it("is prefilled with every filtered project's current values, today's date and drop-down lists", async () => {
    const workbook = await downloadSheet("ministry@batys.demo");
    const worksheet = workbook.worksheets[0]!;
    expect(worksheet.name).toBe(en.progressSheet.sheetName);
    expect(worksheet.getRow(1).values).toEqual([
      undefined,
      ...SHEET_COLUMNS.map((key) => en.progressSheet.columns[key]),
    ]);
    const expected = await prisma.project.count({
      where: { kind: "MEASURE", horizon: 2040, withdrawnAt: null, oblasts: { some: { oblast: { code: "ATY" } } } },
    });
    expect(worksheet.rowCount - 1).toBe(expected);
    const [first] = await sheetProjects(1);
    const row = worksheet.getRow(lineOf(workbook, first!.code).line);
    expect(row.getCell(col("status")).value).toBe(en.statuses.PLANNED);
    expect(row.getCell(col("version")).value).toBe(1);
    expect(row.getCell(col("asOf")).value).toBe(today);
    expect(worksheet.getColumn(col("rowKey")).hidden).toBe(true);
    expect(worksheet.getCell(2, col("status")).dataValidation).toMatchObject({
      type: "list",
      formulae: [`"${Object.values(en.statuses).join(",")}"`],
    });
    // Untouched, every row is skipped.
    const report = await importProgressSheet(await actor("ministry@batys.demo"), await rowsOf(workbook), {
      mode: "check",
      locale: "en",
      fileName: "sheet.xlsx",
      ip: null,
    });
    expect(report.counts).toMatchObject({ unchanged: expected, update: 0, invalid: 0 });
  });

  it("checks every row without writing, then saves all updates in one go with their history and audit", async () => {
    const ministry = await actor("ministry@batys.demo");
    const [a, b] = await sheetProjects(2);
    const workbook = await downloadSheet("ministry@batys.demo");
    lineOf(workbook, a!.code).set({
      status: en.statuses.DESIGN,
      percentComplete: 15,
      comment: "Техникалық тапсырма бекітілді",
    });
    // Typed the way people do: a Russian label, a percent as text, a dotted date, a link.
    lineOf(workbook, b!.code).set({
      status: ru.statuses.IN_PROGRESS,
      percentComplete: "40",
      asOf: today.split("-").reverse().join("."),
      evidenceUrl: { text: "акт", hyperlink: "https://example.kz/act-7" },
    });
    const rows = await rowsOf(workbook);
    const before = { updates: await counts.progressUpdates(), audits: await counts.audits() };

    const checked = await importProgressSheet(ministry, rows, {
      mode: "check",
      locale: "en",
      fileName: "sheet.xlsx",
      ip: "192.0.2.44",
    });
    expect(checked).toMatchObject({ applied: false, counts: { update: 2, invalid: 0, conflict: 0 } });
    expect(checked.rows.find((row) => row.code === b!.code)).toMatchObject({
      outcome: "update",
      before: { status: "PLANNED", percentComplete: 0 },
      after: { status: "IN_PROGRESS", percentComplete: 40 },
    });
    expect({ updates: await counts.progressUpdates(), audits: await counts.audits() }).toEqual(before);

    const progress: string[] = [];
    const applied = await importProgressSheet(ministry, rows, {
      mode: "apply",
      locale: "en",
      fileName: "sheet.xlsx",
      ip: "192.0.2.44",
      onProgress: (phase, done, total) => progress.push(`${phase} ${done}/${total}`),
    });
    expect(applied).toMatchObject({ applied: true, counts: { update: 2 } });
    expect(progress).toContain("apply 2/2");
    expect(await prisma.project.findUniqueOrThrow({ where: { id: a!.id } })).toMatchObject({
      status: "DESIGN",
      percentComplete: 15,
      version: 2,
    });
    expect(await prisma.project.findUniqueOrThrow({ where: { id: b!.id } })).toMatchObject({
      status: "IN_PROGRESS",
      percentComplete: 40,
      version: 2,
    });
    expect(await prisma.progressUpdate.findFirstOrThrow({ where: { projectId: b!.id } })).toMatchObject({
      authorId: ministry.id,
      evidenceUrl: "https://example.kz/act-7",
      previousStatus: "PLANNED",
    });
    expect(await counts.progressUpdates()).toBe(before.updates + 2);
    // One audit row per project and one for the sheet.
    expect(await counts.audits()).toBe(before.audits + 3);
    expect(
      await prisma.auditLog.findFirstOrThrow({ where: { action: "project.progressSheet" }, orderBy: { id: "desc" } }),
    ).toMatchObject({ actorId: ministry.id, ip: "192.0.2.44", after: { saved: 2 } });
  });

  it("saves nothing when one row is wrong, and says what is wrong with each row", async () => {
    const admin = await actor("admin@batys.demo");
    const [good, bad, reopened] = await sheetProjects(3);
    const workbook = await downloadSheet("admin@batys.demo");
    lineOf(workbook, good!.code).set({ status: en.statuses.DESIGN, percentComplete: 5 });
    lineOf(workbook, bad!.code).set({ status: en.statuses.COMPLETED, percentComplete: 90, asOf: "2099-01-01" });
    lineOf(workbook, reopened!.code).set({ status: "Finished", evidenceUrl: "javascript:alert(1)" });
    const worksheet = workbook.worksheets[0]!;
    worksheet.addRow(
      SHEET_COLUMNS.map((key) =>
        key === "code"
          ? "ROAD-2030-999"
          : key === "status"
            ? "PLANNED"
            : key === "version"
              ? 1
              : key === "percentComplete"
                ? 0
                : key === "asOf"
                  ? today
                  : null,
      ),
    );
    worksheet.addRow(
      SHEET_COLUMNS.map((key) =>
        key === "code"
          ? good!.code
          : key === "status"
            ? "DESIGN"
            : key === "version"
              ? 1
              : key === "percentComplete"
                ? 6
                : key === "asOf"
                  ? today
                  : null,
      ),
    );
    const before = { updates: await counts.progressUpdates(), audits: await counts.audits() };

    const report = await importProgressSheet(admin, await rowsOf(workbook), {
      mode: "apply",
      locale: "en",
      fileName: "sheet.xlsx",
      ip: null,
    });
    expect(report.applied).toBe(false);
    const outcome = (code: string, nth = 0) => report.rows.filter((row) => row.code === code)[nth];
    expect(outcome(good!.code)).toMatchObject({ outcome: "update" });
    expect(outcome(bad!.code)).toMatchObject({
      outcome: "invalid",
      errors: { percentComplete: "completedMeans100", asOf: "futureDate" },
    });
    expect(outcome(reopened!.code)).toMatchObject({
      outcome: "invalid",
      errors: { status: "unknownStatus", evidenceUrl: "httpLinkOnly" },
    });
    expect(outcome("ROAD-2030-999")).toMatchObject({ outcome: "notFound" });
    expect(outcome(good!.code, 1)).toMatchObject({ outcome: "duplicate" });
    expect({ updates: await counts.progressUpdates(), audits: await counts.audits() }).toEqual(before);
    expect(await prisma.project.findUniqueOrThrow({ where: { id: good!.id } })).toMatchObject({
      status: "PLANNED",
      version: 1,
    });
  });

  it("never overwrites a save made after the download: a changed row conflicts, an untouched one is skipped", async () => {
    const ministry = await actor("ministry@batys.demo");
    const [edited, untouched] = await sheetProjects(2);
    const workbook = await downloadSheet("ministry@batys.demo");
    // Meanwhile a colleague records progress on both projects from the website.
    for (const project of [edited!, untouched!]) {
      expect(
        (
          await recordProgress(
            ministry,
            { projectCode: project.code, version: 1, status: "DESIGN", percentComplete: 30, asOf: today },
            { ip: null },
          )
        ).ok,
      ).toBe(true);
    }
    lineOf(workbook, edited!.code).set({ status: en.statuses.DESIGN, percentComplete: 20 });
    const before = { updates: await counts.progressUpdates(), audits: await counts.audits() };
    const report = await importProgressSheet(ministry, await rowsOf(workbook), {
      mode: "apply",
      locale: "en",
      fileName: "sheet.xlsx",
      ip: null,
    });
    expect(report.applied).toBe(false);
    expect(report.rows.find((row) => row.code === edited!.code)).toMatchObject({
      outcome: "conflict",
      before: { percentComplete: 30 },
      after: { percentComplete: 20 },
    });
    expect(report.rows.find((row) => row.code === untouched!.code)).toMatchObject({ outcome: "unchanged" });
    expect({ updates: await counts.progressUpdates(), audits: await counts.audits() }).toEqual(before);
    expect(await prisma.project.findUniqueOrThrow({ where: { id: edited!.id } })).toMatchObject({
      percentComplete: 30,
      version: 2,
    });
  });

  it("turns an akimat officer's changed rows into field reports for review, leaving the projects as they are", async () => {
    const officer = await actor("akimat.aty@batys.demo");
    const [seen, silent] = await sheetProjects(2);
    const workbook = await downloadSheet("akimat.aty@batys.demo");
    lineOf(workbook, seen!.code).set({
      status: en.statuses.IN_PROGRESS,
      percentComplete: 25,
      comment: "Объектіде жұмыс басталды",
    });
    lineOf(workbook, silent!.code).set({ percentComplete: 10 });
    const before = { reports: await prisma.fieldReport.count(), updates: await counts.progressUpdates() };

    const refused = await importProgressSheet(officer, await rowsOf(workbook), {
      mode: "apply",
      locale: "en",
      fileName: "aty.xlsx",
      ip: null,
    });
    expect(refused).toMatchObject({ target: "fieldReports", applied: false });
    expect(refused.rows.find((row) => row.code === silent!.code)).toMatchObject({
      outcome: "invalid",
      errors: { comment: "commentRequired" },
    });
    expect(await prisma.fieldReport.count()).toBe(before.reports);

    lineOf(workbook, silent!.code).set({ percentComplete: 0 });
    const sent = await importProgressSheet(officer, await rowsOf(workbook), {
      mode: "apply",
      locale: "en",
      fileName: "aty.xlsx",
      ip: "192.0.2.45",
    });
    expect(sent).toMatchObject({ target: "fieldReports", applied: true, counts: { update: 1 } });
    expect(
      await prisma.fieldReport.findFirstOrThrow({ where: { projectId: seen!.id }, orderBy: { id: "desc" } }),
    ).toMatchObject({
      submittedById: officer.id,
      state: "PENDING",
      status: "IN_PROGRESS",
      percentComplete: 25,
      comment: "Объектіде жұмыс басталды",
    });
    expect(await prisma.project.findUniqueOrThrow({ where: { id: seen!.id } })).toMatchObject({
      status: "PLANNED",
      version: 1,
    });
    expect(await counts.progressUpdates()).toBe(before.updates);
    expect(
      await prisma.auditLog.findFirstOrThrow({ where: { action: "fieldReport.sheet" }, orderBy: { id: "desc" } }),
    ).toMatchObject({ actorId: officer.id, oblastId: officer.oblastId, after: { saved: 1 } });
  });

  it("keeps an akimat officer's sheet to their oblast", async () => {
    const officer = await actor("akimat.aty@batys.demo");
    const elsewhere = await prisma.project.findFirstOrThrow({
      where: { withdrawnAt: null, oblasts: { every: { oblast: { code: "MAN" } }, some: {} } },
      orderBy: { code: "asc" },
    });
    const worksheet = new ExcelJS.Workbook().addWorksheet("sheet");
    worksheet.addRow(SHEET_COLUMNS.map((key) => en.progressSheet.columns[key]));
    worksheet.addRow(
      SHEET_COLUMNS.map(
        (key) =>
          ({ code: elsewhere.code, version: 1, status: "DESIGN", percentComplete: 5, asOf: today, comment: "seen" })[
            key as string
          ] ?? null,
      ),
    );
    const sheet = readSheet(worksheet);
    if ("error" in sheet) throw new Error(sheet.error);
    const report = await importProgressSheet(officer, sheet.rows, {
      mode: "apply",
      locale: "en",
      fileName: "x.xlsx",
      ip: null,
    });
    expect(report.rows).toEqual([expect.objectContaining({ code: elsewhere.code, outcome: "notFound", name: null })]);
    expect(report.applied).toBe(false);
  });

  it("is refused to a role that neither records progress nor reports", async () => {
    await expect(
      importProgressSheet(await actor("manager@batys.demo"), [], {
        mode: "check",
        locale: "en",
        fileName: "x.xlsx",
        ip: null,
      }),
    ).rejects.toThrow(/permission/);
  });
});

// Whatever this file wrote (concurrent saves, sheets, field reports, imports, withdrawals), the roll-ups the
// dashboards read must still equal a recomputation from the base tables.
afterAll(async () => {
  expect(await checkRollups()).toEqual([]);
});
