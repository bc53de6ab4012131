// schema.prisma defines the Prisma client; the SQL migrations build the database. This test proves that the
// migrated database has exactly the tables, columns, types, nullability, defaults, enums, indexes and foreign
// keys the schema describes, so the two can never drift apart unnoticed.
import { getDMMF } from "@prisma/internals";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withSql } from "../support/database";

type Column = {
  table: string;
  column: string;
  data_type: string;
  udt_name: string;
  is_nullable: string;
  column_default: string | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
  datetime_precision: number | null;
};
type Index = { table: string; name: string; columns: string[]; unique: boolean; primary: boolean; method: string };
type ForeignKey = {
  table: string;
  columns: string[];
  ref_table: string;
  ref_columns: string[];
  on_delete: string;
  on_update: string;
};

const IGNORED_TABLES = new Set(["pgmigrations"]);
let dmmf: Awaited<ReturnType<typeof getDMMF>>;
let columns: Column[];
let indexes: Index[];
let foreignKeys: ForeignKey[];
let enums: Map<string, string[]>;

beforeAll(async () => {
  dmmf = await getDMMF({ datamodel: fs.readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8") });
  await withSql(async (sql) => {
    columns = (
      await sql.query<Column>(`
      SELECT table_name AS table, column_name AS column, data_type, udt_name, is_nullable, column_default,
             numeric_precision, numeric_scale, datetime_precision
      FROM information_schema.columns WHERE table_schema = 'public'`)
    ).rows.filter((row) => !IGNORED_TABLES.has(row.table));
    indexes = (
      await sql.query<Index>(`
      SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary, am.amname AS method,
             array_agg(a.attname::text ORDER BY k.ordinality) AS columns
      FROM pg_index ix
      JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
      CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ordinality)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public'
      GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary, am.amname`)
    ).rows.filter((row) => !IGNORED_TABLES.has(row.table));
    foreignKeys = (
      await sql.query<ForeignKey>(`
      SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS ref_table, c.confdeltype AS on_delete, c.confupdtype AS on_update,
             (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
             (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS ref_columns
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`)
    ).rows;
    const enumRows = (
      await sql.query<{ name: string; labels: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`)
    ).rows;
    enums = new Map(enumRows.map((row) => [row.name, row.labels]));
  });
});

const tableOf = (model: { name: string; dbName: string | null }) => model.dbName ?? model.name;
type Field = (typeof dmmf.datamodel.models)[number]["fields"][number];
const columnOf = (field: Field) => field.dbName ?? field.name;

function expectedType(field: Field): Partial<Column> {
  const native = field.nativeType as [string, string[]] | null | undefined;
  if (field.kind === "enum") return { data_type: "USER-DEFINED", udt_name: field.type };
  switch (field.type) {
    case "String":
      return { data_type: "text" };
    case "Int":
      return { data_type: "integer" };
    case "BigInt":
      return { data_type: "bigint" };
    case "Boolean":
      return { data_type: "boolean" };
    case "Json":
      return { data_type: "jsonb" };
    case "Bytes":
      return { data_type: "bytea" };
    case "Decimal":
      return {
        data_type: "numeric",
        numeric_precision: Number(native?.[1][0] ?? 65),
        numeric_scale: Number(native?.[1][1] ?? 30),
      };
    case "DateTime":
      if (native?.[0] === "Date") return { data_type: "date" };
      if (native?.[0] === "Timestamptz")
        return { data_type: "timestamp with time zone", datetime_precision: Number(native[1][0] ?? 6) };
      return { data_type: "timestamp without time zone", datetime_precision: 3 };
    default:
      throw new Error(`no mapping for ${field.type}`);
  }
}

const ON_DELETE: Record<string, string> = { Cascade: "c", Restrict: "r", NoAction: "a", SetNull: "n", SetDefault: "d" };

describe("the migrated database matches schema.prisma", () => {
  it("has exactly the tables of the schema's models", () => {
    const expected = dmmf.datamodel.models.map(tableOf).sort();
    expect([...new Set(columns.map((column) => column.table))].sort()).toEqual(expected);
  });

  it("has exactly the columns of each model, with the same types, nullability and defaults", () => {
    for (const model of dmmf.datamodel.models) {
      const table = tableOf(model);
      const scalarFields = model.fields.filter((field) => field.kind === "scalar" || field.kind === "enum");
      const actual = columns.filter((column) => column.table === table);
      expect(actual.map((column) => column.column).sort(), `columns of ${table}`).toEqual(
        scalarFields.map(columnOf).sort(),
      );
      for (const field of scalarFields) {
        const column = actual.find((candidate) => candidate.column === columnOf(field))!;
        expect(column, `${table}.${columnOf(field)} type`).toMatchObject(expectedType(field));
        expect(column.is_nullable, `${table}.${columnOf(field)} nullability`).toBe(field.isRequired ? "NO" : "YES");
        expect(column.column_default !== null, `${table}.${columnOf(field)} default`).toBe(
          Boolean(field.hasDefaultValue),
        );
      }
    }
  });

  it("has the schema's enums with the same values in the same order", () => {
    for (const schemaEnum of dmmf.datamodel.enums) {
      expect(enums.get(schemaEnum.dbName ?? schemaEnum.name), schemaEnum.name).toEqual(
        schemaEnum.values.map((value) => value.dbName ?? value.name),
      );
    }
    expect([...enums.keys()].sort()).toEqual(
      dmmf.datamodel.enums.map((schemaEnum) => schemaEnum.dbName ?? schemaEnum.name).sort(),
    );
  });

  it("has exactly the schema's primary keys, unique constraints and indexes", () => {
    const describeIndex = (table: string, cols: string[], unique: boolean, method: string) =>
      `${table}(${cols.join(",")}) ${unique ? "unique" : "index"} ${method}`;
    const expected = dmmf.datamodel.indexes.map((index) => {
      const model = dmmf.datamodel.models.find((candidate) => candidate.name === index.model)!;
      const cols = index.fields.map((indexField) =>
        columnOf(model.fields.find((field) => field.name === indexField.name)!),
      );
      const unique = index.type === "id" || index.type === "unique";
      return describeIndex(
        tableOf(model),
        cols,
        unique,
        (index as { algorithm?: string }).algorithm?.toLowerCase() ?? "btree",
      );
    });
    const actual = indexes.map((index) =>
      describeIndex(index.table, index.columns, index.unique || index.primary, index.method),
    );
    expect(actual.sort()).toEqual(expected.sort());
  });

  it("has exactly the schema's foreign keys with the same delete and update rules", () => {
    const expected: string[] = [];
    for (const model of dmmf.datamodel.models) {
      for (const field of model.fields) {
        if (field.kind !== "object" || !field.relationFromFields?.length) continue;
        const target = dmmf.datamodel.models.find((candidate) => candidate.name === field.type)!;
        const from = field.relationFromFields.map((name) =>
          columnOf(model.fields.find((candidate) => candidate.name === name)!),
        );
        const to = (field.relationToFields ?? []).map((name) =>
          columnOf(target.fields.find((candidate) => candidate.name === name)!),
        );
        const onDelete =
          (field as { relationOnDelete?: string }).relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
        const onUpdate = (field as { relationOnUpdate?: string }).relationOnUpdate ?? "Cascade";
        expected.push(
          `${tableOf(model)}(${from}) -> ${tableOf(target)}(${to}) delete:${ON_DELETE[onDelete]} update:${ON_DELETE[onUpdate]}`,
        );
      }
    }
    const actual = foreignKeys.map(
      (key) =>
        `${key.table}(${key.columns}) -> ${key.ref_table}(${key.ref_columns}) delete:${key.on_delete} update:${key.on_update}`,
    );
    expect(actual.sort()).toEqual(expected.sort());
  });
});
