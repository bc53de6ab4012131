// What a form's server action answers, in one shape for every form: the form shows a message, field errors
// beside the fields, or what changed when someone saved first.
import type { ConcurrentChange } from "../progress/record-progress";

export type ActionState =
  | { status: "idle" }
  | { status: "saved"; message: string }
  | { status: "error"; message: string; fieldErrors?: Record<string, string>; changes?: ConcurrentChange[] };

export const IDLE: ActionState = { status: "idle" };
