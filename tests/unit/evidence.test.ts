import { describe, expect, it } from "vitest";
import { photoFacts } from "@/lib/evidence/exif";
import { officeTypeOf, safeFileName, sniffHead, EVIDENCE_TYPES } from "@/lib/evidence/file-types";
import { nearestPlace } from "@/lib/evidence/nearest-place";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { ZProgressChange } from "@/lib/progress/progress-input";
import { photoWithExif } from "../support/evidence-files";
import sharp from "sharp";

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((value) => (typeof value === "string" ? [...Buffer.from(value, "latin1")] : [value])));

describe("evidence file types", () => {
  it("tells photos and documents by their first bytes, whatever their name", () => {
    expect(sniffHead(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0))).toBe(EVIDENCE_TYPES.jpeg);
    expect(sniffHead(bytes(0x89, "PNG\r\n", 0x1a, "\n", 0, 0, 0, 0))).toBe(EVIDENCE_TYPES.png);
    expect(sniffHead(bytes("RIFF", 0, 0, 0, 0, "WEBPVP8 "))).toBe(EVIDENCE_TYPES.webp);
    expect(sniffHead(bytes(0, 0, 0, 24, "ftypheic", 0, 0, 0, 0))).toBe(EVIDENCE_TYPES.heic);
    expect(sniffHead(bytes("%PDF-1.7\n", 0, 0, 0, 0, 0, 0, 0))).toBe(EVIDENCE_TYPES.pdf);
    expect(sniffHead(bytes("PK", 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).toBe("zip");
    expect(sniffHead(bytes("<html><body>", 0, 0, 0, 0))).toBeNull();
    expect(sniffHead(bytes("MZ", 0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).toBeNull();
    expect(sniffHead(bytes(0, 0, 0, 24, "ftypmp42", 0, 0, 0, 0))).toBeNull(); // a video
  });

  it("tells DOCX from XLSX by the parts inside the archive, and refuses other archives", () => {
    expect(officeTypeOf(["[Content_Types].xml", "_rels/.rels", "word/document.xml"])).toBe(EVIDENCE_TYPES.docx);
    expect(officeTypeOf(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"])).toBe(
      EVIDENCE_TYPES.xlsx,
    );
    expect(officeTypeOf(["[Content_Types].xml", "ppt/presentation.xml"])).toBeNull();
    expect(officeTypeOf(["word/document.xml"])).toBeNull();
    expect(officeTypeOf(["payload.exe"])).toBeNull();
  });

  it("keeps no folders or control characters of a file name and gives it the real type's extension", () => {
    expect(safeFileName("../../etc/passwd", EVIDENCE_TYPES.pdf)).toBe("passwd.pdf");
    expect(safeFileName("C:\\Users\\me\\акт.PDF", EVIDENCE_TYPES.pdf)).toBe("акт.pdf");
    expect(safeFileName('a"b\u0000c\nd.jpg', EVIDENCE_TYPES.png)).toBe("abcd.png");
    expect(safeFileName("", EVIDENCE_TYPES.jpeg)).toBe("file.jpg");
  });
});

describe("photo time and place", () => {
  it("reads the EXIF time and GPS position, and names the nearest known place", async () => {
    const { exif } = await sharp(await photoWithExif()).metadata();
    const facts = photoFacts(exif);
    expect(facts.takenAt?.toISOString()).toBe("2026-11-14T10:20:30.000Z");
    expect(facts.latitude).toBeCloseTo(47.85, 5);
    expect(facts.longitude).toBeCloseTo(59.65, 5);
    const near = nearestPlace(facts.latitude!, facts.longitude!);
    expect(near?.place.nameEn).toBe("Shalkar");
    expect(Math.round(near!.km)).toBe(3);
  });

  it("gives nothing for missing or broken EXIF, and no place far from every centre", () => {
    expect(photoFacts(undefined)).toEqual({ takenAt: null, latitude: null, longitude: null });
    expect(photoFacts(Buffer.from("Exif\0\0garbage"))).toEqual({ takenAt: null, latitude: null, longitude: null });
    expect(nearestPlace(51.5, -0.12)).toBeNull();
  });
});

describe("evidence in a progress change", () => {
  const parse = (evidence: unknown) =>
    ZProgressChange.safeParse({ status: "DESIGN", percentComplete: "5", asOf: "2026-01-10", evidence });

  it("reads the form's one JSON field, trims captions, and treats a blank field as no files", () => {
    expect(parse(undefined).data?.evidence).toEqual([]);
    expect(parse("").data?.evidence).toEqual([]);
    expect(parse('[{"id":12,"caption":"  Көпір  "},{"id":13,"caption":""}]').data?.evidence).toEqual([
      { id: 12, caption: "Көпір" },
      { id: 13, caption: null },
    ]);
  });

  it("refuses what is not a list of distinct file ids, more than 10 files and over-long captions", () => {
    const errorOf = (evidence: unknown) => {
      const result = parse(evidence);
      return result.success ? null : fieldErrorsOf(result.error).evidence;
    };
    expect(errorOf("12,13")).toBe("invalid");
    expect(errorOf('{"id":12}')).toBe("invalid");
    expect(errorOf('[{"id":"12"}]')).toBe("invalid");
    expect(errorOf('[{"id":1.5}]')).toBe("invalid");
    expect(errorOf('[{"id":-1}]')).toBe("invalid");
    expect(errorOf('[{"id":4294967296}]')).toBe("invalid");
    expect(errorOf('[{"id":5},{"id":5}]')).toBe("invalid");
    expect(errorOf(JSON.stringify(Array.from({ length: 11 }, (_, index) => ({ id: index + 1 }))))).toBe("tooManyFiles");
    expect(errorOf(JSON.stringify([{ id: 1, caption: "x".repeat(301) }]))).toBe("tooLong");
  });
});
