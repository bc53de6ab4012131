// Every reason a service refuses a request, with the HTTP status and the message a person reads: one table for
// server actions (lib/http/answer-action.ts) and route handlers (lib/http/with-user.ts) alike.

export type Refusal =
  | "unauthorized"
  | "forbidden"
  | "notFound"
  | "invalid"
  | "conflict"
  | "alreadyReviewed"
  | "withdrawn"
  | "tooLarge";

/** The message keys (in messages/*.json) are full paths, so a search for the key finds this table. */
export const REFUSALS: Record<Refusal, { status: number; message: string }> = {
  unauthorized: { status: 401, message: "refusals.unauthorized" },
  forbidden: { status: 403, message: "errors.forbiddenAction" },
  notFound: { status: 404, message: "progress.notFound" },
  invalid: { status: 400, message: "validation.invalid" },
  conflict: { status: 409, message: "progress.conflictTitle" },
  alreadyReviewed: { status: 409, message: "fieldReports.alreadyReviewed" },
  withdrawn: { status: 409, message: "refusals.withdrawn" },
  tooLarge: { status: 413, message: "refusals.tooLarge" },
};

export const refusalMessageKey = (reason: string): string =>
  (REFUSALS as Record<string, { message: string }>)[reason]?.message ?? REFUSALS.notFound.message;
export const refusalStatus = (reason: string): number =>
  (REFUSALS as Record<string, { status: number }>)[reason]?.status ?? 400;

/** What a translator of next-intl offers here (the server's getTranslations and createTranslator both fit). */
type Translator = { (key: never): string; has(key: never): boolean };

/**
 * A refused change in words: for a broken rule, each field's name and the rule it breaks (never "this value is not
 * valid"); otherwise the table's message. Bulk acceptance lists one of these per report it left pending.
 */
export function refusalInWords(
  translate: Translator,
  refusal: { reason: string; fieldErrors?: Record<string, string> },
): string {
  const t = translate as unknown as (key: string) => string;
  const has = (key: string) => (translate.has as unknown as (key: string) => boolean)(key);
  const errors = Object.entries(refusal.fieldErrors ?? {});
  if (refusal.reason !== "invalid" || errors.length === 0) return t(refusalMessageKey(refusal.reason));
  return errors
    .map(([field, key]) => {
      const label = has(`progressChange.fields.${field}`) ? `${t(`progressChange.fields.${field}`)}: ` : "";
      return label + t(has(`formErrors.${key}`) ? `formErrors.${key}` : "formErrors.invalid");
    })
    .join(" ");
}
