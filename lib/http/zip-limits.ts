// An .xlsx is a zip. A small upload can inflate to hundreds of megabytes (a 1.3 MB sheet of repeated rows became
// 300 MB and froze the server for 21 s), so before any spreadsheet library sees it, its central directory is read
// (the sizes every entry claims), and every entry is inflated off the main thread with its claimed size as a hard
// ceiling, so a directory that lies is caught too. The entries must also lie end to end from the start of the
// file to the directory: nothing hidden between them for a streaming reader (which reads local headers) to find.
import zlib from "node:zlib";

/** What an uploaded zip may hold, inflated: far above a sheet of 5 000 projects (about 3 MB), far below harm. */
export const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 1000;

export type ZipVerdict = "ok" | "unreadable" | "tooLarge";

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const ZIP64_MARK = 0xffffffff;

/** How many bytes `deflated` inflates to, counted and dropped chunk by chunk; "tooLarge" as soon as it passes `max`. */
function inflatedSize(deflated: Buffer, max: number): Promise<number | "tooLarge" | "unreadable"> {
  return new Promise((resolve) => {
    const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let size = 0;
    inflate.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        inflate.destroy();
        resolve("tooLarge");
      }
    });
    inflate.on("end", () => resolve(size));
    inflate.on("error", () => resolve("unreadable"));
    inflate.end(deflated);
  });
}

type Entry = {
  flags: number;
  method: number;
  compressed: number;
  size: number;
  offset: number;
  /** Where this entry's record sits in the central directory, and how long it is. */
  record: { start: number; length: number };
  name: string;
};

type Directory = { entries: Entry[]; offset: number };

function readDirectory(zip: Buffer, maxEntries: number, maxBytes: number): Directory | ZipVerdict {
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--)
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  if (end < 0) return "unreadable";
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryOffset = zip.readUInt32LE(end + 16);
  // Zip64 (more than 65 535 entries or 4 GB) is never a sheet of ours.
  if (count === 0xffff || directoryOffset === ZIP64_MARK || count > maxEntries) return "tooLarge";
  if (directoryOffset + directorySize > end) return "unreadable";
  const entries: Entry[] = [];
  let total = 0;
  for (let at = directoryOffset, index = 0; index < count; index++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) return "unreadable";
    const entry = {
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
      record: {
        start: at,
        length: 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32),
      },
      name: zip.toString("utf8", at + 46, at + 46 + zip.readUInt16LE(at + 28)),
    };
    if (entry.compressed === ZIP64_MARK || entry.size === ZIP64_MARK || entry.offset === ZIP64_MARK) return "tooLarge";
    total += entry.size;
    if (total > maxBytes) return "tooLarge";
    entries.push(entry);
    at += entry.record.length;
  }
  return { entries, offset: directoryOffset };
}

/**
 * Whether `bytes` is a zip whose entries inflate to at most `maxBytes` in all (and are what its directory says).
 * Never inflates more than the directory claims; the inflating runs on libuv's thread pool, not the event loop.
 */
export async function inspectZip(
  bytes: Uint8Array,
  limits: { maxBytes?: number; maxEntries?: number } = {},
): Promise<ZipVerdict> {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (zip.length < 22) return "unreadable";
  const directory = readDirectory(zip, limits.maxEntries ?? MAX_ZIP_ENTRIES, limits.maxBytes ?? MAX_UNZIPPED_BYTES);
  if (typeof directory === "string") return directory;
  const directoryOffset = directory.offset;
  let expected = 0;
  for (const entry of directory.entries.sort((a, b) => a.offset - b.offset)) {
    if (entry.offset !== expected || entry.offset + 30 > directoryOffset) return "unreadable";
    if (zip.readUInt32LE(entry.offset) !== LOCAL_ENTRY) return "unreadable";
    const start = entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28);
    const finish = start + entry.compressed;
    if (finish > directoryOffset) return "unreadable";
    if (entry.method === 0) {
      if (entry.compressed !== entry.size) return "unreadable";
    } else if (entry.method === 8) {
      const size = await inflatedSize(zip.subarray(start, finish), entry.size);
      if (size !== entry.size) return typeof size === "string" ? size : "unreadable";
    } else return "unreadable";
    expected = finish;
    // A data descriptor (sizes written after the data) follows when flag bit 3 is set, with or without signature.
    if (entry.flags & 0x8)
      expected += finish + 4 <= zip.length && zip.readUInt32LE(finish) === DATA_DESCRIPTOR ? 16 : 12;
  }
  return expected === directoryOffset ? "ok" : "unreadable";
}

/**
 * The same zip with its entries in another order (lowest `rank` first): exceljs's streaming reader parks a
 * worksheet that comes before the shared strings in a temporary file (Excel writes them in that order), which a
 * reader stopped at the row limit would leave behind. Call only after `inspectZip` answered "ok".
 */
export function reorderZip(bytes: Uint8Array, rank: (name: string) => number): Buffer {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const directory = readDirectory(zip, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (typeof directory === "string") throw new Error("reorderZip: inspect the zip first");
  const byOffset = [...directory.entries].sort((a, b) => a.offset - b.offset);
  const ends = new Map(byOffset.map((entry, index) => [entry, byOffset[index + 1]?.offset ?? directory.offset]));
  const ordered = [...directory.entries].sort((a, b) => rank(a.name) - rank(b.name));
  const locals: Buffer[] = [];
  const records: Buffer[] = [];
  let offset = 0;
  for (const entry of ordered) {
    const local = zip.subarray(entry.offset, ends.get(entry));
    const record = Buffer.from(zip.subarray(entry.record.start, entry.record.start + entry.record.length));
    record.writeUInt32LE(offset, 42);
    locals.push(local);
    records.push(record);
    offset += local.length;
  }
  const end = Buffer.from(zip.subarray(zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))));
  const directorySize = records.reduce((sum, record) => sum + record.length, 0);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...records, end]);
}
