import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locateLines } from "@/lib/catalog/decree-structure";
import { loadCatalog } from "@/lib/catalog/load-catalog";
import { noteAsText, parseNote } from "@/lib/catalog/note-text";
import { reconcile, summariseSourceCheck } from "@/lib/catalog/reconcile";
import { CATEGORY_CODES, OBLAST_CODES, SECTORS, UNITS } from "@/lib/reference-data";

const catalog = loadCatalog();
const messages = Object.fromEntries(
  ["kk", "ru", "en"].map((locale) => [
    locale,
    JSON.parse(fs.readFileSync(path.join(process.cwd(), "messages", `${locale}.json`), "utf8")) as {
      units: Record<string, string>;
    },
  ]),
);
const decreeLines = fs
  .readFileSync(path.join(process.cwd(), "prisma/catalog/source/decree-946-western-region.kk.txt"), "utf8")
  .split("\n");
const locations = locateLines(decreeLines);
const record = (code: string) => catalog.records.find((candidate) => candidate.code === code)!;
const total = (id: string) => catalog.totals.find((candidate) => candidate.id === id)!;

describe("quantities at the scale the decree states", () => {
  it("has a label in Kazakh, Russian and English for every unit, including the ones added for the decree", () => {
    for (const unit of ["km2", "times", "thousand_learners", "thousand_Gcal_h", "thousand_Gcal", "mln_Gcal", "bn_kWh"])
      expect(UNITS).toContain(unit);
    for (const unit of UNITS)
      for (const locale of ["kk", "ru", "en"]) expect(messages[locale]!.units[unit], `${locale} ${unit}`).toBeTruthy();
  });

  it("keeps multiples, thousands and billions as printed instead of multiplying them out", () => {
    expect(record("HEALTH-2030-002")).toMatchObject({ quantity: 2.2, unit: "times" });
    expect(total("annex3-schools-pupils-2030")).toMatchObject({ value: 782.3, unit: "thousand_learners" });
    expect(total("electricity-demand-2040")).toMatchObject({ value: 28.8, unit: "bn_kWh" });
    expect(total("annex3-electricity-demand-2040")).toMatchObject({ value: 36100, unit: "mln_kWh" });
    expect(total("heat-t2-total-2040")).toMatchObject({ value: 36372, unit: "thousand_Gcal" });
    expect(total("annex3-heat-demand-2040")).toMatchObject({ value: 37, unit: "mln_Gcal" });
    expect(total("preschool-places-commissioned-by-2050")).toMatchObject({ value: 105.1, unit: "thousand_places" });
  });

  it("gives every summed total a unit, and states its number as the decree prints it", () => {
    const words: Record<number, string> = { 2: "екі", 3: "үш", 5: "бес", 7: "жеті" };
    const printed = (value: number) => {
      const [whole, decimals] = String(value).split(".");
      return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, " ") + (decimals ? `,${decimals}` : "");
    };
    for (const item of catalog.totals) {
      if (item.aggregate === "sum") expect(item.unit, item.id).not.toBeNull();
      const statement = item.statement.replace(/\s+/g, " ");
      const found =
        statement.includes(printed(item.value)) || (words[item.value] && statement.includes(words[item.value]!));
      expect(found, `${item.id}: ${printed(item.value)} not in "${statement}"`).toBeTruthy();
    }
  });
});

