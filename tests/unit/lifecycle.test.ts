import { describe, expect, it } from "vitest";
import { checkTransition, nextStatuses } from "@/lib/progress/lifecycle";
import { progressChangeErrors, type ProjectState } from "@/lib/progress/progress-rules";
import { ZRecordProgressInput } from "@/lib/progress/progress-input";
import { fieldErrorsOf } from "@/lib/forms/field-errors";

describe("project lifecycle", () => {
  it("moves forward PLANNED → DESIGN → IN_PROGRESS → COMPLETED without a comment", () => {
    expect(checkTransition("PLANNED", "DESIGN")).toMatchObject({ allowed: true, needsComment: false });
    expect(checkTransition("DESIGN", "IN_PROGRESS")).toMatchObject({ allowed: true, needsComment: false });
    expect(checkTransition("IN_PROGRESS", "COMPLETED")).toMatchObject({ allowed: true, needsComment: false });
  });
  it("pauses and cancels from any open state, always with a comment", () => {
    for (const from of ["PLANNED", "DESIGN", "IN_PROGRESS"] as const) {
      expect(checkTransition(from, "PAUSED")).toMatchObject({ allowed: true, needsComment: true, kind: "pause" });
      expect(checkTransition(from, "CANCELLED")).toMatchObject({ allowed: true, needsComment: true, kind: "cancel" });
    }
    expect(checkTransition("PAUSED", "CANCELLED")).toMatchObject({ allowed: true, needsComment: true });
  });
  it("reopens a completed or cancelled project only with a comment, and never straight to paused", () => {
    expect(checkTransition("COMPLETED", "IN_PROGRESS")).toMatchObject({
      allowed: true,
      needsComment: true,
      kind: "reopen",
    });
    expect(checkTransition("CANCELLED", "PLANNED")).toMatchObject({
      allowed: true,
      needsComment: true,
      kind: "reopen",
    });
    expect(checkTransition("COMPLETED", "CANCELLED")).toEqual({ allowed: false });
    expect(checkTransition("CANCELLED", "PAUSED")).toEqual({ allowed: false });
  });
  it("does not complete a paused project without resuming it", () => {
    expect(checkTransition("PAUSED", "COMPLETED")).toEqual({ allowed: false });
    expect(checkTransition("PAUSED", "IN_PROGRESS")).toMatchObject({ allowed: true, kind: "resume" });
  });
  it("offers only the allowed next statuses", () => {
    expect(nextStatuses("COMPLETED")).toEqual(["PLANNED", "DESIGN", "IN_PROGRESS", "COMPLETED"]);
  });
});

const project: ProjectState = {
  status: "IN_PROGRESS",
  percentComplete: 40,
  plannedQuantity: 151,
  unit: "km",
  lastProgressAsOf: "2026-06-01",
  forecastFinish: "2028-12-31",
};
const today = "2026-11-24";

describe("progress rules against the project as it stands", () => {
  it("accepts an ordinary update", () => {
    expect(
      progressChangeErrors(
        project,
        { status: "IN_PROGRESS", percentComplete: 55, quantityDone: 80, asOf: today },
        today,
      ),
    ).toEqual({});
  });
  it("requires a comment when the percentage goes down, and when the forecast finish slips", () => {
    expect(progressChangeErrors(project, { status: "IN_PROGRESS", percentComplete: 30, asOf: today }, today)).toEqual({
      comment: "commentRequired",
    });
    expect(
      progressChangeErrors(
        project,
        { status: "IN_PROGRESS", percentComplete: 45, asOf: today, forecastFinish: "2029-06-30" },
        today,
      ),
    ).toEqual({ comment: "commentRequired" });
    expect(
      progressChangeErrors(
        project,
        { status: "IN_PROGRESS", percentComplete: 30, asOf: today, comment: "re-measured" },
        today,
      ),
    ).toEqual({});
  });
  it("means 100 % by completed", () => {
    expect(progressChangeErrors(project, { status: "COMPLETED", percentComplete: 90, asOf: today }, today)).toEqual({
      percentComplete: "completedMeans100",
    });
  });
  it("needs a reason code and a comment to pause", () => {
    expect(progressChangeErrors(project, { status: "PAUSED", percentComplete: 40, asOf: today }, today)).toEqual({
      pauseReason: "pauseReasonRequired",
      comment: "commentRequired",
    });
  });
  it("keeps the quantity done within the plan, and refuses one where nothing is planned", () => {
    expect(
      progressChangeErrors(
        project,
        { status: "IN_PROGRESS", percentComplete: 50, quantityDone: 151.5, asOf: today },
        today,
      ),
    ).toEqual({ quantityDone: "abovePlan" });
    expect(
      progressChangeErrors(
        { ...project, plannedQuantity: null, unit: null },
        { status: "IN_PROGRESS", percentComplete: 50, quantityDone: 1, asOf: today },
        today,
      ),
    ).toEqual({ quantityDone: "noPlannedQuantity" });
  });
  it("refuses a date in the future or before the previous update", () => {
    expect(
      progressChangeErrors(project, { status: "IN_PROGRESS", percentComplete: 50, asOf: "2026-11-25" }, today),
    ).toEqual({
      asOf: "futureDate",
    });
    expect(
      progressChangeErrors(project, { status: "IN_PROGRESS", percentComplete: 50, asOf: "2026-05-31" }, today),
    ).toEqual({
      asOf: "beforePreviousUpdate",
    });
  });
});

