import { formatDate as formatCalendarDay } from "../format/format";
import "server-only";
import { createTranslator } from "use-intl/core";
import en from "../../messages/en.json";
import kk from "../../messages/kk.json";
import ru from "../../messages/ru.json";
import type { NotificationKind } from "../generated/prisma/enums";
import { isLocale, type Locale } from "../i18n/locales";
import { TRACKER_TIME_ZONE } from "../progress/calendar";

const MESSAGES = { kk, ru, en } as const;

/** The language a user's notifications and mails are written in: their stored choice, else Kazakh. */
export function recipientLocale(stored: string | null | undefined): Locale {
  return isLocale(stored) ? stored : "kk";
}

/** A translator outside any request (the worker, mails), for one recipient's language. */
export function translatorFor(locale: Locale) {
  return createTranslator({
    locale,
    messages: MESSAGES[locale],
    namespace: "notifications",
    timeZone: TRACKER_TIME_ZONE,
  });
}

export type RenderableNotification = {
  kind: NotificationKind;
  payload: unknown;
  actorName: string | null;
  projectCode: string | null;
  projectName: string | null;
};

function field(payload: unknown, name: string): string {
  if (payload === null || typeof payload !== "object") return "";
  const value = (payload as Record<string, unknown>)[name];
  return value === null || value === undefined ? "" : String(value);
}

function formatDate(value: string, locale: Locale): string {
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  // The one date style of every page and export: 03.12.2026.
  return Number.isNaN(date.getTime()) ? value : formatCalendarDay(locale, date);
}

/** One line saying what happened, in the recipient's language. */
export function notificationText(item: RenderableNotification, locale: Locale): string {
  const t = translatorFor(locale);
  const payload = item.payload;
  const common = {
    code: item.projectCode ?? "",
    project: item.projectName ?? "",
    actor: item.actorName ?? t("someone"),
  };
  switch (item.kind) {
    case "FIELD_REPORT_SUBMITTED":
      return t("text.FIELD_REPORT_SUBMITTED", { ...common, percent: field(payload, "percent") });
    case "FIELD_REPORT_ACCEPTED":
      return t("text.FIELD_REPORT_ACCEPTED", common);
    case "FIELD_REPORT_REJECTED":
      return t("text.FIELD_REPORT_REJECTED", { ...common, reason: field(payload, "reason") });
    case "PROGRESS_RECORDED":
      return t("text.PROGRESS_RECORDED", { ...common, percent: field(payload, "percent") });
    case "CONFIDENCE_LOWERED":
      return t("text.CONFIDENCE_LOWERED", {
        ...common,
        level: t(`confidence.${field(payload, "to") === "RED" ? "RED" : "AMBER"}`),
        reason: field(payload, "reason") || t("noReason"),
      });
    case "FORECAST_SLIPPED":
      return t("text.FORECAST_SLIPPED", {
        ...common,
        from: formatDate(field(payload, "from"), locale),
        to: formatDate(field(payload, "to"), locale),
      });
    case "PROJECT_STALE":
      return t(field(payload, "reminder") === "true" ? "text.PROJECT_STALE_REMINDER" : "text.PROJECT_STALE", {
        ...common,
        days: field(payload, "days"),
      });
    case "ACCOUNT_EVENT":
      return t(
        field(payload, "action") === "user.resetPassword" ? "text.ACCOUNT_PASSWORD_RESET" : "text.ACCOUNT_SIGNED_OUT",
      );
  }
}
