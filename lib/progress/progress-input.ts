// Input rules for recording progress, shared by the server action (which decides) and the form (which shows
// errors beside the fields). Error messages are message keys under `formErrors.*`.
import { z } from "zod";
import { PROJECT_CODE_PATTERN, PROJECT_STATUSES } from "../reference-data";

export const PAUSE_REASONS = ["FINANCING", "DESIGN", "LAND", "PERMITS", "CONTRACTOR", "OTHER"] as const;
export const MAX_COMMENT_LENGTH = 5000;
export const MAX_URL_LENGTH = 2000;

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

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

export const ZComment = z.preprocess(emptyToUndefined, z.string().trim().max(MAX_COMMENT_LENGTH, "tooLong").optional());

const ZIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "invalidDate")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "invalidDate");

/** A decimal typed with a comma or a point ("1 819,8" or "1819.8"). */
export const ZQuantity = z.preprocess(
  (value) =>
    typeof value === "string"
      ? value.trim() === ""
        ? undefined
        : value.replace(/\s/g, "").replace(",", ".")
      : emptyToUndefined(value),
  z.coerce.number("notANumber").finite("notANumber").min(0, "negative").max(1e11, "tooLarge").optional(),
);

export const ZProgressFields = z.object({
  status: z.enum(PROJECT_STATUSES, "unknownStatus"),
  percentComplete: z.coerce.number("notANumber").int("wholeNumber").min(0, "percentRange").max(100, "percentRange"),
  quantityDone: ZQuantity,
  asOf: ZIsoDate,
  comment: ZComment,
  evidenceUrl: ZEvidenceUrl,
  pauseReason: z.preprocess(emptyToUndefined, z.enum(PAUSE_REASONS, "unknownPauseReason").optional()),
});

export const ZRecordProgressInput = ZProgressFields.extend({
  projectCode: z.string().regex(PROJECT_CODE_PATTERN, "unknownProject"),
  version: z.coerce.number().int().positive(),
  forecastFinish: z.preprocess(emptyToUndefined, ZIsoDate.optional()),
});
export type TRecordProgressInput = z.infer<typeof ZRecordProgressInput>;
