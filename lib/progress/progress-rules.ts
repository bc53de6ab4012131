// The rules a proposed progress change must satisfy against the project as it stands: one check for every path
// (the project form, the progress sheet, a field report when it is sent and when it is accepted). Pure: the services
// apply it inside their transaction, the review queue shows it as advice, tests call it directly.
import type { ProjectStatusCode } from "../reference-data";
import type { FieldErrors } from "../forms/field-errors";
import { checkTransition } from "./lifecycle";

export type ProjectState = {
  status: ProjectStatusCode;
  percentComplete: number;
  plannedQuantity: number | null;
  unit: string | null;
  lastProgressAsOf: string | null;
  forecastFinish: string | null;
};

/** The parts of a progress change (see `ZProgressChange`) the rules look at. */
export type ProposedProgress = {
  status: ProjectStatusCode;
  percentComplete: number;
  quantityDone?: number | undefined;
  asOf: string;
  comment?: string | undefined;
  pauseReason?: string | undefined;
  forecastFinish?: string | undefined;
  confirmPastForecast?: boolean | undefined;
};

const CLOSING: readonly ProjectStatusCode[] = ["COMPLETED", "CANCELLED"];

export function progressChangeErrors(project: ProjectState, proposed: ProposedProgress, today: string): FieldErrors {
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
  const forecast = proposed.forecastFinish;
  if (forecast && forecast !== project.forecastFinish) {
    if (project.forecastFinish && forecast > project.forecastFinish) needsComment = true;
    // A finish that has already passed is a forecast only by mistake, unless the user says so on purpose.
    if (forecast < today && !CLOSING.includes(proposed.status) && !proposed.confirmPastForecast && !proposed.comment)
      errors.forecastFinish = "forecastInPast";
  }
  if (needsComment && !proposed.comment) errors.comment ??= "commentRequired";
  return errors;
}
