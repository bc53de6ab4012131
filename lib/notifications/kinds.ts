// The kinds of notification and how each is delivered by default. Pure: shared by server code and pages.
import type { MailDelivery, NotificationKind } from "../generated/prisma/enums";

export const NOTIFICATION_KINDS = [
  "FIELD_REPORT_SUBMITTED",
  "FIELD_REPORT_ACCEPTED",
  "FIELD_REPORT_REJECTED",
  "PROGRESS_RECORDED",
  "CONFIDENCE_LOWERED",
  "FORECAST_SLIPPED",
  "PROJECT_STALE",
  "ACCOUNT_EVENT",
] as const satisfies readonly NotificationKind[];

export const MAIL_DELIVERIES = ["IMMEDIATE", "DAILY", "WEEKLY", "OFF"] as const satisfies readonly MailDelivery[];

/** Mail for a kind the user never chose: what needs someone's action comes at once, routine progress daily. */
export const DEFAULT_DELIVERY: Record<NotificationKind, MailDelivery> = {
  FIELD_REPORT_SUBMITTED: "IMMEDIATE",
  FIELD_REPORT_ACCEPTED: "IMMEDIATE",
  FIELD_REPORT_REJECTED: "IMMEDIATE",
  PROGRESS_RECORDED: "DAILY",
  CONFIDENCE_LOWERED: "IMMEDIATE",
  FORECAST_SLIPPED: "IMMEDIATE",
  PROJECT_STALE: "IMMEDIATE",
  ACCOUNT_EVENT: "IMMEDIATE",
};

/** A project without a progress update for this many days is stale; its responsible officer is told. */
export const STALE_AFTER_DAYS = 90;

export type NotificationSubject = {
  kind: NotificationKind;
  subjectId: number | null;
  projectCode: string | null;
};

/** Where a notification leads: the report in the review queue, the project page, or the account page. */
export function notificationHref(subject: NotificationSubject): string {
  if (subject.kind === "ACCOUNT_EVENT") return "/account/password";
  if (subject.kind === "FIELD_REPORT_SUBMITTED" && subject.subjectId !== null)
    return `/field-reports#report-${subject.subjectId}`;
  if (subject.projectCode) return `/projects/${encodeURIComponent(subject.projectCode)}`;
  return "/notifications";
}
