import "server-only";
import type { FieldReport } from "../generated/prisma/client";
import { isoDate } from "../progress/calendar";
import type { TProgressChange } from "../progress/progress-input";

/** The progress change a stored field report proposes, exactly as it was sent (pause reason included). */
export function changeOfReport(report: FieldReport): TProgressChange {
  return {
    status: report.status,
    percentComplete: report.percentComplete,
    quantityDone: report.quantityDone === null ? undefined : Number(report.quantityDone),
    asOf: isoDate(report.asOf),
    forecastFinish: report.forecastFinish ? isoDate(report.forecastFinish) : undefined,
    pauseReason: report.pauseReason ?? undefined,
    comment: report.comment,
    evidenceUrl: report.evidenceUrl ?? undefined,
    // The report's files are already attached to it; acceptance carries them to the update (writeProgressChange).
    evidence: [],
  };
}
