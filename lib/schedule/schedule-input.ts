import { z } from "zod";
import { todayInKazakhstan } from "../progress/calendar";

// Input pieces of the schedule forms (milestones, blockers). Message keys under `formErrors`.

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : (value ?? null));

/** A real calendar day YYYY-MM-DD from 2000 on (2026-11-31 is refused, never rolled over to December). */
export const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "invalidDate")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, "invalidDate")
  .refine((value) => value >= "2000-01-01" && value <= "2100-12-31", "dateOutOfRange");

export const ZOptionalDay = z.preprocess(blankToNull, ZDay.nullable());
/** A day that has happened: actual dates are never in the future. */
export const ZOptionalPastDay = z.preprocess(
  blankToNull,
  ZDay.refine((value) => value <= todayInKazakhstan(), "futureDate").nullable(),
);
export const ZOptionalText = (max: number) =>
  z.preprocess(blankToNull, z.string().trim().max(max, "tooLong").nullable());
export const ZOptionalUrl = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(2000, "tooLong")
    .refine((value) => /^https?:\/\/[^\s]+$/i.test(value), "httpLinkOnly")
    .nullable(),
);
export const ZId = z.coerce.number("invalid").int("invalid").positive("invalid").max(2_147_483_647, "invalid");