describe("names a list can show", () => {
  it("never gives two records the same name in any language", () => {
    for (const key of ["nameKk", "nameRu", "nameEn"] as const) {
      const seen = new Map<string, string>();
      for (const item of catalog.records) {
        const name = item[key];
        if (!name) continue;
        expect(seen.get(name), `${item.code} and ${seen.get(name)} share the ${key} "${name}"`).toBeUndefined();
        seen.set(name, item.code);
      }
    }
  });

  it("marks a place the catalog added to a name with square brackets, the decree's words staying in the excerpt", () => {
    const split = catalog.records.filter((item) => /\[[^\]]+\]$/.test(item.nameKk));
    expect(split.length).toBeGreaterThan(150);
    for (const item of split) {
      expect(item.nameRu ?? "[", item.code).toMatch(/\[[^\]]+\]$/);
      expect(item.nameEn ?? "[", item.code).toMatch(/\[[^\]]+\]$/);
      expect(item.source.excerpt, item.code).not.toMatch(/\[[^\]]+\]$/);
    }
  });

  it("has one record per named place in the tourism points 69–80 (eco-tourism, bird areas, beaches)", () => {
    const tourism = catalog.records.filter((item) => item.category === "tourism");
    const places = (prefix: string) => tourism.filter((item) => item.nameEn!.startsWith(prefix)).length;
    expect(places("Developing eco-tourism based on a protected natural area")).toBe(10);
    expect(places("Developing birdwatching tours")).toBe(25);
    expect(places("Developing beach tourism")).toBe(5);
    expect(
      tourism.find((item) => item.nameEn === "Developing beach tourism [Kargaly reservoir, Kargaly district]"),
    ).toMatchObject({ oblasts: ["AKT"], district: "Қарғалы ауданы", source: { point: "70", line: 3052 } });
  });
});

describe("one record per place outside tourism", () => {
  const fromLine = (line: number) => catalog.records.filter((item) => item.source.line === line);

  it("splits items that name several districts or towns, each record in its own district and oblast", () => {
    const cases: [number, number][] = [
      [1610, 6], // breeding farms, West Kazakhstan
      [1612, 8], // feedlots
      [1614, 5], // irrigated plots
      [1620, 3], // dairy farms: two districts and Oral
      [1356, 2], // koumiss and shubat, Aktobe oblast
      [1017, 2], // table salt, Mangystau oblast
      [3828, 4], // sand fixing, Atyrau oblast
      [3711, 8], // sewerage: seven towns and the district centres
      [4411, 16], // monuments: fifteen towns and the districts
    ];
    for (const [line, count] of cases) {
      const records = fromLine(line);
      expect(records.length, `line ${line}`).toBe(count);
      const named = records.filter((item) => item.district !== null);
      expect(new Set(named.map((item) => `${item.district} ${item.place}`)).size, `line ${line}`).toBe(named.length);
    }
  });

  it("gives each of the four oblast centres its own record in its own oblast", () => {
    for (const line of [3361, 3376, 4408, 4442]) {
      const records = fromLine(line);
      expect(records.map((item) => item.oblasts.join()).sort(), `line ${line}`).toEqual(["AKT", "ATY", "MAN", "ZKO"]);
    }
  });

  it("keeps the decisions the decree's wording supports", () => {
    // Point 85 neutralises '4,2 мың гектарын' OF the pond's territory; point 88 reclaims the whole 77 km².
    expect(catalog.contradictions.find((item) => item.id === "koshkar-ata-area")).toBeUndefined();
    expect(record("RECULT-2030-004")).toMatchObject({ quantity: 4.2, unit: "thousand_ha" });
    // Point 42 places the Karachaganak field in Borli district.
    expect(record("GAS-2030-702")).toMatchObject({ district: "Бөрлі ауданы", quantity: 4000000000 });
    // Point 60 proposes the third Kazakhstan–China gas line for the region without a place: kept, all four oblasts.
    expect(record("PIPE-NA-705").oblasts).toEqual(["AKT", "ATY", "ZKO", "MAN"]);
    // The 160 MW unit and the MAEK modernisation of point 84 item 5 are two records.
    expect(record("POWER-2030-001").noteEn).toContain("POWER-2030-971");
    expect(record("POWER-2030-971").noteEn).toContain("POWER-2030-001");
  });
});

