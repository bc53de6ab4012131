// Shared zod pieces for values that come from a URL or a form and go into a database query. PostgreSQL refuses a
// NUL byte in text and integers beyond int4, and a date the calendar does not have means nothing: such values are
// refused here, in one place, instead of surfacing as database errors (500) in whichever page received them.
import { z } from "zod";

/** The first and last days a period, a filter or a date field may name. */
export const FIRST_DAY = "2000-01-01";
export const LAST_DAY = "2100-12-31";
export const MAX_INT4 = 2_147_483_647;

// biome-ignore lint/suspicious/noControlCharactersInRegex: this is the check for them
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** True for a string without NUL or other control characters (what a search box or filter field can produce). */
export function isPlainText(value: string): boolean {
  return !CONTROL_CHARACTERS.test(value);
}

/** Free text typed into a search or filter box: at most `max` characters, no control characters. */
export function filterText(max = 200) {
  return z.string().max(max, "tooLong").refine(isPlainText, "invalid");
}

/** True when `value` is YYYY-MM-DD and that day exists ("2026-02-30" does not). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar day as YYYY-MM-DD, between FIRST_DAY and LAST_DAY. Message keys under `formErrors`. */
export const ZIsoDay = z
  .string("invalidDate")
  .refine(isCalendarDay, "invalidDate")
  .refine((value) => value >= FIRST_DAY && value <= LAST_DAY, "dateOutOfRange");

/** A database id: a positive whole number that fits PostgreSQL's integer (int4). */
export const ZIntId = z.coerce.number("invalid").int("invalid").positive("invalid").max(MAX_INT4, "invalid");

/** A database id from a route segment or query value, or null when it is not one. */
export function parseIntId(value: unknown): number | null {
  if (typeof value !== "string" || !/^\d{1,10}$/.test(value)) return null;
  const parsed = ZIntId.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The URL parameters a lenient parse dropped or changed (a list page ignores a malformed filter and shows the rest;
 * an export answers 400 for it instead of exporting something other than what was asked for).
 */
export function ignoredParams(raw: Record<string, unknown>, parsed: Record<string, unknown>): string[] {
  return Object.keys(parsed).filter((key) => {
    const value = raw[key];
    if (typeof value !== "string" || value.trim() === "") return false;
    const kept = parsed[key];
    return kept === undefined || String(kept).trim() !== value.trim();
  });
}
