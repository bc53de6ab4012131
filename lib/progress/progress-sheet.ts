// The progress sheet: a spreadsheet of projects that ministry staff download, fill in offline and upload, each
// changed row becoming one progress update. This module knows its columns and how to read its cells back, whatever
// Excel or a CSV round trip did to them. Pure (no database): shared by the template, the import and the tests.
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { Readable } from "node:stream";
import { z } from "zod";
import { inspectZip, reorderZip } from "../http/zip-limits";
import en from "../../messages/en.json";
import kk from "../../messages/kk.json";
import ru from "../../messages/ru.json";
import { PROJECT_STATUSES } from "../reference-data";
import { PAUSE_REASONS } from "./progress-input";

export const SHEET_COLUMNS = [
  "code",
  "name",
  "version",
  "status",
  "percentComplete",
  "quantityDone",
  "unit",
  "asOf",
  "forecastFinish",
  "pauseReason",
  "comment",
  "evidenceUrl",
  "rowKey",
] as const;
export type SheetColumn = (typeof SHEET_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly SheetColumn[] = ["code", "version", "status", "percentComplete", "asOf"];

/** A sheet holds at most this many projects (the whole catalog is about 1 200), and a file at most this size. */
export const MAX_SHEET_ROWS = 5000;
export const MAX_SHEET_BYTES = 5 * 1024 * 1024;

const MESSAGES = { kk, ru, en };
const normalise = (text: string) => text.trim().toLocaleLowerCase("kk").replace(/\s+/g, " ");

/** Every way a value may be written in the sheet (its code, or its label in any interface language) → its code. */
function labelIndex<T extends string>(
  codes: readonly T[],
  labelsOf: (messages: typeof en) => Record<string, string>,
): Map<string, T> {
  const index = new Map<string, T>();
  for (const code of codes) {
    index.set(normalise(code), code);
    for (const messages of Object.values(MESSAGES)) index.set(normalise(labelsOf(messages as typeof en)[code]!), code);
  }
  return index;
}
const STATUS_BY_LABEL = labelIndex(PROJECT_STATUSES, (messages) => messages.statuses);
const PAUSE_REASON_BY_LABEL = labelIndex(PAUSE_REASONS, (messages) => messages.pauseReasons);
const COLUMN_BY_HEADER = labelIndex(SHEET_COLUMNS, (messages) => messages.progressSheet.columns);

export type SheetCell = string | number | Date | null;

/** A cell as plain data: rich text, hyperlinks and formulas reduced to what they show. */
export function plainCell(value: ExcelJS.CellValue | undefined): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || value instanceof Date) return value;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    if ("hyperlink" in value && typeof value.hyperlink === "string") return value.hyperlink.replace(/^mailto:/, "");
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("result" in value) return plainCell(value.result as ExcelJS.CellValue);
    if ("text" in value && typeof value.text === "string") return value.text;
  }
  return null;
}

