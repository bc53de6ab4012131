// Slip: how many days a date moved past its baseline. Pure, shared by milestones, the project finish, the timeline
// and the figures that read them.

const DAY_MS = 86_400_000;

/** Days from the baseline to the actual date (if there is one) or else the forecast; null without both. */
export function slipDays(
  baseline: Date | null | undefined,
  forecast: Date | null | undefined,
  actual?: Date | null,
): number | null {
  const moved = actual ?? forecast;
  if (!baseline || !moved) return null;
  return Math.round((moved.getTime() - baseline.getTime()) / DAY_MS);
}

/** Days between two YYYY-MM-DD calendar days (later minus earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
