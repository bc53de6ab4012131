import { getLocale } from "next-intl/server";
import { csvResponse } from "@/lib/http/csv";
import { withUser } from "@/lib/http/with-user";
import { xlsxResponse } from "@/lib/http/xlsx";
import type { Locale } from "@/lib/i18n/locales";
import { projectExportHeader, projectExportRows } from "@/lib/projects/export-projects";
import { parseProjectListQuery } from "@/lib/projects/list-projects";

/** The filtered project list as CSV or XLSX, with the same filters (and scope) as the page. */
export const GET = withUser({ permission: "report.export" }, async ({ user, query: params, t }) => {
  const format = params.format === "xlsx" ? "xlsx" : "csv";
  const locale = (await getLocale()) as Locale;
  const translate = (key: string) => t(key as "app.name");
  const rows = projectExportRows(user, parseProjectListQuery(params), translate, locale);
  const filename = `batys-projects-${new Date().toISOString().slice(0, 10)}.${format}`;
  const header = projectExportHeader(translate);
  return format === "csv"
    ? csvResponse(filename, header, rows)
    : xlsxResponse(filename, [{ name: t("projects.title"), header, rows }]);
});
