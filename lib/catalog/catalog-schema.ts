// The shape of the reviewed catalog files in prisma/catalog/ (see prisma/catalog/README.md). Pure: used by the
// import, by the reconciliation and by tests.
import { z } from "zod";
import {
  CATEGORIES,
  CATEGORY_CODES,
  HORIZONS,
  OBLAST_CODES,
  PROJECT_ACTIONS,
  PROJECT_CODE_PATTERN,
  UNITS,
} from "../reference-data";

/** A note is written in all three interface languages or not at all, so no page shows it in another language. */
const noteInEveryLanguage = (item: { noteKk: string | null; noteRu: string | null; noteEn: string | null }) =>
  (item.noteKk === null) === (item.noteRu === null) && (item.noteRu === null) === (item.noteEn === null);
const noteMessage = { message: "noteKk, noteRu and noteEn are set together or not at all", path: ["noteKk"] };

const horizon = z.union(
  HORIZONS.map((year) => z.literal(year)) as [z.ZodLiteral<2030>, z.ZodLiteral<2040>, z.ZodLiteral<2050>],
);

export const ZCatalogRecord = z
  .strictObject({
    code: z.string().regex(PROJECT_CODE_PATTERN, "code must look like RAIL-2030-001"),
    kind: z.enum(["object", "measure"]),
    nameKk: z.string().trim().min(3),
    nameRu: z.string().trim().min(3).nullable(),
    nameEn: z.string().trim().min(3).nullable(),
    category: z.enum(CATEGORY_CODES),
    action: z.enum(PROJECT_ACTIONS),
    horizon: horizon.nullable(),
    oblasts: z.array(z.enum(OBLAST_CODES)).min(1),
    district: z.string().trim().min(2).nullable(),
    place: z.string().trim().min(1).nullable(),
    quantity: z.number().nonnegative().nullable(),
    unit: z.enum(UNITS).nullable(),
    source: z.strictObject({
      point: z.string().regex(/^\d{1,3}(\.[A-Za-z0-9]+)*$/, "point must look like 56 or 56.2040.13 or 41.ATY.2030.3"),
      line: z.number().int().min(87).max(4600),
      excerpt: z.string().trim().min(3).max(600),
    }),
    noteKk: z.string().trim().min(1).nullable(),
    noteRu: z.string().trim().min(1).nullable(),
    noteEn: z.string().trim().min(1).nullable(),
  })
  .superRefine((record, context) => {
    if ((record.quantity === null) !== (record.unit === null)) {
      context.addIssue({ code: "custom", message: "quantity and unit are set together or not at all", path: ["unit"] });
    }
    const prefix = record.code.split("-")[0];
    const category = CATEGORIES.find((candidate) => candidate.code === record.category);
    if (category && category.prefix !== prefix) {
      context.addIssue({
        code: "custom",
        message: `code prefix ${prefix} does not belong to category ${record.category}`,
        path: ["code"],
      });
    }
    const codeHorizon = record.code.split("-")[1];
    if (codeHorizon !== String(record.horizon ?? "NA")) {
      context.addIssue({
        code: "custom",
        message: `code horizon ${codeHorizon} differs from horizon ${record.horizon}`,
        path: ["code"],
      });
    }
    if (!noteInEveryLanguage(record)) context.addIssue({ code: "custom", ...noteMessage });
    if (new Set(record.oblasts).size !== record.oblasts.length) {
      context.addIssue({ code: "custom", message: "an oblast is listed twice", path: ["oblasts"] });
    }
  });
export type TCatalogRecord = z.infer<typeof ZCatalogRecord>;

export const ZStatedTotal = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    statement: z.string().trim().min(3),
    point: z.string().min(1),
    line: z.number().int().min(1).max(15829),
    value: z.number().nonnegative(),
    unit: z.enum(UNITS).nullable(),
    aggregate: z.enum(["sum", "count"]),
    match: z.strictObject({
      categories: z.array(z.enum(CATEGORY_CODES)).min(1).optional(),
      actions: z.array(z.enum(PROJECT_ACTIONS)).min(1).optional(),
      horizon: horizon.nullable().optional(),
      oblasts: z.array(z.enum(OBLAST_CODES)).min(1).optional(),
      // An empty list marks an indicator the catalog has no records for: shown for information, not compared.
      codes: z.array(z.string()).optional(),
    }),
    conflictsWith: z.string().nullable(),
    /** The place in contradictions.json that explains why the decree's numbers disagree here, if they do. */
    contradiction: z.string().optional(),
    noteKk: z.string().trim().min(1).nullable(),
    noteRu: z.string().trim().min(1).nullable(),
    noteEn: z.string().trim().min(1).nullable(),
  })
  .refine(noteInEveryLanguage, noteMessage);
export type TStatedTotal = z.infer<typeof ZStatedTotal>;

export const ZDistrict = z.strictObject({
  code: z.string().regex(/^(AKT|ATY|ZKO|MAN)-[A-Z0-9-]+$/),
  oblast: z.enum(OBLAST_CODES),
  type: z.enum(["district", "city"]),
  nameKk: z.string().trim().min(3),
  nameRu: z.string().trim().min(3).nullable(),
  nameEn: z.string().trim().min(3).nullable(),
  line: z.number().int().positive().nullable(),
});
export type TDistrict = z.infer<typeof ZDistrict>;

/** Where the decree contradicts itself: two passages, each located by its line, quoted verbatim (repaired). */
export const ZContradiction = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  kind: z.enum(["numbers", "oblast", "annex", "repeated", "unit"]),
  summaryKk: z.string().trim().min(10),
  summaryRu: z.string().trim().min(10),
  summaryEn: z.string().trim().min(10),
  passages: z
    .array(z.strictObject({ line: z.number().int().min(1).max(15829), quote: z.string().trim().min(3).max(700) }))
    .min(2),
});
export type TContradiction = z.infer<typeof ZContradiction>;
