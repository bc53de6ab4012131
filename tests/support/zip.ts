// Builds zip files at run time for the upload tests (no binaries in the repository): honest ones, and hostile ones
// whose entries inflate to far more than they weigh, or whose directory lies about their size.
import zlib from "node:zlib";
import fs from "node:fs";
import path from "node:path";

export type ZipEntry = { name: string; deflated: Buffer; size: number; crc: number; declaredSize?: number };

export function deflatedEntry(name: string, data: string | Buffer): ZipEntry {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, "utf8");
  return { name, deflated: zlib.deflateRawSync(bytes), size: bytes.length, crc: zlib.crc32(bytes) };
}

/** An entry whose text comes in parts (a generator), deflated as a stream: never all in memory at once. */
export async function streamedEntry(name: string, parts: Iterable<string>): Promise<ZipEntry> {
  const deflate = zlib.createDeflateRaw({ level: 6 });
  const output: Buffer[] = [];
  deflate.on("data", (data: Buffer) => output.push(data));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  let size = 0;
  let crc = 0;
  for (const part of parts) {
    const bytes = Buffer.from(part, "utf8");
    size += bytes.length;
    crc = zlib.crc32(bytes, crc);
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return { name, deflated: Buffer.concat(output), size, crc };
}

/** A zip of the entries in order; `declaredSize` makes the directory (and local header) claim another size. */
export function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const records: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const size = entry.declaredSize ?? entry.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(8, 10);
    record.writeUInt16LE(0x21, 14);
    record.writeUInt32LE(entry.crc >>> 0, 16);
    record.writeUInt32LE(entry.deflated.length, 20);
    record.writeUInt32LE(size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.deflated);
    records.push(record, name);
    offset += local.length + name.length + entry.deflated.length;
  }
  const directorySize = records.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...records, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/**
 * The parts of a one-sheet .xlsx around a worksheet entry (the worksheet first, as Excel writes it): shared
 * strings hold `strings`, which cells of type "s" name by index.
 */
export function xlsxParts(worksheet: ZipEntry, strings: string[]): ZipEntry[] {
  const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return [
    deflatedEntry(
      "[Content_Types].xml",
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        "</Types>",
    ),
    deflatedEntry(
      "_rels/.rels",
      `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    deflatedEntry(
      "xl/workbook.xml",
      `${XML}<workbook xmlns="${MAIN}" xmlns:r="${OFFICE_RELS}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    deflatedEntry(
      "xl/_rels/workbook.xml.rels",
      `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE_RELS}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${OFFICE_RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    worksheet,
    deflatedEntry(
      "xl/sharedStrings.xml",
      `${XML}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings
        .map((text) => `<si><t>${escapeXml(text)}</t></si>`)
        .join("")}</sst>`,
    ),
  ];
}

export const WORKSHEET_HEAD = `${XML}<worksheet xmlns="${MAIN}"><sheetData>`;
export const WORKSHEET_TAIL = "</sheetData></worksheet>";

/** The required columns of a progress sheet (English headers), and the strings its rows use. */
// Read as a file, not imported: Playwright's loader (the e2e tests use these too) needs JSON import attributes.
const en = JSON.parse(fs.readFileSync(path.join(process.cwd(), "messages", "en.json"), "utf8")) as {
  progressSheet: { columns: Record<"code" | "version" | "status" | "percentComplete" | "asOf", string> };
};
export const HEADER = (["code", "version", "status", "percentComplete", "asOf"] as const).map(
  (key) => en.progressSheet.columns[key],
);
export const STRINGS = [...HEADER, "ROAD-2030-001", "In progress", "2026-11-20"];
const headerRow = `<row r="1">${HEADER.map((_, index) => `<c r="${"ABCDE"[index]}1" t="s"><v>${index}</v></c>`).join("")}</row>`;
const dataRow = (line: number) =>
  `<row r="${line}"><c r="A${line}" t="s"><v>5</v></c><c r="B${line}"><v>1</v></c><c r="C${line}" t="s"><v>6</v></c>` +
  `<c r="D${line}"><v>${line % 100}</v></c><c r="E${line}" t="s"><v>7</v></c></row>`;

export function* sheetOfRows(rows: number): Generator<string> {
  yield WORKSHEET_HEAD + headerRow;
  for (let start = 2; start <= rows + 1; start += 1000) {
    let chunk = "";
    for (let line = start; line < Math.min(start + 1000, rows + 2); line++) chunk += dataRow(line);
    yield chunk;
  }
  yield WORKSHEET_TAIL;
}

/** 200 MB of the same rows over and over: what a 1.3 MB upload inflated to when it froze the server. */
export function* bombSheet(): Generator<string> {
  yield WORKSHEET_HEAD + headerRow;
  const chunk = dataRow(2).repeat(100); // within deflate's 32 KB window: each repeat costs a few bytes
  for (let total = 0; total < 200 * 1024 * 1024; total += chunk.length) yield chunk;
  yield WORKSHEET_TAIL;
}

/** A hostile .xlsx: `sheet` (a generator of worksheet XML) deflated as a stream into a complete workbook. */
export async function xlsxOf(sheet: Iterable<string>, declaredSize?: number): Promise<Buffer> {
  const worksheet = await streamedEntry("xl/worksheets/sheet1.xml", sheet);
  return zipOf(xlsxParts({ ...worksheet, declaredSize }, STRINGS));
}
