import "server-only";
import ExcelJS from "exceljs";
import { PassThrough, Readable } from "node:stream";
import { isCalendarDay, kazakhstanClock } from "../progress/calendar";

export type XlsxSheet = {
  name: string;
  /** Lines above the table: what it is, its scope and period, when and by whom it was generated. */
  title?: string[];
  header: string[];
  rows: AsyncIterable<unknown[]> | unknown[][];
  /** Column widths in characters; by default from the header's length. */
  widths?: number[];
  /** Hidden columns, drop-down lists…, set before the first row is written. */
  setup?: (worksheet: ExcelJS.Worksheet) => void;
};

const DATE_FORMAT = "dd.mm.yyyy";
const TIME_FORMAT = "dd.mm.yyyy hh:mm";

/**
 * A cell's value. Excel has no time zones: a moment (not a calendar day) is written as Kazakhstan's wall clock
 * reads it, so the audit log's 14:05 is 14:05 in the file as on the page.
 */
function xlsxCell(cell: unknown): unknown {
  if (cell === "" || cell === undefined) return null;
  if (cell instanceof Date && !isCalendarDay(cell)) {
    const { date, time } = kazakhstanClock(cell);
    return new Date(`${date}T${time}:00.000Z`);
  }
  return cell;
}
const MIN_WIDTH = 10;
const MAX_WIDTH = 60;

/**
 * A streamed XLSX download (exceljs streaming writer: rows are written as they come, never held all at once).
 * Each sheet is its title lines, a header row kept in view when scrolling and carrying an autofilter, and the rows
 * an async iterable produces; numbers stay numbers and dates are dates shown as 03.12.2026.
 */
export function xlsxResponse(filename: string, sheets: XlsxSheet[]): Response {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  void (async () => {
    try {
      for (const sheet of sheets) {
        const title = sheet.title ?? [];
        // A blank line separates the title from the table, so Excel's "format as table" finds the header.
        const headerRowNumber = title.length === 0 ? 1 : title.length + 2;
        const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31).replace(/[*?:\\/[\]]/g, " "), {
          views: [{ state: "frozen", ySplit: headerRowNumber }],
        });
        worksheet.columns = sheet.header.map((label, index) => ({
          width: sheet.widths?.[index] ?? Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, label.length + 4)),
        }));
        worksheet.autoFilter = {
          from: { row: headerRowNumber, column: 1 },
          to: { row: headerRowNumber, column: Math.max(1, sheet.header.length) },
        };
        sheet.setup?.(worksheet);
        title.forEach((line, index) => {
          const row = worksheet.addRow([line]);
          if (index === 0) row.font = { bold: true, size: 13 };
          row.commit();
        });
        if (title.length > 0) worksheet.addRow([]).commit();
        const header = worksheet.addRow(sheet.header);
        header.font = { bold: true };
        header.alignment = { wrapText: true, vertical: "top" };
        header.commit();
        for await (const values of sheet.rows) {
          const row = worksheet.addRow(values.map(xlsxCell));
          values.forEach((cell, index) => {
            if (cell instanceof Date) row.getCell(index + 1).numFmt = isCalendarDay(cell) ? DATE_FORMAT : TIME_FORMAT;
          });
          row.commit();
        }
        worksheet.commit();
      }
      await workbook.commit();
    } catch (error) {
      output.destroy(error as Error);
    }
  })();
  return new Response(Readable.toWeb(output) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
