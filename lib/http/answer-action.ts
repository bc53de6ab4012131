import "server-only";
import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import type { ConcurrentChange } from "../progress/record-progress";
import type { ActionState } from "./action-state";

type ServiceResult =
  | { ok: true }
  | { ok: false; reason: string; fieldErrors?: Record<string, string>; changes?: ConcurrentChange[] };

/** Turns a service's result into the form's translated answer, refreshing `path` after a successful write. */
export async function answerAction(result: ServiceResult, path: string, savedKey: string): Promise<ActionState> {
  const t = await getTranslations();
  if (result.ok) {
    revalidatePath(path);
    return { status: "saved", message: t(savedKey as "progress.saved") };
  }
  switch (result.reason) {
    case "invalid":
      return {
        status: "error",
        message: t("validation.invalid"),
        ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}),
      };
    case "conflict":
      return { status: "error", message: t("progress.conflictTitle"), changes: result.changes ?? [] };
    case "forbidden":
      return { status: "error", message: t("errors.forbiddenAction") };
    case "withdrawn":
      return { status: "error", message: t("errors.projectWithdrawn") };
    case "alreadyReviewed":
      return { status: "error", message: t("fieldReports.alreadyReviewed") };
    default:
      return { status: "error", message: t("progress.notFound") };
  }
}

/** A form's fields as a plain object for the service's zod schema (Next's own action fields left out). */
export function formObject(formData: FormData): Record<string, FormDataEntryValue> {
  return Object.fromEntries([...formData.entries()].filter(([key]) => !key.startsWith("$ACTION")));
}
