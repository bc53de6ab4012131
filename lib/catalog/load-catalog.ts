// Reads and validates the reviewed catalog files. Any invalid record stops the load with its file, its code and
// the reason, so an import never writes half a catalog.
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import {
  ZCatalogRecord,
  ZContradiction,
  ZDistrict,
  ZStatedTotal,
  type TCatalogRecord,
  type TContradiction,
  type TDistrict,
  type TStatedTotal,
} from "./catalog-schema";

// Resolved from the working directory: npm scripts, tests and the server all run from the project root.
export const CATALOG_DIR = path.join(process.cwd(), "prisma", "catalog");

export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly record: string | null,
    readonly reason: string,
  ) {
    super(`${file}${record ? ` › ${record}` : ""}: ${reason}`);
    this.name = "CatalogError";
  }
}

/** How a record's district name is matched with annex 22's list: case, spacing and a final dot do not matter. */
export function districtKey(name: string): string {
  return name.toLocaleLowerCase("kk").replace(/\s+/g, " ").replace(/\.$/, "").trim();
}

export type LoadedCatalog = {
  records: (TCatalogRecord & { file: string })[];
  totals: (TStatedTotal & { file: string })[];
  districts: TDistrict[];
  contradictions: TContradiction[];
};

/** Files of the catalog folder that are not project records. */
const NOT_RECORDS = new Set(["districts.json", "contradictions.json"]);

/** `file` is named relative to the catalog folder in every error. */
function readJsonArray(directory: string, file: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new CatalogError(path.relative(directory, file), null, `not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed))
    throw new CatalogError(path.relative(directory, file), null, "the file must hold a JSON array");
  return parsed;
}

function parseAll<T>(
  directory: string,
  file: string,
  schema: z.ZodType<T>,
  idOf: (raw: unknown, index: number) => string,
): T[] {
  return readJsonArray(directory, file).map((raw, index) => {
    const result = schema.safeParse(raw);
    if (!result.success) {
      const reason = result.error.issues
        .map((issue) => `${issue.path.join(".") || "(record)"}: ${issue.message}`)
        .join("; ");
      throw new CatalogError(path.relative(directory, file), idOf(raw, index), reason);
    }
    return result.data;
  });
}

const field = (key: string) => (raw: unknown, index: number) =>
  typeof raw === "object" && raw !== null && typeof (raw as Record<string, unknown>)[key] === "string"
    ? String((raw as Record<string, unknown>)[key])
    : `#${index + 1}`;

export function loadCatalog(directory: string = CATALOG_DIR): LoadedCatalog {
  const jsonFiles = (dir: string) =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((name) => name.endsWith(".json"))
          .sort()
          .map((name) => path.join(dir, name))
      : [];

  const records = jsonFiles(directory)
    .filter((file) => !NOT_RECORDS.has(path.basename(file)))
    .flatMap((file) =>
      parseAll(directory, file, ZCatalogRecord, field("code")).map((record) => ({
        ...record,
        file: path.basename(file),
      })),
    );
  const totals = jsonFiles(path.join(directory, "totals")).flatMap((file) =>
    parseAll(directory, file, ZStatedTotal, field("id")).map((total) => ({
      ...total,
      file: `totals/${path.basename(file)}`,
    })),
  );
  const districtFile = path.join(directory, "districts.json");
  const districts = fs.existsSync(districtFile) ? parseAll(directory, districtFile, ZDistrict, field("code")) : [];

  const contradictionFile = path.join(directory, "contradictions.json");
  const contradictions = fs.existsSync(contradictionFile)
    ? parseAll(directory, contradictionFile, ZContradiction, field("id"))
    : [];

  assertUnique(
    records.map((record) => ({ key: record.code, file: record.file })),
    "project code",
  );
  assertUnique(
    totals.map((total) => ({ key: total.id, file: total.file })),
    "total id",
  );
  assertUnique(
    districts.map((district) => ({ key: district.code, file: "districts.json" })),
    "district code",
  );
  assertUnique(
    contradictions.map((item) => ({ key: item.id, file: "contradictions.json" })),
    "contradiction id",
  );
  const contradictionIds = new Set(contradictions.map((item) => item.id));
  for (const total of totals) {
    if (total.contradiction && !contradictionIds.has(total.contradiction))
      throw new CatalogError(
        total.file,
        total.id,
        `contradiction ${total.contradiction} is not in contradictions.json`,
      );
  }
  return { records, totals, districts, contradictions };
}

function assertUnique(items: { key: string; file: string }[], what: string): void {
  const seen = new Map<string, string>();
  for (const item of items) {
    const earlier = seen.get(item.key);
    if (earlier) throw new CatalogError(item.file, item.key, `${what} ${item.key} is also used in ${earlier}`);
    seen.set(item.key, item.file);
  }
}
