// Form validation errors as one message key per field (keys under `formErrors` in messages/*.json).
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** zod issues as the first message key of each field, for the form to show beside the field. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= /^[a-zA-Z]+$/.test(issue.message) ? issue.message : "invalid";
  }
  return errors;
}
