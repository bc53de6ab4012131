import ExcelJS from "exceljs";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { fieldReportExportHeader, fieldReportExportRows } from "@/lib/field-reports/export-field-reports";
import { parseFieldReportQuery } from "@/lib/field-reports/list-field-reports";
import { submitFieldReport } from "@/lib/field-reports/submit-field-report";
import { startRows } from "@/lib/http/csv";
import { exportTitle } from "@/lib/http/export-title";
import { tableDownload } from "@/lib/http/table-download";
import { notificationExportHeader, notificationExportRows } from "@/lib/notifications/export-notifications";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { projectExportHeader } from "@/lib/projects/export-projects";
import { publicExportHeader } from "@/lib/public/public-projects";
import { userExportHeader, userExportRows } from "@/lib/users/export-users";
import en from "@/messages/en.json";
import kk from "@/messages/kk.json";
import ru from "@/messages/ru.json";
import { actor, freshProject } from "../support/actors";
import { parseCsv } from "../support/csv";

// The lists that had no file: the field-report queue (and an officer's own reports), the users list and the
// notifications. Each downloads as XLSX (title, frozen header, autofilter, widths, typed cells) and as CSV with
// either separator, with the page's filters and scope.

type Translate = (key: string, values?: Record<string, string>) => string;
const MESSAGES = { en, ru, kk };
const translator = (locale: "en" | "ru" | "kk") =>
  createTranslator({ locale, messages: MESSAGES[locale] }) as unknown as Translate;
const today = todayInKazakhstan();

async function workbookOf(response: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.worksheets[0]!;
  // Title lines, a blank line, then the header.
  let headerRow = 1;
  while (sheet.getRow(headerRow).cellCount > 0) headerRow++;
  headerRow++;
  const header = (sheet.getRow(headerRow).values as unknown[]).slice(1);
  const rows: Record<string, unknown>[] = [];
  for (let number = headerRow + 1; number <= sheet.rowCount; number++) {
    const values = sheet.getRow(number).values as unknown[];
    rows.push(Object.fromEntries(header.map((label, index) => [String(label), values[index + 1]])));
  }
  return { sheet, headerRow, header, rows };
}
const csvText = async (response: Response) =>
  new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());

function download(params: Record<string, string>, header: string[], rows: AsyncIterable<unknown[]>, locale = "en") {
  return tableDownload({
    params,
    locale: locale as "en",
    stem: "x",
    sheet: "List",
    title: () => exportTitle(translator("en"), { what: "List", scope: "Region", filters: "", by: "Tester" }),
    header,
    rows,
    widths: header.map(() => 14),
  });
}

