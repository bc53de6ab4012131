import { isCalendarDay, isoDate, kazakhstanClock } from "../progress/calendar";

// CSV as Excel reads it: UTF-8 with a byte-order mark (so Kazakh letters show correctly), CRLF line ends, and
// every field quoted when it needs to be (RFC 4180). Text cells that a spreadsheet would run as a formula are made
// inert; numbers are numbers, so a negative amount stays a number.
export const CSV_BOM = "\uFEFF";

export type CsvSeparator = "," | ";";

/**
 * The separator the reader's Excel expects: Kazakh and Russian Windows use a decimal comma and so split CSV on
 * semicolons; English uses commas. `?sep=comma|semicolon` overrides it.
 */
export function csvSeparator(locale: string, requested?: string | null): CsvSeparator {
  if (requested === "comma") return ",";
  if (requested === "semicolon") return ";";
  return locale === "en" ? "," : ";";
}

/**
 * One field. With the semicolon separator (Kazakh and Russian Excel) numbers take a decimal comma and dates read
 * 03.12.2026, as that Excel parses them; with the comma separator numbers keep the point and dates are ISO
 * (2026-12-03), which English Excel parses. A date at midnight UTC is a calendar day (a DATE column); any other
 * moment is written in Kazakhstan time with hours and minutes.
 */
export function csvField(value: unknown, separator: CsvSeparator = ","): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") {
    const text = String(value);
    return separator === ";" ? text.replace(".", ",") : text;
  }
  let text =
    value instanceof Date
      ? csvDate(value, separator)
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  // A plain signed number is no formula: "-12" stays a number for the spreadsheet.
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+([.,]\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvDate(value: Date, separator: CsvSeparator): string {
  const isDay = isCalendarDay(value);
  const { date, time } = isDay ? { date: isoDate(value), time: "" } : kazakhstanClock(value);
  const [year, month, day] = date.split("-");
  const shown = separator === ";" ? `${day}.${month}.${year}` : date;
  return isDay ? shown : `${shown} ${time}`;
}

export function csvLine(values: unknown[], separator: CsvSeparator = ","): string {
  return `${values.map((value) => csvField(value, separator)).join(separator)}\r\n`;
}

/**
 * A streamed CSV download from rows produced one by one. Rows are pulled only when the client reads, so a slow
 * download holds back the database reads instead of piling rows up in memory.
 */
export function csvResponse(
  filename: string,
  header: string[],
  rows: AsyncIterable<unknown[]>,
  separator: CsvSeparator = ",",
): Response {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  const CHUNK_ROWS = 200;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvLine(header, separator)));
    },
    async pull(controller) {
      let text = "";
      for (let count = 0; count < CHUNK_ROWS; count++) {
        const next = await iterator.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += csvLine(next.value, separator);
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

/**
 * Pulls the first row before the response starts: a query that fails then answers an error page, never a
 * download that starts and breaks off. The rows are then produced as before, one by one.
 */
export async function startRows<T>(rows: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const iterator = rows[Symbol.asyncIterator]();
  const first = await iterator.next();
  return {
    async *[Symbol.asyncIterator]() {
      try {
        if (first.done) return;
        yield first.value;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      } finally {
        await iterator.return?.();
      }
    },
  };
}
