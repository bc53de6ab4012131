import "server-only";
import type { Actor } from "../auth/permissions";
import type { Locale } from "../i18n/locales";
import { listNotifications } from "./list-notifications";

type Translate = (key: string) => string;

/** The notifications download's columns, translated. */
export function notificationExportHeader(t: Translate): string[] {
  return [
    t("listExports.createdAt"),
    t("listExports.notification"),
    t("listExports.kind"),
    t("projects.columnCode"),
    t("listExports.readAt"),
  ];
}
export const NOTIFICATION_EXPORT_WIDTHS = [17, 70, 34, 16, 17];

/** Every notification of the user (only what they may still see), in the page's order, in their language. */
export async function* notificationExportRows(
  user: Actor,
  t: Translate,
  locale: Locale,
  batchSize = 500,
): AsyncGenerator<unknown[]> {
  for (let page = 1; ; page++) {
    const batch = await listNotifications(user, locale, page, batchSize);
    for (const item of batch)
      yield [
        item.createdAt,
        item.text,
        t(`notifications.kinds.${item.kind}`),
        item.projectCode ?? "",
        item.readAt ?? "",
      ];
    if (batch.length < batchSize) return;
  }
}
