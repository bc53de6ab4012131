// What an uploaded file really is, read from its first bytes (and, for Office files, the names inside the ZIP),
// never from its name or the type the browser claims. Pure functions: no I/O, shared by the upload and the tests.

export type EvidenceType = {
  /** Our name for the type. */
  code: "jpeg" | "png" | "webp" | "heic" | "pdf" | "docx" | "xlsx";
  kind: "PHOTO" | "DOCUMENT";
  contentType: string;
  extension: string;
};

export const EVIDENCE_TYPES: Record<EvidenceType["code"], EvidenceType> = {
  jpeg: { code: "jpeg", kind: "PHOTO", contentType: "image/jpeg", extension: "jpg" },
  png: { code: "png", kind: "PHOTO", contentType: "image/png", extension: "png" },
  webp: { code: "webp", kind: "PHOTO", contentType: "image/webp", extension: "webp" },
  heic: { code: "heic", kind: "PHOTO", contentType: "image/heic", extension: "heic" },
  pdf: { code: "pdf", kind: "DOCUMENT", contentType: "application/pdf", extension: "pdf" },
  docx: {
    code: "docx",
    kind: "DOCUMENT",
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: "docx",
  },
  xlsx: {
    code: "xlsx",
    kind: "DOCUMENT",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
  },
};

/** What the file chooser offers (a hint only: the server decides by content). */
export const ACCEPT_ATTRIBUTE = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/heic",
  "image/heif",
  ".pdf",
  ".docx",
  ".xlsx",
].join(",");

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** HEIF brands of still photos taken by phones (HEVC-coded HEIC and the generic HEIF brands). */
const HEIC_BRANDS = new Set(["heic", "heix", "heim", "heis", "mif1", "msf1"]);

/**
 * The type of a file from its first bytes (at least 16), or "zip" when it is a ZIP archive whose entries must be
 * read to tell DOCX from XLSX from anything else, or null when it is none of the accepted types.
 */
export function sniffHead(head: Uint8Array): EvidenceType | "zip" | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return EVIDENCE_TYPES.jpeg;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return EVIDENCE_TYPES.png;
  if (head.length >= 12 && ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return EVIDENCE_TYPES.webp;
  if (head.length >= 12 && ascii(head, 4, 8) === "ftyp" && HEIC_BRANDS.has(ascii(head, 8, 12)))
    return EVIDENCE_TYPES.heic;
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return EVIDENCE_TYPES.pdf; // %PDF-
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return "zip";
  return null;
}

/**
 * The names of the entries of a ZIP archive, from its central directory. `tail` is the end of the file (the last
 * 64 KiB + 22 bytes hold the end-of-central-directory record); `readAt` reads the central directory itself.
 */
export function zipCentralDirectory(tail: Uint8Array, fileSize: number): { offset: number; size: number } | null {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let index = tail.length - 22; index >= 0; index--) {
    if (view.getUint32(index, true) !== 0x06054b50) continue;
    const size = view.getUint32(index + 12, true);
    const offset = view.getUint32(index + 16, true);
    if (offset + size > fileSize) return null;
    return { offset, size };
  }
  return null;
}

export function zipEntryNames(directory: Uint8Array): string[] {
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const names: string[] = [];
  let index = 0;
  while (index + 46 <= directory.length && view.getUint32(index, true) === 0x02014b50) {
    const nameLength = view.getUint16(index + 28, true);
    const extraLength = view.getUint16(index + 30, true);
    const commentLength = view.getUint16(index + 32, true);
    names.push(new TextDecoder().decode(directory.subarray(index + 46, index + 46 + nameLength)));
    index += 46 + nameLength + extraLength + commentLength;
    if (names.length > 10_000) break;
  }
  return names;
}

/** An Office Open XML document or workbook, told apart by the parts it contains; anything else is refused. */
export function officeTypeOf(entryNames: string[]): EvidenceType | null {
  const names = new Set(entryNames);
  if (!names.has("[Content_Types].xml")) return null;
  if (names.has("word/document.xml")) return EVIDENCE_TYPES.docx;
  if (names.has("xl/workbook.xml")) return EVIDENCE_TYPES.xlsx;
  return null;
}

/** A file name safe to show and to put in Content-Disposition: no folders, no control characters, short. */
export function safeFileName(name: string, type: EvidenceType): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "")
    .replace(/\.[^.]*$/, "")
    .trim()
    .slice(0, 100);
  return `${base || "file"}.${type.extension}`;
}
