// The progress sheet: a spreadsheet of projects that ministry staff download, fill in offline and upload, each
// changed row becoming one progress update. This module knows its columns and how to read its cells back, whatever
// Excel or a CSV round trip did to them. Pure (no database): shared by the template, the import and the tests.
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { Readable } from "node:stream";
import { z } from "zod";
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

export type SheetProblem = { error: "empty" | "notASheet" | "tooManyRows"; missing?: SheetColumn[] };

/** Reads the rows of a progress sheet, finding its columns by their headers in any interface language. */
export function readSheet(worksheet: ExcelJS.Worksheet): { rows: SheetRow[] } | SheetProblem {
  if (worksheet.rowCount < 1) return { error: "empty" };
  const columns = new Map<SheetColumn, number>();
  worksheet.getRow(1).eachCell((cell, column) => {
    const key = COLUMN_BY_HEADER.get(normalise(cellText(plainCell(cell.value)).replace(/^\uFEFF/, "")));
    if (key && !columns.has(key)) columns.set(key, column);
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.has(column));
  if (missing.length > 0) return { error: "notASheet", missing };
  if (worksheet.rowCount - 1 > MAX_SHEET_ROWS) return { error: "tooManyRows" };

  const rows: SheetRow[] = [];
  for (let line = 2; line <= worksheet.rowCount; line++) {
    const row = worksheet.getRow(line);
    const cell = (column: SheetColumn): SheetCell =>
      columns.has(column) ? plainCell(row.getCell(columns.get(column)!).value) : null;
    const projectCode = cellText(cell("code")).toUpperCase();
    if (projectCode === "") continue;
    rows.push({
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
  }
  return rows.length === 0 ? { error: "empty" } : { rows };
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
