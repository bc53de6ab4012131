// The life of a project: PLANNED → DESIGN → IN_PROGRESS → COMPLETED, with PAUSED and CANCELLED reachable from
// any open state. Pure rules, shared by the server (which decides) and tests.
import type { ProjectStatusCode } from "../reference-data";

export const OPEN_STATUSES: readonly ProjectStatusCode[] = ["PLANNED", "DESIGN", "IN_PROGRESS", "PAUSED"];
export const CLOSED_STATUSES: readonly ProjectStatusCode[] = ["COMPLETED", "CANCELLED"];
const FORWARD_ORDER: readonly ProjectStatusCode[] = ["PLANNED", "DESIGN", "IN_PROGRESS", "COMPLETED"];

export type TransitionCheck = { allowed: false } | { allowed: true; needsComment: boolean; kind: TransitionKind };
export type TransitionKind = "same" | "forward" | "pause" | "resume" | "cancel" | "reopen" | "backward";

export function checkTransition(from: ProjectStatusCode, to: ProjectStatusCode): TransitionCheck {
  if (from === to) return { allowed: true, needsComment: false, kind: "same" };
  if (CLOSED_STATUSES.includes(from)) {
    // Reopening a completed or cancelled project is possible, but never silent.
    return OPEN_STATUSES.includes(to) && to !== "PAUSED"
      ? { allowed: true, needsComment: true, kind: "reopen" }
      : { allowed: false };
  }
  if (to === "CANCELLED") return { allowed: true, needsComment: true, kind: "cancel" };
  if (to === "PAUSED") return { allowed: true, needsComment: true, kind: "pause" };
  if (from === "PAUSED")
    return to === "COMPLETED" ? { allowed: false } : { allowed: true, needsComment: false, kind: "resume" };
  const step = FORWARD_ORDER.indexOf(to) - FORWARD_ORDER.indexOf(from);
  return step > 0
    ? { allowed: true, needsComment: false, kind: "forward" }
    : { allowed: true, needsComment: true, kind: "backward" };
}

/** The statuses a form may offer after `from`. */
export function nextStatuses(from: ProjectStatusCode): ProjectStatusCode[] {
  return (["PLANNED", "DESIGN", "IN_PROGRESS", "COMPLETED", "PAUSED", "CANCELLED"] as const).filter(
    (to) => checkTransition(from, to).allowed,
  );
}
