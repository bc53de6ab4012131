import { getLocale } from "next-intl/server";
import { csvResponse, csvSeparator, startRows } from "@/lib/http/csv";
import { exportTitle, scopeName } from "@/lib/http/export-title";
import { withUser } from "@/lib/http/with-user";
import { xlsxResponse } from "@/lib/http/xlsx";
import type { Locale } from "@/lib/i18n/locales";
import { blockerExportHeader, blockerExportRows } from "@/lib/schedule/blocker-export";
import { parseBlockerQuery } from "@/lib/schedule/blockers";

/** The filtered blockers register as CSV or XLSX, with the same filters (and scope) as the page. */
export const GET = withUser({ permission: "report.export" }, async ({ user, query: params, t }) => {
  const query = parseBlockerQuery(params);
  const locale = (await getLocale()) as Locale;
  const translate = (key: string, values?: Record<string, string>) => t(key as "app.name", values);
  // The first rows are read before the first byte: no download starts and then breaks.
  const rows = await startRows(blockerExportRows(user, query, translate, locale));
  const header = blockerExportHeader(translate);
  const filename = `batys-blockers-${new Date().toISOString().slice(0, 10)}`;
  if (params.format !== "xlsx") return csvResponse(`${filename}.csv`, header, rows, csvSeparator(locale, params.sep));
  const { page: _page, ...filters } = query;
  const title = exportTitle(translate, {
    what: t("schedule.blockersTitle"),
    scope: scopeName(translate, user.oblastCode ?? query.oblast, locale),
    filters: Object.entries(filters)
      .flatMap(([key, value]) => (value ? [`${key}=${value}`] : []))
      .join(", "),
    by: user.name,
  });
  return xlsxResponse(`${filename}.xlsx`, [
    { name: t("schedule.blockersTitle"), title, header, rows, widths: [16, 40, 50, 20, 18, 14, 12, 12, 8, 28, 24, 40] },
  ]);
});
