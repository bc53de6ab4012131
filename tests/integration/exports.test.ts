import ExcelJS from "exceljs";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { parseAuditQuery } from "@/lib/audit/list-audit";
import { readableAuditHeader, readableAuditRows, type Translate } from "@/lib/audit/readable-audit";
import { writeAudit } from "@/lib/audit/write-audit";
import { prisma } from "@/lib/db";
import { localizedName } from "@/lib/i18n/locales";
import { csvField, csvResponse, csvSeparator } from "@/lib/http/csv";
import { exportTitle } from "@/lib/http/export-title";
import { xlsxResponse } from "@/lib/http/xlsx";
import { projectExportHeader, projectExportRows } from "@/lib/projects/export-projects";
import { parseProjectListQuery } from "@/lib/projects/list-projects";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import { actor, freshProject } from "../support/actors";
import { parseCsv } from "../support/csv";
import { blockerExportHeader, blockerExportRows } from "@/lib/schedule/blocker-export";
import { parseBlockerQuery, saveBlocker } from "@/lib/schedule/blockers";

const translator = (locale: "en" | "ru") =>
  createTranslator({ locale, messages: locale === "en" ? en : ru }) as unknown as Translate;

describe("CSV files Excel opens", () => {
  it("chooses the separator by language, semicolon for Kazakh and Russian, comma for English, overridable", () => {
    expect(csvSeparator("kk")).toBe(";");
    expect(csvSeparator("ru")).toBe(";");
    expect(csvSeparator("en")).toBe(",");
    expect(csvSeparator("ru", "comma")).toBe(",");
    expect(csvSeparator("en", "semicolon")).toBe(";");
  });

  it("writes the same rows with either separator; negative numbers stay numbers, formulas are made inert", async () => {
    async function* rows() {
      yield ["A-1", -12.5, '=HYPERLINK("x")', "a;b, c", new Date("2026-12-03T00:00:00Z")];
    }
    const read = async (response: Response) =>
      new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    const semicolon = await read(csvResponse("x.csv", ["code", "n", "text", "list", "day"], rows(), ";"));
    const comma = await read(csvResponse("x.csv", ["code", "n", "text", "list", "day"], rows(), ","));
    expect(semicolon.startsWith("\uFEFF")).toBe(true);
    expect(parseCsv(semicolon.slice(1), ";")[1]).toEqual(["A-1", "-12,5", '\'=HYPERLINK("x")', "a;b, c", "03.12.2026"]);
    expect(parseCsv(comma.slice(1), ",")[1]).toEqual(["A-1", "-12.5", '\'=HYPERLINK("x")', "a;b, c", "2026-12-03"]);
  });
});

