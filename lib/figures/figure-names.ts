// The figures the tracker reports, by name. Pure (no database): shared by the list's URL schema, the dashboard's
// cards and their "how is this counted?" notes. Each figure's one definition is in ./definitions.ts.
import type { ProjectStatusCode } from "../reference-data";

export const FIGURES = [
  "notStarted",
  "design",
  "inProgress",
  "completed",
  "paused",
  "cancelled",
  "overdue",
  "atRisk",
  "watch",
  "stalled",
] as const;
export type Figure = (typeof FIGURES)[number];

/** Figures that are a project status and nothing else. */
export const STATUS_FIGURES = {
  notStarted: "PLANNED",
  design: "DESIGN",
  inProgress: "IN_PROGRESS",
  completed: "COMPLETED",
  paused: "PAUSED",
  cancelled: "CANCELLED",
} as const satisfies Partial<Record<Figure, ProjectStatusCode>>;

/** Figures whose answer depends on today's date as well as the data. */
export const DATE_FIGURES = ["overdue", "atRisk", "stalled"] as const satisfies readonly Figure[];

/** Kinds of catalog record a figure can be read for: capital projects, programme measures, or both. */
export const KIND_CHOICES = ["OBJECT", "MEASURE", "ALL"] as const;
export type KindChoice = (typeof KIND_CHOICES)[number];

/**
 * A started project with no progress update dated within this many days is stalled. The rule itself is the SQL
 * function figure_stalled_from (migration figure-thresholds: last as-of + 91 = the first day it counts); a change
 * here needs a migration replacing that function and rebuilding the days (figure_thresholds_rebuild()).
 */
export const STALLED_AFTER_DAYS = 90;

export function isStatusFigure(figure: Figure): figure is keyof typeof STATUS_FIGURES {
  return figure in STATUS_FIGURES;
}

/** The dashboard's kind from the URL: objects first (the decree's capital projects), unless asked otherwise. */
export function parseKindChoice(value: string | string[] | undefined, fallback: KindChoice = "OBJECT"): KindChoice {
  const first = Array.isArray(value) ? value[0] : value;
  return (KIND_CHOICES as readonly string[]).includes(first ?? "") ? (first as KindChoice) : fallback;
}