/** Text as the user typed it; the apostrophe our CSV export puts before =, +, - and @ (formula guard) is removed. */
export function cellText(cell: SheetCell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return cellDate(cell);
  const text = String(cell).trim();
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

/** A date cell as YYYY-MM-DD: Excel dates, ISO text, or the dd.mm.yyyy people type in Kazakhstan. */
export function cellDate(cell: SheetCell): string {
  if (cell === null) return "";
  // Excel stores a date without a time zone; exceljs hands it over as that day's midnight UTC.
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  const text = String(cell).trim();
  const dotted = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
  if (dotted) return `${dotted[3]}-${dotted[2]!.padStart(2, "0")}-${dotted[1]!.padStart(2, "0")}`;
  return text.replace(/^(\d{4}-\d{2}-\d{2})T00:00:00(\.000)?Z?$/, "$1");
}

const codeOf = <T extends string>(index: Map<string, T>, cell: SheetCell): string => {
  const text = cellText(cell);
  return text === "" ? "" : (index.get(normalise(text)) ?? text);
};

/** The values a sheet row proposes, ready for the progress input schema (which has the last word). */
export type SheetRow = {
  line: number;
  projectCode: string;
  version: string;
  status: string;
  percentComplete: string;
  quantityDone: string;
  asOf: string;
  forecastFinish: string;
  pauseReason: string;
  comment: string;
  evidenceUrl: string;
  rowKey: string;
};

/** The values of a row that a progress update changes, as the key of the row as downloaded. */
export type KeyedValues = Pick<
  SheetRow,
  | "version"
  | "status"
  | "percentComplete"
  | "quantityDone"
  | "forecastFinish"
  | "pauseReason"
  | "comment"
  | "evidenceUrl"
>;

const canonicalNumber = (text: string) => {
  const number = Number(text.replace(/\s/g, "").replace(",", "."));
  return text === "" || Number.isNaN(number) ? text : String(number);
};

/**
 * A short fingerprint of a row's values, written into the sheet beside them. A row whose values still match it was
 * not touched and is skipped, even when someone has updated that project on the website since the download.
 */
export function rowKey(values: KeyedValues): string {
  const canonical = [
    values.version,
    values.status,
    canonicalNumber(values.percentComplete),
    canonicalNumber(values.quantityDone),
    values.forecastFinish,
    values.pauseReason,
    values.comment,
    values.evidenceUrl,
  ];
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex").slice(0, 12);
}

export type SheetProblem = {
  error: "empty" | "notASheet" | "tooManyRows" | "unreadable" | "unzippedTooLarge";
  missing?: SheetColumn[];
};
type SheetResult = { rows: SheetRow[] } | SheetProblem;
/** A cell of a row by its column number (1 = A). */
type CellAt = (column: number) => SheetCell;

/**
 * Reads a progress sheet one row at a time, the header first, finding its columns by their headers in any
 * interface language. `add` answers a problem the moment there is one (a sheet past the row limit stops at row
 * 5 001, however many follow), so a streamed file is never read further than needed.
 */
class SheetRowReader {
  private columns: Map<SheetColumn, number> | null = null;
  private count = 0;
  private readonly rows: SheetRow[] = [];

  add(line: number, cellAt: CellAt, width: number): SheetProblem | null {
    if (!this.columns) {
      const columns = new Map<SheetColumn, number>();
      for (let column = 1; column <= width; column++) {
        const key = COLUMN_BY_HEADER.get(normalise(cellText(cellAt(column)).replace(/^\uFEFF/, "")));
        if (key && !columns.has(key)) columns.set(key, column);
      }
      const missing = REQUIRED_COLUMNS.filter((column) => !columns.has(column));
      if (missing.length > 0) return { error: "notASheet", missing };
      this.columns = columns;
      return null;
    }
    if (++this.count > MAX_SHEET_ROWS) return { error: "tooManyRows" };
    const columns = this.columns;
    const cell = (column: SheetColumn): SheetCell => (columns.has(column) ? cellAt(columns.get(column)!) : null);
    const projectCode = cellText(cell("code")).toUpperCase();
    if (projectCode === "") return null;
    this.rows.push({
      line,
      projectCode,
      version: cellText(cell("version")),
      status: codeOf(STATUS_BY_LABEL, cell("status")),
      percentComplete: cellText(cell("percentComplete")),
      quantityDone: cellText(cell("quantityDone")),
      asOf: cellDate(cell("asOf")),
      forecastFinish: cellDate(cell("forecastFinish")),
      pauseReason: codeOf(PAUSE_REASON_BY_LABEL, cell("pauseReason")),
      comment: cellText(cell("comment")),
      evidenceUrl: cellText(cell("evidenceUrl")),
      rowKey: cellText(cell("rowKey")),
    });
    return null;
  }

  finish(): SheetResult {
    if (!this.columns) return { error: "empty" };
    return this.rows.length === 0 ? { error: "empty" } : { rows: this.rows };
  }
}

/** Reads the rows of a progress sheet already in memory (a workbook built by a test or by the template). */
export function readSheet(worksheet: ExcelJS.Worksheet): SheetResult {
  if (worksheet.rowCount < 1) return { error: "empty" };
  const reader = new SheetRowReader();
  for (let line = 1; line <= worksheet.rowCount; line++) {
    const row = worksheet.getRow(line);
    const problem = reader.add(line, (column) => plainCell(row.getCell(column).value), row.cellCount);
    if (problem) return problem;
  }
  return reader.finish();
}

type StreamedRow = { line: number; cellAt: CellAt; width: number };

type StreamEvent = { eventType: string; value: unknown };
type HyperlinkSource = {
  id: string | number;
  on(event: "hyperlink", listener: (link: { rId: string; target: string }) => void): void;
  read(): Promise<void>;
};
type StreamedWorksheet = { id: string | number; parse(): AsyncIterable<StreamEvent[]> };

/**
 * The first worksheet's rows as exceljs's streaming reader parses them: never the whole workbook in memory, and
 * reading stops one row past the limit. Rows are held (at most MAX_SHEET_ROWS + 1) until the sheet ends, because
 * its hyperlinks (an evidence link typed as a link) are listed after the rows and replace the text they show.
 */
async function* xlsxRows(bytes: Uint8Array): AsyncGenerator<StreamedRow> {
  // Relations, styles and shared strings first, so the worksheet streams straight through (exceljs parks a sheet
  // that comes first, as Excel writes it, in a temporary file); fed in 64 KB pieces, never copied whole.
  const zip = reorderZip(bytes, (name) => (/^xl\/worksheets\/[^/]+\.xml$/.test(name) ? 1 : 0));
  const source = Readable.from(
    (function* () {
      for (let at = 0; at < zip.length; at += 64 * 1024) yield zip.subarray(at, at + 64 * 1024);
    })(),
  );
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    sharedStrings: "cache",
    styles: "cache", // date cells are told from numbers by their style
    hyperlinks: "emit",
    worksheets: "emit",
    entries: "ignore",
  });
  const targetsBySheet = new Map<string, Map<string, string>>();
  try {
    for await (const event of workbook.parse() as unknown as AsyncIterable<StreamEvent>) {
      if (event.eventType === "hyperlinks") {
        const links = event.value as HyperlinkSource;
        const targets = new Map<string, string>();
        links.on("hyperlink", (link) => targets.set(link.rId, link.target));
        await links.read();
        targetsBySheet.set(String(links.id), targets);
      }
      if (event.eventType !== "worksheet") continue;
      const worksheet = event.value as StreamedWorksheet;
      const rows: ExcelJS.Row[] = [];
      const linkOf = new Map<string, string>(); // cell address → relation id
      reading: for await (const events of worksheet.parse())
        for (const { eventType, value } of events) {
          if (eventType === "row" && rows.push(value as ExcelJS.Row) > MAX_SHEET_ROWS + 1) break reading;
          if (eventType === "hyperlink") {
            const link = value as { ref: string; rId: string };
            linkOf.set(link.ref, link.rId);
          }
        }
      const targets =
        targetsBySheet.get(String(worksheet.id)) ??
        (targetsBySheet.size === 1 ? [...targetsBySheet.values()][0]! : new Map<string, string>());
      for (const row of rows)
        yield {
          line: row.number,
          width: row.cellCount,
          cellAt: (column) => {
            const cell = row.getCell(column);
            const target = targets.get(linkOf.get(cell.address) ?? "");
            return target ? plainCell({ text: String(cell.value ?? ""), hyperlink: target }) : plainCell(cell.value);
          },
        };
      return; // the first worksheet only
    }
  } finally {
    source.destroy();
  }
}