describe("XLSX files Excel opens", () => {
  it("has a title, a frozen header with an autofilter, column widths, and typed numbers and dates", async () => {
    const manager = await actor("manager@batys.demo");
    const project = await freshProject("AKT", 5);
    await prisma.project.update({
      where: { id: project.id },
      data: { baselineFinish: new Date("2029-06-30T00:00:00Z"), budgetBaseline: "125000000000.50" },
    });
    const t = translator("en");
    const query = parseProjectListQuery({ q: project.code });
    const title = exportTitle(t, { what: "Projects", scope: "Aktobe Region", filters: `q=${project.code}`, by: "M" });
    const response = xlsxResponse("p.xlsx", [
      {
        name: "Projects",
        title,
        header: projectExportHeader(t),
        rows: projectExportRows(manager, query, t, "en"),
      },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("Projects");
    expect(String(sheet.getRow(title.length).getCell(1).value)).toMatch(/^Generated \d\d\.\d\d\.\d{4} \d\d:\d\d by M$/);
    const headerRow = title.length + 2;
    expect(sheet.getRow(headerRow).getCell(1).value).toBe(en.projects.columnCode);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: headerRow });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(10);
    const header = (sheet.getRow(headerRow).values as unknown[]).slice(1);
    const row = sheet.getRow(headerRow + 1);
    const cell = (label: string) => row.getCell(header.indexOf(label) + 1);
    expect(cell(en.projects.columnCode).value).toBe(project.code);
    expect(cell(en.projects.columnProgress).value).toBe(0);
    expect(typeof cell(en.projects.columnProgress).value).toBe("number");
    expect(cell(en.details.budgetBaseline).value).toBe(125000000000.5);
    expect(cell(en.details.baselineFinish).value).toEqual(new Date("2029-06-30T00:00:00Z"));
    expect(cell(en.details.baselineFinish).numFmt).toBe("dd.mm.yyyy");
  });

  it("writes a moment (the audit log's time) as Kazakhstan's clock reads it, with hours and minutes", async () => {
    const moment = new Date("2026-12-03T09:05:00Z");
    const response = xlsxResponse("a.xlsx", [{ name: "Audit", header: ["at"], rows: [[moment]] }]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const cell = workbook.worksheets[0]!.getRow(2).getCell(1);
    // Asia/Almaty is UTC+5: 09:05 UTC is 14:05 on the page, in the CSV and in the file.
    expect(cell.value).toEqual(new Date("2026-12-03T14:05:00Z"));
    expect(cell.numFmt).toBe("dd.mm.yyyy hh:mm");
    expect(csvField(moment, ";")).toBe("03.12.2026 14:05");
  });
});

describe("the audit log in words", () => {
  it("names the action, the project by code and name, and each change before → after in the reader's language", async () => {
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("ATY", 7);
    await writeAudit(prisma, {
      actorId: ministry.id,
      action: "project.details",
      targetType: "project",
      targetId: String(project.id),
      before: { confidence: "GREEN", baselineFinish: "2029-01-31", version: 1 },
      after: { confidence: "RED", baselineFinish: "2029-12-31", version: 2 },
    });
    const rows: unknown[][] = [];
    const t = translator("ru");
    for await (const row of readableAuditRows(ministry, parseAuditQuery({ project: project.code }), t, "ru"))
      rows.push(row);
    expect(readableAuditHeader(t)[3]).toBe(ru.audit.action);
    expect(rows).toHaveLength(1);
    const [, who, , action, target, , , change] = rows[0]!;
    expect(who).toBe((await prisma.user.findUniqueOrThrow({ where: { id: ministry.id } })).name);
    expect(action).toBe(ru.auditActions.project_details);
    expect(target).toBe(`${project.code} — ${localizedName(project, "ru")}`);
    expect(change).toBe(
      `${ru.auditFields.confidence}: ${ru.confidence.GREEN} → ${ru.confidence.RED}; ${ru.details.baselineFinish}: 31.01.2029 → 31.12.2029`,
    );
  });
});

describe("the blockers register as a file", () => {
  it("has the screen's rows in words, dates as dates and the age in days, and an officer's file keeps to their oblast", async () => {
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("MAN", 3);
    const description = `Export check ${Date.now()}`;
    const saved = await saveBlocker(
      ministry,
      {
        projectCode: project.code,
        category: "FINANCING",
        description,
        escalation: "MINISTRY",
        status: "OPEN",
        dueDate: "2026-02-28",
      },
      { ip: "192.0.2.77" },
    );
    expect(saved.ok).toBe(true);
    const t = translator("en");
    const rowsOf = async (who: Awaited<ReturnType<typeof actor>>) => {
      const rows: unknown[][] = [];
      for await (const row of blockerExportRows(who, parseBlockerQuery({ q: description }), t, "en")) rows.push(row);
      return rows;
    };
    const rows = await rowsOf(ministry);
    expect(rows).toHaveLength(1);
    const header = blockerExportHeader(t);
    const cell = (label: string) => rows[0]![header.indexOf(label)];
    expect(cell(en.projects.columnCode)).toBe(project.code);
    expect(cell(en.schedule.category)).toBe(en.schedule.categories.FINANCING);
    expect(cell(en.schedule.dueDate)).toEqual(new Date("2026-02-28T00:00:00Z"));
    expect(typeof cell(en.schedule.age)).toBe("number");
    // The Atyrau officer's register holds no Mangystau blocker, in the file as on the page.
    expect(await rowsOf(await actor("akimat.aty@batys.demo"))).toHaveLength(0);
    const response = xlsxResponse("b.xlsx", [{ name: "Blockers", header, rows: rows }]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const dueCell = workbook.worksheets[0]!.getRow(2).getCell(header.indexOf(en.schedule.dueDate) + 1);
    expect(dueCell.numFmt).toBe("dd.mm.yyyy");
  });
});
