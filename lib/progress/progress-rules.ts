// The rules a progress update must satisfy against the project as it stands. Pure: the service applies them
// inside its transaction, tests call them directly.
import type { ProjectStatusCode } from "../reference-data";
import { checkTransition } from "./lifecycle";
import type { FieldErrors } from "../forms/field-errors";

export type ProjectState = {
  status: ProjectStatusCode;
  percentComplete: number;
  plannedQuantity: number | null;
  unit: string | null;
  lastProgressAsOf: string | null;
  forecastFinish: string | null;
};

export type ProposedProgress = {
  status: ProjectStatusCode;
  percentComplete: number;
  quantityDone?: number;
  asOf: string;
  comment?: string;
  pauseReason?: string;
  forecastFinish?: string;
};

export function progressErrors(project: ProjectState, proposed: ProposedProgress, today: string): FieldErrors {
  const errors: FieldErrors = {};
  const transition = checkTransition(project.status, proposed.status);
  let needsComment = false;
  if (!transition.allowed) errors.status = "transitionNotAllowed";
  else needsComment = transition.needsComment;
  if (proposed.status === "COMPLETED" && proposed.percentComplete !== 100) errors.percentComplete = "completedMeans100";
  if (proposed.percentComplete < project.percentComplete) needsComment = true;
  if (proposed.status === "PAUSED" && !proposed.pauseReason) errors.pauseReason = "pauseReasonRequired";
  if (proposed.status !== "PAUSED" && proposed.pauseReason) errors.pauseReason = "pauseReasonOnlyWhenPaused";
  if (proposed.quantityDone !== undefined) {
    if (project.plannedQuantity === null) errors.quantityDone = "noPlannedQuantity";
    else if (proposed.quantityDone > project.plannedQuantity) errors.quantityDone = "abovePlan";
  }
  if (proposed.asOf > today) errors.asOf = "futureDate";
  else if (project.lastProgressAsOf && proposed.asOf < project.lastProgressAsOf) errors.asOf = "beforePreviousUpdate";
  if (proposed.forecastFinish && project.forecastFinish && proposed.forecastFinish > project.forecastFinish)
    needsComment = true;
  if (needsComment && !proposed.comment) errors.comment ??= "commentRequired";
  return errors;
}
