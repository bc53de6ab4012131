// The input pieces of a progress change, shared by every way one enters the tracker (the project form, the field
// report form, the progress sheet) and by the forms themselves (which show the errors beside their fields).
// Strict on purpose: a value the user did not clearly type is refused, never guessed. Error messages are message
// keys under `formErrors.*`.
import { z } from "zod";
import { PROJECT_CODE_PATTERN, PROJECT_STATUSES } from "../reference-data";
import { MAX_CAPTION_LENGTH, MAX_FILES_PER_ENTRY } from "../evidence/limits";
import { todayInKazakhstan } from "./calendar";

export const PAUSE_REASONS = ["FINANCING", "DESIGN", "LAND", "PERMITS", "CONTRACTOR", "OTHER"] as const;
export const MAX_COMMENT_LENGTH = 5000;
export const MAX_URL_LENGTH = 2000;
/** No date in the tracker lies before the year 2000 or after 2100: anything else is a typing slip. */
export const EARLIEST_DATE = "2000-01-01";
export const LATEST_DATE = "2100-12-31";

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && !value.trim());

/** An http(s) link and nothing else: `javascript:` and other schemes are refused. */
export const ZEvidenceUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .max(MAX_URL_LENGTH, "tooLong")
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && Boolean(url.hostname);
      } catch {
        return false;
      }
    }, "httpLinkOnly")
    .optional(),
);

/**
 * Photos and documents already uploaded through `/api/files` (each the user's unattached upload on this project),
 * named by id with an optional caption. The form sends them as one JSON field, `evidence`:
 * `[{"id":12,"caption":"Учаскенің басы"}]`. Whether each file may really be attached is decided by the write path.
 */
export const ZEvidence = z.preprocess(
  (value) => {
    if (value === undefined || value === null || value === "") return [];
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  },
  z
    .array(
      z.object({
        id: z
          .number()
          .int()
          .positive()
          .max(2 ** 31 - 1),
        caption: z.preprocess(
          (caption) => (typeof caption === "string" ? caption.trim() || null : (caption ?? null)),
          z.string().max(MAX_CAPTION_LENGTH, "tooLong").nullable(),
        ),
      }),
      "invalid",
    )
    .max(MAX_FILES_PER_ENTRY, "tooManyFiles")
    .refine((items) => new Set(items.map((item) => item.id)).size === items.length, "invalid"),
);
export type TEvidenceItem = z.infer<typeof ZEvidence>[number];

export const ZComment = z.preprocess(emptyToUndefined, z.string().trim().max(MAX_COMMENT_LENGTH, "tooLong").optional());

/** True for a real calendar day written YYYY-MM-DD: 2026-11-31 and 2027-02-30 are not rolled over, they are refused. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar day within the tracker's plausible bounds. */
export const ZCalendarDate = z
  .string("invalidDate")
  .trim()
  .refine(isCalendarDate, "invalidDate")
  .refine((value) => !isCalendarDate(value) || value >= EARLIEST_DATE, "dateTooEarly")
  .refine((value) => !isCalendarDate(value) || value <= LATEST_DATE, "dateTooLate");

/** A day that has already come (as-of dates, actual dates): today in Kazakhstan at the latest. */
export const ZPastOrTodayDate = ZCalendarDate.refine(
  (value) => !isCalendarDate(value) || value <= todayInKazakhstan(),
  "futureDate",
);

/** A required date: blank is "required", anything else must pass `date`. */
const required = (date: z.ZodType<string, string>) =>
  z.preprocess((value) => (isBlank(value) ? undefined : value), z.string("required").pipe(date));
const optional = (date: z.ZodType<string, string>) => z.preprocess(emptyToUndefined, date.optional());

export const ZRequiredDate = required(ZCalendarDate);
export const ZRequiredPastDate = required(ZPastOrTodayDate);
export const ZOptionalPastDate = optional(ZPastOrTodayDate);
export const ZOptionalDate = optional(ZCalendarDate);

/**
 * A whole percent from 0 to 100, exactly as typed: blank is "required" (never 0), and 0x32, 1e2, 50.5 or 5O are
 * refused instead of being read as 50, 100 or 50.
 */
export const ZPercent = z.unknown().transform((value, context) => {
  const fail = (message: string) => {
    context.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  if (isBlank(value)) return fail("required");
  let number: number;
  if (typeof value === "number") number = value;
  else if (typeof value === "string" && /^[+-]?\d+$/.test(value.trim())) number = Number.parseInt(value.trim(), 10);
  else if (typeof value === "string" && /^[+-]?\d*[.,]\d+$/.test(value.trim())) return fail("wholeNumber");
  else return fail("percentRange");
  if (!Number.isFinite(number)) return fail("percentRange");
  if (!Number.isInteger(number)) return fail("wholeNumber");
  if (number < 0 || number > 100) return fail("percentRange");
  return number;
});

/** A decimal typed with a comma or a point ("1 819,8" or "1819.8"); hex, exponents and other tricks are refused. */
export const ZQuantity = z
  .unknown()
  .transform((value, context) => {
    if (isBlank(value)) return undefined;
    const text = typeof value === "number" ? String(value) : typeof value === "string" ? value : "";
    const compact = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
    if (typeof value === "number" ? !Number.isFinite(value) : !/^\d+(\.\d+)?$/.test(compact.replace(/^-/, ""))) {
      context.addIssue({ code: "custom", message: "notANumber" });
      return z.NEVER;
    }
    const number = Number(compact);
    if (number < 0) context.addIssue({ code: "custom", message: "negative" });
    else if (number > 1e11) context.addIssue({ code: "custom", message: "tooLarge" });
    else return number;
    return z.NEVER;
  })
  .optional();

/** A checkbox: present ("on", "true") means yes. */
export const ZCheckbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

/**
 * A proposed progress change: what the project form records, what a field report proposes, what a sheet row says.
 * One shape for every path; the rules against the project as it stands are in `progress-rules.ts`.
 */
export const ZProgressChange = z.object({
  status: z.enum(PROJECT_STATUSES, "unknownStatus"),
  percentComplete: ZPercent,
  quantityDone: ZQuantity,
  // Not in the future either, but that is a rule (progress-rules.ts), reported together with the other rules.
  asOf: ZRequiredDate,
  forecastFinish: ZOptionalDate,
  /** The user confirms on purpose a forecast finish that has already passed. */
  confirmPastForecast: ZCheckbox.optional(),
  pauseReason: z.preprocess(emptyToUndefined, z.enum(PAUSE_REASONS, "unknownPauseReason").optional()),
  comment: ZComment,
  evidenceUrl: ZEvidenceUrl,
  evidence: ZEvidence,
});
export type TProgressChange = z.infer<typeof ZProgressChange>;

export const ZProjectCode = z.string("unknownProject").regex(PROJECT_CODE_PATTERN, "unknownProject");

/** Recording progress directly (ministry staff, admins): the change, on the version the form was loaded with. */
export const ZRecordProgressInput = ZProgressChange.extend({
  projectCode: ZProjectCode,
  version: z.coerce.number().int().positive(),
});
export type TRecordProgressInput = z.infer<typeof ZRecordProgressInput>;

/** A field report: the same change, and it always says what was seen. */
export const ZFieldReportInput = ZProgressChange.extend({
  projectCode: ZProjectCode,
  comment: z.preprocess(
    (value) => (isBlank(value) ? undefined : value),
    z.string("commentRequired").trim().min(1, "commentRequired").max(MAX_COMMENT_LENGTH, "tooLong"),
  ),
});
export type TFieldReportInput = z.infer<typeof ZFieldReportInput>;