describe("notes people can read", () => {
  const notes = catalog.records.flatMap((item) =>
    (["noteKk", "noteRu", "noteEn"] as const).flatMap((key) =>
      item[key] ? [{ id: `${item.code} ${key}`, text: item[key]! }] : [],
    ),
  );
  const kebabCodes = CATEGORY_CODES.filter((code) => code.includes("-"));
  const forbidden: [string, RegExp][] = [
    ["null", /\bnull\b/i],
    ["field = value", /\b(district|quantity|unit|horizon|kind|category|action|place|oblasts)\s*(=|is null|left null)/i],
    ["kind measure", /\bkind\b|\bmeasures?\b/],
    ["JSON file", /\.json\b/],
    ["match list", /\bmatch codes\b|\bcodes: \[/],
    ["unit code", /\b[a-z]+_[a-z_]+\b|'(units|places)'/],
    ["category code", new RegExp(`\\b(${kebabCodes.join("|")})\\b`)],
    ["bare line number (en)", /\blines? \d/i],
    ["bare line number (ru)", /строк[а-я]* \d/i],
    ["bare line number (kk)", /\d-жол/],
  ];
  // Words a reader meets when a compiler's working notes leak into the text: "horizon null" of a merged record,
  // field names (`nameKk`, `conflictsWith`, in backticks or not), ids of stated totals, the catalog's history.
  const programmerWords: [string, RegExp][] = [
    ["null", /\bnull\b/i],
    ["horizon null", /\bhorizon\s*(null|none|=|:)/i],
    ["backticks", /`/],
    ["field name", /\b(?:[a-z]{2,}[A-Z][a-zA-Z]*|[a-z]+_[a-z_]+)\b/],
    ["id of a stated total", /\b[a-z]+(?:-[a-z0-9]+)*-(?:\d{4}|total|point\d+)\b/],
    ["match list", /\bmatch (?:codes|lists?)\b|\bcodes: \[|\bв match\b|\bmatch ішінде\b/i],
    [
      "oblast or category code as a word",
      new RegExp(
        `\\b(?:${[...OBLAST_CODES, ...SECTORS.flatMap((sector) => sector.categories.map((item) => item.prefix))].join("|")})\\b(?!-)`,
      ),
    ],
    ["compiler's history", /\bpoint point\b|\bother readers\b|\bmerged into this one\b|\(was [A-Z]+-|\(ранее [A-Z]+-/i],
  ];

  it("contain no programmer words and cite lines only through links", () => {
    expect(notes.length).toBeGreaterThan(1500);
    for (const note of notes) {
      const visible = noteAsText(note.text);
      // expect() only on a match: building 80 000 messages made this test slow enough to time out on a busy machine.
      for (const [what, pattern] of [...forbidden, ...programmerWords])
        if (pattern.test(visible)) expect(visible, `${note.id}: ${what} in "${visible}"`).not.toMatch(pattern);
    }
  });

  it('would have caught the words the last review found (a merged record\'s "horizon null", field names)', () => {
    const caught = (text: string) => programmerWords.some(([, pattern]) => pattern.test(text));
    expect(caught("medium term, so horizon null")).toBe(true);
    expect(caught("the name (`nameKk`) was split")).toBe(true);
    expect(caught("nameKk split from one sentence")).toBe(true);
    expect(caught("set conflictsWith to annex3-land-protected-areas-2030")).toBe(true);
    expect(caught("Informational (match codes: [])")).toBe(true);
    expect(caught("filed under its real sector (was AIRQ-2030-006)")).toBe(true);
    expect(caught("so the record is kept under AKT")).toBe(true);
    expect(caught("category “Gas supply” like PIPE")).toBe(true);
    expect(caught("Oblast as written (Mangystau); 160 MW, 28,8 bn kWh")).toBe(false);
  });

  it("name only records the catalog holds (no code of a merged or withdrawn record)", () => {
    const codes = new Set(catalog.records.map((item) => item.code));
    for (const note of notes)
      for (const code of noteAsText(note.text).match(/\b[A-Z]{2,6}-(?:NA|20[345]0)-\d{3}\b/g) ?? [])
        expect(codes.has(code), `${note.id} names ${code}`).toBe(true);
  });

  it("of stated totals and contradictions contain no programmer words either", () => {
    const texts = [
      ...catalog.totals.flatMap((item) =>
        (["noteKk", "noteRu", "noteEn"] as const).flatMap((key) =>
          item[key] ? [{ id: `${item.id} ${key}`, text: item[key]! }] : [],
        ),
      ),
      ...catalog.contradictions.flatMap((item) =>
        (["summaryKk", "summaryRu", "summaryEn"] as const).map((key) => ({ id: `${item.id} ${key}`, text: item[key] })),
      ),
    ];
    expect(texts.length).toBeGreaterThan(300);
    const codes = new Set(catalog.records.map((item) => item.code));
    for (const note of texts) {
      const visible = noteAsText(note.text);
      for (const [what, pattern] of programmerWords)
        if (pattern.test(visible)) expect(visible, `${note.id}: ${what} in "${visible}"`).not.toMatch(pattern);
      for (const code of visible.match(/\b[A-Z]{2,6}-(?:NA|20[345]0)-\d{3}\b/g) ?? [])
        expect(codes.has(code), `${note.id} names ${code}`).toBe(true);
    }
  });

  it("link each citation to a line of the decree that belongs to the point it names (records and stated totals)", () => {
    let links = 0;
    const totalNotes = catalog.totals.flatMap((item) =>
      (["noteKk", "noteRu", "noteEn"] as const).flatMap((key) =>
        item[key] ? [{ id: `${item.id} ${key}`, text: item[key]! }] : [],
      ),
    );
    for (const note of [...notes, ...totalNotes])
      for (const segment of parseNote(note.text).filter((candidate) => candidate.line !== undefined)) {
        links++;
        const location = locations[segment.line!]!;
        expect(segment.line, note.id).toBeLessThanOrEqual(decreeLines.length);
        // "point 56, 2030 list", "п. 56", "56-тармақ", "annex 3"; a link may also name an item ("6-тармақша").
        const match =
          segment.text.match(/(?<![а-яё])(?:point|пункт[а-я]*|п\.|annex|прил\.|приложени[а-я]*)\s*(\d{1,3})/i) ??
          segment.text.match(/(\d{1,3})-(?:тармақ(?!ша)|тармағ|қосымша)/);
        if (!match) continue;
        const named = Number(match[1]);
        expect([location.point, location.annex], `${note.id}: "${segment.text}" → line ${segment.line}`).toContain(
          named,
        );
      }
    expect(links).toBeGreaterThan(1200);
  });
});

describe("the decree's structure", () => {
  it("places a line in its point and horizon list, or its annex", () => {
    expect(locations[2331]).toMatchObject({ point: 56, horizon: 2030 });
    expect(locations[3008]).toMatchObject({ point: 69, horizon: null });
    expect(locations[3844]).toMatchObject({ point: 87, horizon: 2030 });
    expect(locations[5151]).toMatchObject({ point: null, annex: 3 });
  });
});

describe("the Source check summary", () => {
  const rows = reconcile(catalog.records, catalog.totals);
  const summary = summariseSourceCheck(rows, catalog.contradictions.length);

  it("counts the stated totals, agreements and the decree's own differences", () => {
    expect(summary).toEqual({
      stated: 131,
      compared: 24,
      agree: 19,
      differ: 5,
      differByDecree: 5,
      differByCatalog: 0,
      informational: 107,
      contradictions: 19,
    });
    expect(summary.agree + summary.differ).toBe(summary.compared);
    expect(summary.compared + summary.informational).toBe(summary.stated);
  });

  it("explains every difference by a contradiction of the decree quoted with both passages", () => {
    const ids = new Set(catalog.contradictions.map((item) => item.id));
    for (const row of rows.filter((candidate) => candidate.comparable && !candidate.agrees))
      expect(ids.has(row.total.contradiction ?? ""), row.total.id).toBe(true);
    for (const item of catalog.contradictions) {
      expect(item.passages.length, item.id).toBeGreaterThanOrEqual(2);
      for (const passage of item.passages) expect(passage.line, item.id).toBeLessThanOrEqual(decreeLines.length);
    }
    expect(new Set(catalog.contradictions.map((item) => item.kind))).toEqual(
      new Set(["numbers", "oblast", "annex", "repeated", "unit"]),
    );
  });
});