/** The rows of a CSV (RFC 4180 quoting; comma or semicolon, as Excel saves it in Kazakh or Russian settings). */
function* csvRows(text: string): Generator<StreamedRow> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let line = 0;
  let at = 0;
  while (at < text.length) {
    const cells: SheetCell[] = [];
    for (;;) {
      let value = "";
      if (text[at] === '"') {
        at++;
        for (;;) {
          const quote = text.indexOf('"', at);
          if (quote < 0) throw new Error("unterminated quote");
          value += text.slice(at, quote);
          at = quote + 1;
          if (text[at] !== '"') break;
          value += '"';
          at++;
        }
      }
      const stop = nextStop(text, at, delimiter);
      value += text.slice(at, stop);
      at = stop;
      // Every value stays text: the import reads numbers and dates itself (exceljs would guess US dates).
      cells.push(value === "" ? null : value);
      if (text[at] === delimiter) {
        at++;
        continue;
      }
      if (text[at] === "\r") at++;
      if (text[at] === "\n") at++;
      break;
    }
    line++;
    if (cells.length > 1 || cells[0] !== null)
      yield { line, cellAt: (column) => cells[column - 1] ?? null, width: cells.length };
  }
}

function nextStop(text: string, from: number, delimiter: string): number {
  for (let at = from; at < text.length; at++) {
    const character = text[at];
    if (character === delimiter || character === "\n" || character === "\r") return at;
  }
  return text.length;
}

