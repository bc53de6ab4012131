import { getLocale } from "next-intl/server";
import { startRows } from "@/lib/http/csv";
import { exportTitle } from "@/lib/http/export-title";
import { tableDownload } from "@/lib/http/table-download";
import { withUser } from "@/lib/http/with-user";
import type { Locale } from "@/lib/i18n/locales";
import {
  NOTIFICATION_EXPORT_WIDTHS,
  notificationExportHeader,
  notificationExportRows,
} from "@/lib/notifications/export-notifications";

/** The signed-in user's own notifications as CSV or XLSX (only ones about what they may still see). */
export const GET = withUser({ permission: () => true }, async ({ user, query: params, t }) => {
  const locale = (await getLocale()) as Locale;
  const translate = (key: string, values?: Record<string, string>) => t(key as "app.name", values);
  const rows = await startRows(notificationExportRows(user, translate, locale));
  return tableDownload({
    params,
    locale,
    stem: "batys-notifications",
    sheet: t("notifications.page.title"),
    title: () =>
      exportTitle(translate, {
        what: t("notifications.page.title"),
        scope: t("listExports.recipient", { name: user.name }),
        by: user.name,
      }),
    header: notificationExportHeader(translate),
    rows,
    widths: NOTIFICATION_EXPORT_WIDTHS,
  });
});
