import { getLocale } from "next-intl/server";
import { csvResponse, csvSeparator, startRows } from "@/lib/http/csv";
import { exportTitle, scopeName } from "@/lib/http/export-title";
import { Refused, withUser } from "@/lib/http/with-user";
import { xlsxResponse } from "@/lib/http/xlsx";
import type { Locale } from "@/lib/i18n/locales";
import { projectExportHeader, projectExportRows } from "@/lib/projects/export-projects";
import { parseProjectListQueryStrictly, projectListParams } from "@/lib/projects/list-projects";

/** The filtered project list as CSV or XLSX, with the same filters (and scope) as the page. */
export const GET = withUser({ permission: "report.export" }, async ({ user, query: params, t }) => {
  const format = params.format === "xlsx" ? "xlsx" : "csv";
  // Parameters are checked, and the first rows read, before the first byte: no download starts and then breaks.
  const query = parseProjectListQueryStrictly(params);
  if (!query) throw new Refused("invalid");
  const locale = (await getLocale()) as Locale;
  const translate = (key: string, values?: Record<string, string>) => t(key as "app.name", values);
  const rows = await startRows(projectExportRows(user, query, translate, locale));
  const filename = `batys-projects-${new Date().toISOString().slice(0, 10)}.${format}`;
  const header = projectExportHeader(translate);
  if (format === "csv") return csvResponse(filename, header, rows, csvSeparator(locale, params.sep));
  const filters = Object.entries(projectListParams(query, { sort: false }))
    .map(([key, value]) => `${key}=${value}`)
    .join(", ");
  const title = exportTitle(translate, {
    what: t("projects.title"),
    scope: scopeName(translate, user.oblastCode ?? query.oblast, locale),
    filters,
    by: user.name,
  });
  return xlsxResponse(filename, [{ name: t("projects.title"), title, header, rows }]);
});
