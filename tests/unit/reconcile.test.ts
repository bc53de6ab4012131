import { describe, expect, it } from "vitest";
import type { TCatalogRecord, TStatedTotal } from "@/lib/catalog/catalog-schema";
import { reconcile, summariseSourceCheck } from "@/lib/catalog/reconcile";

const record = (code: string, overrides: Partial<TCatalogRecord>): TCatalogRecord => ({
  code,
  kind: "object",
  nameKk: "жол учаскесі",
  nameRu: null,
  nameEn: null,
  category: "railway",
  action: "build",
  horizon: 2030,
  oblasts: ["ATY"],
  district: null,
  place: null,
  quantity: 10,
  unit: "km",
  source: { point: "55", line: 2247, excerpt: "..." },
  noteKk: null,
  noteRu: null,
  noteEn: null,
  ...overrides,
});
const total = (id: string, value: number, match: TStatedTotal["match"], extra: Partial<TStatedTotal> = {}) => ({
  id,
  statement: "…",
  point: "14",
  line: 230,
  value,
  unit: "km" as const,
  aggregate: "sum" as const,
  match,
  conflictsWith: null,
  noteKk: null,
  noteRu: null,
  noteEn: null,
  file: "t.json",
  ...extra,
});

const records = [
  record("RAIL-2030-001", { quantity: 151, action: "electrify" }),
  record("RAIL-2030-002", { quantity: 95.5, action: "electrify" }),
  record("RAIL-2030-003", { quantity: 2, action: "build", oblasts: ["MAN"] }),
  record("RAIL-2040-001", { quantity: 486, horizon: 2040 }),
  record("ROAD-2030-001", { category: "road", quantity: 1000 }),
];

describe("reconciliation of stated totals with the catalog", () => {
  it("sums the quantities of the records a total covers", () => {
    const [row] = reconcile(records, [
      total("electrified-2030", 246.5, { categories: ["railway"], actions: ["electrify"], horizon: 2030 }),
    ]);
    expect(row).toMatchObject({ catalogValue: 246.5, difference: 0, agrees: true, comparable: true });
    expect(row!.recordCodes).toEqual(["RAIL-2030-001", "RAIL-2030-002"]);
  });
  it("reports a difference when the catalog falls short", () => {
    const [row] = reconcile(records, [total("rail-2030", 300, { categories: ["railway"], horizon: 2030 })]);
    expect(row).toMatchObject({ catalogValue: 248.5, difference: -51.5, agrees: false });
  });
  it("filters by oblast and counts records when asked to", () => {
    const [row] = reconcile(records, [
      total("count-man", 1, { categories: ["railway"], oblasts: ["MAN"] }, { aggregate: "count", unit: null }),
    ]);
    expect(row).toMatchObject({ catalogValue: 1, agrees: true });
  });
  it("shows both numbers where the decree contradicts itself", () => {
    const rows = reconcile(records, [
      total("a", 2925, { categories: ["railway"] }),
      total("b", 3215, { categories: ["railway"] }, { conflictsWith: "a", line: 249 }),
    ]);
    expect(rows[0]!.conflicts.map((other) => other.id)).toEqual(["b"]);
    expect(rows[1]!.conflicts.map((other) => other.id)).toEqual(["a"]);
  });
  it("marks an indicator with no catalog counterpart as informational", () => {
    const [row] = reconcile(records, [total("demand", 28.8, { codes: [] })]);
    expect(row).toMatchObject({ comparable: false, agrees: false });
  });
});

describe("the Source check summary", () => {
  it("separates the decree's own differences from the catalog's", () => {
    const rows = reconcile(records, [
      total("agrees", 246.5, { categories: ["railway"], actions: ["electrify"], horizon: 2030 }),
      total("decree", 300, { categories: ["railway"], horizon: 2030 }, { contradiction: "rail-2030" }),
      total("catalog", 999, { categories: ["road"] }),
      total("info", 28.8, { codes: [] }),
    ]);
    expect(summariseSourceCheck(rows, 7)).toEqual({
      stated: 4,
      compared: 3,
      agree: 1,
      differ: 2,
      differByDecree: 1,
      differByCatalog: 1,
      informational: 1,
      contradictions: 7,
    });
  });
});
