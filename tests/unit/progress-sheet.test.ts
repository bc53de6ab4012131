import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import kk from "@/messages/kk.json";
import ru from "@/messages/ru.json";
import {
  cellDate,
  cellText,
  openSheet,
  plainCell,
  readSheet,
  rowKey,
  SHEET_COLUMNS,
  type SheetRow,
} from "@/lib/progress/progress-sheet";

function worksheetOf(rows: ExcelJS.CellValue[][]): ExcelJS.Worksheet {
  const worksheet = new ExcelJS.Workbook().addWorksheet("sheet");
  for (const row of rows) worksheet.addRow(row);
  return worksheet;
}

const rowsOf = (worksheet: ExcelJS.Worksheet): SheetRow[] => {
  const sheet = readSheet(worksheet);
  if ("error" in sheet) throw new Error(sheet.error);
  return sheet.rows;
};

describe("reading a progress sheet", () => {
  it("finds its columns by their headers in any interface language and in any order", () => {
    for (const messages of [kk, ru, en]) {
      const header = ["comment", "status", "asOf", "version", "percentComplete", "code"].map(
        (key) => messages.progressSheet.columns[key as keyof typeof en.progressSheet.columns],
      );
      const [row] = rowsOf(
        worksheetOf([header, ["Жұмыс басталды", messages.statuses.IN_PROGRESS, "2026-11-20", 3, 45, "rail-2030-001 "]]),
      );
      expect(row).toMatchObject({
        line: 2,
        projectCode: "RAIL-2030-001",
        status: "IN_PROGRESS",
        asOf: "2026-11-20",
        version: "3",
        percentComplete: "45",
        comment: "Жұмыс басталды",
        quantityDone: "",
      });
    }
  });

  it("names the required columns a file lacks, and skips rows without a code", () => {
    expect(
      readSheet(
        worksheetOf([
          ["Code", "Status"],
          ["RAIL-2030-001", "Planned"],
        ]),
      ),
    ).toEqual({ error: "notASheet", missing: ["version", "percentComplete", "asOf"] });
    expect(readSheet(worksheetOf([SHEET_COLUMNS.map((key) => en.progressSheet.columns[key]), []]))).toEqual({
      error: "empty",
    });
    expect(rowsOf(worksheetOf([SHEET_COLUMNS.map((key) => key), [], ["ROAD-2030-001"], [null, "x"]]))).toHaveLength(1);
  });

  it("reads dates as Excel stores them or as people type them", () => {
    expect(cellDate(new Date(Date.UTC(2026, 10, 5)))).toBe("2026-11-05");
    expect(cellDate("5.11.2026")).toBe("2026-11-05");
    expect(cellDate("05/11/2026")).toBe("2026-11-05");
    expect(cellDate("2026-11-05")).toBe("2026-11-05");
    expect(cellDate("2026-11-05T00:00:00.000Z")).toBe("2026-11-05");
    expect(cellDate("ертең")).toBe("ертең");
  });

  it("reduces rich text, links and formulas to what they show, and removes our CSV formula guard", () => {
    expect(plainCell({ richText: [{ text: "Жұмыс " }, { text: "басталды" }] })).toBe("Жұмыс басталды");
    expect(plainCell({ text: "акт", hyperlink: "https://example.kz/a" })).toBe("https://example.kz/a");
    expect(plainCell({ formula: "A1*2", result: 40 } as ExcelJS.CellFormulaValue)).toBe(40);
    expect(cellText("'=SUM(A1)")).toBe("=SUM(A1)");
    expect(cellText("'-5")).toBe("-5");
    expect(cellText("'ok")).toBe("'ok");
  });

  it("keys a row by its values, so an untouched row is recognised whatever Excel did to its numbers", () => {
    const values = {
      version: "2",
      status: "DESIGN",
      percentComplete: "10",
      quantityDone: "12.5",
      forecastFinish: "",
      pauseReason: "",
      comment: "",
      evidenceUrl: "",
    };
    expect(rowKey({ ...values, percentComplete: "10.0", quantityDone: "12,5" })).toBe(rowKey(values));
    expect(rowKey({ ...values, percentComplete: "11" })).not.toBe(rowKey(values));
    expect(rowKey({ ...values, comment: "x" })).not.toBe(rowKey(values));
    expect(rowKey({ ...values, version: "3" })).not.toBe(rowKey(values));
  });

  it("opens CSV saved by Excel with semicolons and a byte-order mark, keeping every value as text", async () => {
    const csv =
      '\uFEFFКоды;Нұсқа (өзгертпеңіз);Мәртебе;Орындалу пайызы;Күні;Түсініктеме\r\nROAD-2030-001;4;Орындалуда;35;01.02.2026;"Бірінші; екінші"\r\n';
    const worksheet = await openSheet(new TextEncoder().encode(csv), "csv");
    expect(rowsOf(worksheet!)).toEqual([
      expect.objectContaining({
        projectCode: "ROAD-2030-001",
        version: "4",
        status: "IN_PROGRESS",
        percentComplete: "35",
        asOf: "2026-02-01",
        comment: "Бірінші; екінші",
      }),
    ]);
    expect(await openSheet(new TextEncoder().encode("not a zip"), "xlsx")).toBeNull();
  });
});
