import "server-only";
import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import type { ConcurrentChange, ProgressSnapshot } from "../progress/concurrent-changes";
import type { ActionState } from "./action-state";
import { refusalMessageKey } from "./refusals";

type ServiceResult =
  | { ok: true }
  | {
      ok: false;
      reason: string;
      fieldErrors?: Record<string, string>;
      changes?: ConcurrentChange[];
      current?: ProgressSnapshot;
    };

/**
 * Turns a service's result into the form's translated answer, refreshing `path` after a successful write. A refusal
 * carries back the submitted `input`, so the form keeps every value the user typed.
 */
export async function answerAction(
  result: ServiceResult,
  path: string,
  savedKey: string,
  input?: Record<string, FormDataEntryValue>,
): Promise<ActionState> {
  const t = await getTranslations();
  if (result.ok) {
    revalidatePath(path);
    return { status: "saved", message: t(savedKey as "progress.saved") };
  }
  return {
    status: "error",
    message: t(refusalMessageKey(result.reason) as "validation.invalid"),
    ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}),
    ...(result.reason === "conflict" ? { changes: result.changes ?? [] } : {}),
    ...(result.current ? { current: result.current } : {}),
    ...(input ? { values: typedValues(input) } : {}),
  };
}

/** The text fields of a submitted form, as typed (files and Next's own fields left out). */
export function typedValues(input: Record<string, FormDataEntryValue>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/**
 * A form's fields as a plain object for the service's zod schema (Next's own action fields left out). A forged
 * request can send anything in place of the form: it becomes an empty object, which the schema refuses.
 */
export function formObject(formData: unknown): Record<string, FormDataEntryValue> {
  if (!(formData instanceof FormData)) return {};
  return Object.fromEntries([...formData.entries()].filter(([key]) => !key.startsWith("$ACTION")));
}