describe("the field-report queue as a file", () => {
  it("holds the queue's reports with typed dates and numbers; an officer's file holds only their own", async () => {
    const officer = await actor("akimat.man@batys.demo");
    const otherOfficer = await actor("akimat.aty@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("MAN", 0);
    const submitted = (await submitFieldReport(
      officer,
      { projectCode: project.code, status: "IN_PROGRESS", percentComplete: 35, asOf: today, comment: "=1+2 жол" },
      { ip: null },
    )) as { ok: true; reportId: number };
    expect(submitted.ok).toBe(true);
    const t = translator("en");
    const header = fieldReportExportHeader(t);

    const query = parseFieldReportQuery({ tab: "pending", oblast: "MAN" });
    const xlsx = await workbookOf(
      download({ format: "xlsx" }, header, await startRows(fieldReportExportRows(ministry, query, t, "en"))),
    );
    expect(xlsx.sheet.getRow(1).getCell(1).value).toBe("List");
    expect(xlsx.sheet.views[0]).toMatchObject({ state: "frozen", ySplit: xlsx.headerRow });
    expect(xlsx.sheet.autoFilter).toBeTruthy();
    expect(xlsx.sheet.getColumn(3).width).toBe(14);
    expect(xlsx.header).toEqual(header);
    const row = xlsx.rows.find((candidate) => candidate[en.projects.columnCode] === project.code)!;
    expect(row).toBeTruthy();
    expect(row[en.listExports.proposedPercent]).toBe(35);
    expect(row[en.progressChange.fields.asOf]).toBeInstanceOf(Date);
    expect((row[en.progressChange.fields.asOf] as Date).toISOString().slice(0, 10)).toBe(today);
    expect(row[en.fieldReports.submittedAt]).toBeInstanceOf(Date);
    expect(row[en.fieldReports.state]).toBe(en.fieldReports.states.PENDING);
    expect(row[en.listExports.submittedBy]).toBe(
      (await prisma.user.findUniqueOrThrow({ where: { id: officer.id } })).name,
    );
    // A comment that looks like a formula is text in the workbook, never a formula.
    expect(row[en.progressChange.fields.comment]).toBe("=1+2 жол");

    // Another oblast's filter leaves it out.
    const other = [];
    for await (const values of fieldReportExportRows(ministry, parseFieldReportQuery({ oblast: "ATY" }), t, "en"))
      other.push(values[1]);
    expect(other).not.toContain(project.code);

    // The officer's own file has it; an officer of another oblast's does not.
    const own = [];
    for await (const values of fieldReportExportRows(officer, parseFieldReportQuery({}), t, "en")) own.push(values[1]);
    expect(own).toContain(project.code);
    const foreign = [];
    for await (const values of fieldReportExportRows(otherOfficer, parseFieldReportQuery({}), t, "en"))
      foreign.push(values[1]);
    expect(foreign).not.toContain(project.code);

    // CSV with both separators: the same fields, the comment's formula made inert.
    const ruT = translator("ru");
    const rows = () => startRows(fieldReportExportRows(ministry, query, ruT, "ru"));
    const semicolon = await csvText(download({}, fieldReportExportHeader(ruT), await rows(), "ru"));
    const comma = await csvText(download({ sep: "comma" }, fieldReportExportHeader(ruT), await rows(), "ru"));
    expect(semicolon.startsWith("\uFEFF")).toBe(true);
    const bySemicolon = parseCsv(semicolon.slice(1), ";");
    const byComma = parseCsv(comma.slice(1), ",");
    expect(bySemicolon[0]).toEqual(fieldReportExportHeader(ruT));
    expect(byComma[0]).toEqual(bySemicolon[0]);
    const line = bySemicolon.find((fields) => fields[1] === project.code)!;
    expect(line[5]).toBe(ru.fieldReports.states.PENDING);
    expect(line[7]).toBe("35");
    expect(line[14]).toBe("'=1+2 жол");
    const [year, month, day] = today.split("-");
    expect(line[10]).toBe(`${day}.${month}.${year}`);
    expect(byComma.find((fields) => fields[1] === project.code)![10]).toBe(today);
  });
});

describe("the users list as a file", () => {
  it("lists the filtered users for an administrator, with the role in words and the creation time typed", async () => {
    const admin = await actor("admin@batys.demo");
    const t = translator("kk");
    const xlsx = await workbookOf(
      download(
        { format: "xlsx" },
        userExportHeader(t),
        await startRows(userExportRows(admin, { role: "AKIMAT", oblast: "ATY" }, t, "kk")),
      ),
    );
    const emails = xlsx.rows.map((row) => row[kk.users.email]);
    expect(emails).toContain("akimat.aty@batys.demo");
    expect(emails).not.toContain("akimat.man@batys.demo");
    expect(emails).not.toContain("admin@batys.demo");
    const officer = xlsx.rows.find((row) => row[kk.users.email] === "akimat.aty@batys.demo")!;
    expect(officer[kk.users.role]).toBe(kk.roles.AKIMAT);
    expect(officer[kk.listExports.createdAt]).toBeInstanceOf(Date);
    const count = await prisma.user.count({ where: { role: "AKIMAT", oblast: { code: "ATY" } } });
    expect(xlsx.rows).toHaveLength(count);
  });

  it("gives anyone but an administrator no rows", async () => {
    const rows = [];
    for await (const row of userExportRows(await actor("ministry@batys.demo"), {}, translator("en"), "en"))
      rows.push(row);
    expect(rows).toEqual([]);
  });
});

describe("the notifications as a file", () => {
  it("holds the user's own notifications in words, read or not, and nobody else's", async () => {
    const ministry = await actor("ministry@batys.demo");
    const manager = await actor("manager@batys.demo");
    const project = await freshProject("ZKO", 0);
    const event = await prisma.notificationEvent.create({
      data: { kind: "PROJECT_STALE", projectId: project.id, payload: { days: 95 }, processedAt: new Date() },
    });
    await prisma.notification.create({
      data: { userId: ministry.id, eventId: event.id, kind: "PROJECT_STALE", projectId: project.id },
    });
    const t = translator("en");
    const xlsx = await workbookOf(
      download(
        { format: "xlsx" },
        notificationExportHeader(t),
        await startRows(notificationExportRows(ministry, t, "en")),
      ),
    );
    const row = xlsx.rows.find((candidate) => candidate[en.projects.columnCode] === project.code)!;
    expect(row[en.listExports.notification]).toContain(project.code);
    expect(row[en.listExports.notification]).toContain("95");
    expect(row[en.listExports.kind]).toBe(en.notifications.kinds.PROJECT_STALE);
    expect(row[en.listExports.createdAt]).toBeInstanceOf(Date);
    expect(row[en.listExports.readAt] ?? null).toBeNull();
    const others = [];
    for await (const values of notificationExportRows(manager, t, "en")) others.push(values[3]);
    expect(others).not.toContain(project.code);
  });
});

describe("the public project file", () => {
  it("has the staff file's columns minus the private ones, in the same order", () => {
    const t = translator("en");
    const staff = projectExportHeader(t);
    const open = publicExportHeader(t);
    expect(open.length).toBeLessThan(staff.length);
    expect(staff.filter((label) => open.includes(label))).toEqual(open);
    for (const hidden of [
      en.confidence.label,
      en.details.budgetBaseline,
      en.details.budgetSpent,
      en.details.responsibleOrganisation,
      en.details.forecastFinish,
    ])
      expect(open).not.toContain(hidden);
  });
});
