import { describe, expect, it } from "vitest";
import { districtKey, loadCatalog } from "@/lib/catalog/load-catalog";
import { CATEGORIES, OBLAST_CODES, SECTORS } from "@/lib/reference-data";

const catalog = loadCatalog();

describe("the reviewed catalog", () => {
  it("validates against the catalog schema and has unique codes (loadCatalog throws otherwise)", () => {
    expect(catalog.records.length).toBeGreaterThan(500);
    expect(new Set(catalog.records.map((record) => record.code)).size).toBe(catalog.records.length);
  });

  it("covers every sector and every oblast, and all three horizons", () => {
    for (const sector of SECTORS) {
      const categories = CATEGORIES.filter((category) => category.sectorCode === sector.code).map(
        (category) => category.code,
      );
      expect(
        catalog.records.filter((record) => categories.includes(record.category)).length,
        sector.code,
      ).toBeGreaterThan(0);
    }
    for (const oblast of OBLAST_CODES)
      expect(catalog.records.filter((record) => record.oblasts.includes(oblast)).length, oblast).toBeGreaterThan(20);
    for (const horizon of [2030, 2040, 2050])
      expect(catalog.records.filter((record) => record.horizon === horizon).length, String(horizon)).toBeGreaterThan(
        20,
      );
  });

  it("cites a line inside the decree's chapters 2–4 for every record, and an excerpt", () => {
    for (const record of catalog.records) {
      expect(record.source.line, record.code).toBeGreaterThanOrEqual(87);
      expect(record.source.line, record.code).toBeLessThanOrEqual(4600);
    }
  });

  it("names districts only as annex 22 lists them", () => {
    const known = new Set(catalog.districts.map((district) => districtKey(district.nameKk)));
    for (const record of catalog.records.filter((candidate) => candidate.district))
      expect(known.has(districtKey(record.district!)), `${record.code}: ${record.district}`).toBe(true);
  });

  it("has districts and city administrations for all four oblasts", () => {
    for (const oblast of OBLAST_CODES)
      expect(catalog.districts.filter((district) => district.oblast === oblast).length, oblast).toBeGreaterThanOrEqual(
        6,
      );
  });

  it("gives every note in Kazakh, Russian and English, with the English note's numbers and codes in each translation", () => {
    const numbers = (text: string) => new Set(text.match(/\d+/g) ?? []);
    const codes = (text: string) => new Set(text.match(/\b[A-Z]+-(?:\d{4}|NA)-\d{3}\b/g) ?? []);
    const noted = [...catalog.records.map((record) => ({ id: record.code, ...record })), ...catalog.totals].filter(
      (item) => item.noteEn !== null,
    );
    expect(noted.length).toBeGreaterThan(800);
    for (const item of noted) {
      for (const translation of [item.noteKk, item.noteRu]) {
        expect(translation, item.id).not.toBeNull();
        expect(
          [...numbers(item.noteEn!)].filter((number) => !numbers(translation!).has(number)),
          `${item.id}: numbers missing from "${translation}"`,
        ).toEqual([]);
        expect(
          [...codes(item.noteEn!)].filter((code) => !translation!.includes(code)),
          `${item.id}: codes missing`,
        ).toEqual([]);
      }
      expect(item.noteKk, `${item.id}: the Kazakh note has Kazakh letters`).toMatch(/[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
      expect(item.noteRu, `${item.id}: the Russian note is Cyrillic`).toMatch(/[А-Яа-я]{4}/);
    }
  });

  it("links every stated conflict to a total that exists", () => {
    const ids = new Set(catalog.totals.map((total) => total.id));
    for (const total of catalog.totals.filter((candidate) => candidate.conflictsWith))
      expect(ids.has(total.conflictsWith!), total.id).toBe(true);
  });
});
