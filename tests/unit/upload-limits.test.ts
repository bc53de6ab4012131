// Hostile spreadsheets, built at run time: a zip bomb (small file, huge sheet of repeated rows), the same bomb with
// a directory that lies about its size, and a sheet of 240 000 rows. Each is refused quickly, without inflating
// more than the limit and without holding up the event loop; an honest sheet still reads as before.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { inspectZip, MAX_UNZIPPED_BYTES } from "@/lib/http/zip-limits";
import { MAX_SHEET_BYTES, readUploadedSheet } from "@/lib/progress/progress-sheet";
import en from "@/messages/en.json";
import {
  bombSheet,
  deflatedEntry,
  HEADER,
  STRINGS,
  sheetOfRows,
  streamedEntry,
  WORKSHEET_HEAD,
  WORKSHEET_TAIL,
  xlsxParts,
  zipOf,
} from "../support/zip";

/** Runs `work`, measuring how long the event loop was held at most (a 5 ms timer's longest late tick). */
async function withEventLoopWatch<T>(
  work: () => Promise<T>,
): Promise<{ result: T; ms: number; longestStallMs: number }> {
  let last = performance.now();
  let longestStallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestStallMs = Math.max(longestStallMs, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  try {
    const result = await work();
    return { result, ms: performance.now() - started, longestStallMs };
  } finally {
    clearInterval(timer);
  }
}

let bombEntry: Awaited<ReturnType<typeof streamedEntry>>;
beforeAll(async () => {
  bombEntry = await streamedEntry("xl/worksheets/sheet1.xml", bombSheet());
}, 60_000);

describe("uploaded spreadsheets are read within bounds", { timeout: 30_000 }, () => {
  it("refuses a zip bomb by the sizes its directory declares, before inflating anything", async () => {
    const bomb = zipOf(xlsxParts(bombEntry, STRINGS));
    expect(bomb.length).toBeLessThan(MAX_SHEET_BYTES); // small enough to upload
    const { result, ms, longestStallMs } = await withEventLoopWatch(() => readUploadedSheet(bomb, "xlsx"));
    expect(result).toEqual({ error: "unzippedTooLarge" });
    expect(ms).toBeLessThan(2000);
    expect(longestStallMs).toBeLessThan(1000);
  });

  it("refuses a zip bomb whose directory lies about its size, inflating no more than the lie", async () => {
    const liar = zipOf(xlsxParts({ ...bombEntry, declaredSize: 1024 * 1024 }, STRINGS));
    const { result, ms, longestStallMs } = await withEventLoopWatch(() => readUploadedSheet(liar, "xlsx"));
    expect(result).toEqual({ error: "unzippedTooLarge" });
    expect(ms).toBeLessThan(2000);
    expect(longestStallMs).toBeLessThan(1000);
    expect(await inspectZip(liar)).toBe("tooLarge");
  });

  it("refuses an entry hidden between the ones the directory lists, and anything that is not a zip", async () => {
    const parts = xlsxParts(deflatedEntry("xl/worksheets/sheet1.xml", WORKSHEET_HEAD + WORKSHEET_TAIL), STRINGS);
    const honest = zipOf(parts);
    expect(await inspectZip(honest)).toBe("ok");
    // The same local entries plus one more in the middle that the directory does not name.
    const hidden = zipOf([...parts.slice(0, 2), deflatedEntry("xl/hidden.xml", "x".repeat(1000)), ...parts.slice(2)]);
    const directoryStart = hidden.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const withoutHidden = Buffer.concat([
      hidden.subarray(0, directoryStart),
      zipOf(parts).subarray(honest.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))),
    ]);
    expect(await inspectZip(withoutHidden)).toBe("unreadable");
    expect(await readUploadedSheet(Buffer.from("not a zip at all"), "xlsx")).toEqual({ error: "unreadable" });
  });

  it("stops reading a sheet of 240 000 rows at the row limit, quickly and without stalling", async () => {
    const big = zipOf(xlsxParts(await streamedEntry("xl/worksheets/sheet1.xml", sheetOfRows(240_000)), STRINGS));
    expect(big.length).toBeLessThan(MAX_SHEET_BYTES);
    const { result, ms, longestStallMs } = await withEventLoopWatch(() => readUploadedSheet(big, "xlsx"));
    expect(result).toEqual({ error: "tooManyRows" });
    // Before: the whole workbook was loaded at once, holding the event loop for many seconds. The margins leave
    // room for a machine busy with other work (8 test runs on 2 cores).
    expect(ms).toBeLessThan(10_000);
    expect(longestStallMs).toBeLessThan(1000);
  });

  it("stops reading a CSV of 240 000 rows at the row limit", async () => {
    const csv = `${HEADER.join(";")}\n${"ROAD-2030-001;1;In progress;10;20.11.2026\n".repeat(240_000)}`;
    const { result, ms } = await withEventLoopWatch(() => readUploadedSheet(Buffer.from(csv, "utf8"), "csv"));
    expect(result).toEqual({ error: "tooManyRows" });
    expect(ms).toBeLessThan(2000);
  });

  it("still reads an honest sheet of 5 000 rows, written by exceljs, with its dates", async () => {
    const workbook = new ExcelJS.Workbook();
    const worksheet = workbook.addWorksheet("sheet");
    worksheet.addRow([...HEADER, en.progressSheet.columns.comment]);
    for (let index = 0; index < 5000; index++)
      worksheet.addRow([`ROAD-2030-${index}`, 2, "In progress", 40, new Date(Date.UTC(2026, 10, 20)), 'Ок; "x"']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const sheet = await readUploadedSheet(bytes, "xlsx");
    if ("error" in sheet) throw new Error(sheet.error);
    expect(sheet.rows).toHaveLength(5000);
    expect(sheet.rows[4999]).toMatchObject({
      line: 5001,
      projectCode: "ROAD-2030-4999",
      version: "2",
      status: "IN_PROGRESS",
      percentComplete: "40",
      asOf: "2026-11-20",
      comment: 'Ок; "x"',
    });
    expect(MAX_UNZIPPED_BYTES).toBe(50 * 1024 * 1024);
  });

  it("reads CSV quoting as Excel writes it: delimiters, quotes and line breaks inside quotes", async () => {
    const csv = `\uFEFF${HEADER.join(",")},Comment\r\nROAD-2030-001,3,Design,5,01.02.2026,"a, ""b""\r\nc"\r\n`;
    const sheet = await readUploadedSheet(Buffer.from(csv, "utf8"), "csv");
    if ("error" in sheet) throw new Error(sheet.error);
    expect(sheet.rows).toEqual([
      expect.objectContaining({
        projectCode: "ROAD-2030-001",
        status: "DESIGN",
        asOf: "2026-02-01",
        comment: 'a, "b"\r\nc',
      }),
    ]);
  });
});