/**
 * Reads an uploaded .xlsx or .csv as a progress sheet, within bounds whatever the file claims: a zip that would
 * inflate beyond MAX_UNZIPPED_BYTES is refused before parsing, rows are streamed and reading stops past
 * MAX_SHEET_ROWS, and the parser yields to the event loop between chunks (inflating runs on the thread pool).
 */
export async function readUploadedSheet(bytes: Uint8Array, kind: "xlsx" | "csv"): Promise<SheetResult> {
  if (kind === "xlsx") {
    const verdict = await inspectZip(bytes);
    if (verdict !== "ok") return { error: verdict === "tooLarge" ? "unzippedTooLarge" : "unreadable" };
  }
  const reader = new SheetRowReader();
  try {
    const rows =
      kind === "xlsx" ? xlsxRows(bytes) : csvRows(new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, ""));
    for await (const row of rows) {
      const problem = reader.add(row.line, row.cellAt, row.width);
      if (problem) return problem; // leaving the loop closes the reader: the rest is never parsed
    }
  } catch {
    return { error: "unreadable" };
  }
  return reader.finish();
}

/** Opens an uploaded .xlsx or .csv (comma or semicolon separated, as Excel saves it in Kazakh or Russian settings). */
export async function openSheet(bytes: Uint8Array, kind: "xlsx" | "csv"): Promise<ExcelJS.Worksheet | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    if (kind === "xlsx") {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      return workbook.worksheets[0] ?? null;
    }
    const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
    const firstLine = text.slice(0, text.search(/\r?\n|$/));
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
    // Every value stays text: the import reads numbers and dates itself (exceljs would guess US dates).
    return await workbook.csv.read(Readable.from([text]), {
      parserOptions: { delimiter },
      map: (value: string) => (value === "" ? null : value),
    });
  } catch {
    return null;
  }
}

/** An uploaded sheet and what to do with it; error messages are keys under `progressSheet.errors`. */
export const ZSheetUpload = z.object({
  mode: z.enum(["check", "apply"]),
  file: z
    .instanceof(File, { message: "noFile" })
    .refine((file) => file.size > 0, "noFile")
    .refine((file) => file.size <= MAX_SHEET_BYTES, "tooLarge")
    .refine((file) => /\.(xlsx|csv)$/i.test(file.name), "wrongType"),
});

export const sheetKind = (fileName: string): "xlsx" | "csv" => (/\.csv$/i.test(fileName) ? "csv" : "xlsx");
