import "server-only";
import ExcelJS from "exceljs";
import { PassThrough, Readable } from "node:stream";

export type XlsxSheet = {
  name: string;
  header: string[];
  rows: AsyncIterable<unknown[]> | unknown[][];
  /** Column widths, hidden columns, drop-down lists…, set before the first row is written. */
  setup?: (worksheet: ExcelJS.Worksheet) => void;
};

/**
 * A streamed XLSX download (exceljs streaming writer: rows are written as they come, never held all at once).
 * Each sheet is a title, a header row (kept in view when scrolling) and the rows an async iterable produces.
 */
export function xlsxResponse(filename: string, sheets: XlsxSheet[]): Response {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  void (async () => {
    try {
      for (const sheet of sheets) {
        const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
        sheet.setup?.(worksheet);
        const header = worksheet.addRow(sheet.header);
        header.font = { bold: true };
        header.commit();
        for await (const row of sheet.rows)
          worksheet.addRow(row.map((cell) => (cell instanceof Date ? cell : (cell ?? null)))).commit();
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
