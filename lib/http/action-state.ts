// What a form's server action answers, in one shape for every form: the form shows a message, field errors
// beside the fields, or what changed when someone saved first. On a refusal `values` holds what the user typed,
// so the form shows it again instead of the stored values.
import type { ConcurrentChange, ProgressSnapshot } from "../progress/concurrent-changes";

export type ActionState =
  | { status: "idle" }
  | { status: "saved"; message: string; notice?: string }
  | {
      status: "error";
      message: string;
      fieldErrors?: Record<string, string>;
      changes?: ConcurrentChange[];
      current?: ProgressSnapshot;
      values?: Record<string, string>;
    };

export const IDLE: ActionState = { status: "idle" };
