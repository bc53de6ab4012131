// One colour per status everywhere in the app (badges, charts, legends), from the Okabe–Ito palette so the
// statuses stay apart for colour-blind readers; every use also carries the status's name. app/globals.css
// repeats these values as --color-status-* for Tailwind classes; a unit test keeps the two equal.
import type { ProjectStatusCode } from "./reference-data";

export const STATUS_COLORS: Record<ProjectStatusCode, string> = {
  PLANNED: "#6b7280",
  DESIGN: "#56b4e9",
  IN_PROGRESS: "#0072b2",
  COMPLETED: "#009e73",
  PAUSED: "#e69f00",
  CANCELLED: "#cc3311",
};

export const PLANNED_COLOR = "#94a3b8";
export const DONE_COLOR = "#009e73";
export const AVERAGE_COLOR = "#0072b2";
