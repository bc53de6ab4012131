import { getLocale } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import {
  FIELD_REPORT_EXPORT_WIDTHS,
  fieldReportExportHeader,
  fieldReportExportRows,
} from "@/lib/field-reports/export-field-reports";
import { parseFieldReportQuery } from "@/lib/field-reports/list-field-reports";
import { startRows } from "@/lib/http/csv";
import { exportTitle, scopeName } from "@/lib/http/export-title";
import { filtersText, tableDownload } from "@/lib/http/table-download";
import { withUser } from "@/lib/http/with-user";
import type { Locale } from "@/lib/i18n/locales";

/**
 * The field reports as CSV or XLSX: a reviewer's queue (the tab and filters of the page), or an akimat officer's
 * own reports in their oblast, exactly as the page lists them.
 */
export const GET = withUser(
  { permission: (user) => can(user, "fieldReport.review") || can(user, "fieldReport.submit") },
  async ({ user, query: params, t }) => {
    const { page: _page, ...query } = parseFieldReportQuery(params);
    const review = can(user, "fieldReport.review");
    const locale = (await getLocale()) as Locale;
    const translate = (key: string, values?: Record<string, string>) => t(key as "app.name", values);
    const rows = await startRows(fieldReportExportRows(user, query, translate, locale));
    const what = `${t("fieldReports.title")}: ${review ? t(`progressChange.queue.${query.tab}`) : t("fieldReports.myReports")}`;
    return tableDownload({
      params,
      locale,
      stem: "batys-field-reports",
      sheet: t("fieldReports.title"),
      title: () =>
        exportTitle(translate, {
          what,
          scope: scopeName(translate, user.oblastCode ?? query.oblast, locale),
          filters: filtersText(review ? query : { ...query, tab: undefined }),
          by: user.name,
        }),
      header: fieldReportExportHeader(translate),
      rows,
      widths: FIELD_REPORT_EXPORT_WIDTHS,
    });
  },
);