describe("progress input", () => {
  const valid = {
    projectCode: "RAIL-2030-001",
    version: "3",
    status: "DESIGN",
    percentComplete: "10",
    asOf: "2026-11-01",
  };
  const errorsOf = (input: Record<string, unknown>) => {
    const result = ZRecordProgressInput.safeParse(input);
    return result.success ? {} : fieldErrorsOf(result.error);
  };
  it("reads a form's strings", () => {
    expect(ZRecordProgressInput.parse({ ...valid, quantityDone: "1 819,8" })).toMatchObject({
      version: 3,
      percentComplete: 10,
      quantityDone: 1819.8,
    });
  });
  it("refuses wrong types, out-of-range numbers, unknown codes and statuses", () => {
    expect(errorsOf({ ...valid, percentComplete: "abc" })).toEqual({ percentComplete: "percentRange" });
    expect(errorsOf({ ...valid, percentComplete: "101" })).toEqual({ percentComplete: "percentRange" });
    expect(errorsOf({ ...valid, percentComplete: "12.5" })).toEqual({ percentComplete: "wholeNumber" });
    expect(errorsOf({ ...valid, status: "FINISHED" })).toEqual({ status: "unknownStatus" });
    expect(errorsOf({ ...valid, projectCode: "'; DROP TABLE projects; --" })).toEqual({
      projectCode: "unknownProject",
    });
    expect(errorsOf({ ...valid, asOf: "yesterday" })).toEqual({ asOf: "invalidDate" });
  });
  it("is strict: a blank percent is required, hex, exponents and fractions are refused, never guessed", () => {
    expect(errorsOf({ ...valid, percentComplete: "" })).toEqual({ percentComplete: "required" });
    expect(errorsOf({ ...valid, percentComplete: undefined })).toEqual({ percentComplete: "required" });
    expect(errorsOf({ ...valid, percentComplete: "0x32" })).toEqual({ percentComplete: "percentRange" });
    expect(errorsOf({ ...valid, percentComplete: "1e2" })).toEqual({ percentComplete: "percentRange" });
    expect(errorsOf({ ...valid, percentComplete: "50.5" })).toEqual({ percentComplete: "wholeNumber" });
    expect(errorsOf({ ...valid, percentComplete: 50.5 })).toEqual({ percentComplete: "wholeNumber" });
    expect(ZRecordProgressInput.parse({ ...valid, percentComplete: " 0 " }).percentComplete).toBe(0);
    expect(errorsOf({ ...valid, quantityDone: "0x10" })).toEqual({ quantityDone: "notANumber" });
    expect(errorsOf({ ...valid, quantityDone: "Infinity" })).toEqual({ quantityDone: "notANumber" });
  });
  it("refuses impossible calendar days instead of rolling them over, and dates outside 2000–2100", () => {
    expect(errorsOf({ ...valid, asOf: "2026-11-31" })).toEqual({ asOf: "invalidDate" });
    expect(errorsOf({ ...valid, asOf: "2027-02-30" })).toEqual({ asOf: "invalidDate" });
    expect(errorsOf({ ...valid, asOf: "2025-02-29" })).toEqual({ asOf: "invalidDate" });
    expect(errorsOf({ ...valid, asOf: "2024-02-29" })).toEqual({});
    expect(errorsOf({ ...valid, asOf: "1999-12-31" })).toEqual({ asOf: "dateTooEarly" });
    expect(errorsOf({ ...valid, asOf: "" })).toEqual({ asOf: "required" });
    expect(errorsOf({ ...valid, forecastFinish: "2030-13-01" })).toEqual({ forecastFinish: "invalidDate" });
    expect(errorsOf({ ...valid, forecastFinish: "2101-01-01" })).toEqual({ forecastFinish: "dateTooLate" });
  });
  it("refuses javascript: and other non-http links, and 100 KB strings", () => {
    expect(errorsOf({ ...valid, evidenceUrl: "javascript:alert(1)" })).toEqual({ evidenceUrl: "httpLinkOnly" });
    expect(errorsOf({ ...valid, evidenceUrl: "ftp://example.kz/file" })).toEqual({ evidenceUrl: "httpLinkOnly" });
    expect(errorsOf({ ...valid, comment: "ж".repeat(100_000) })).toEqual({ comment: "tooLong" });
    expect(errorsOf({ ...valid, evidenceUrl: `https://example.kz/${"a".repeat(100_000)}` })).toEqual({
      evidenceUrl: "tooLong",
    });
  });
});
