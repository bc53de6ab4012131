import { getLocale, getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { csvResponse, csvSeparator } from "@/lib/http/csv";
import { exportTitle, scopeName } from "@/lib/http/export-title";
import { xlsxResponse } from "@/lib/http/xlsx";
import type { Locale } from "@/lib/i18n/locales";
import { projectExportHeader, projectExportRows } from "@/lib/projects/export-projects";
import { parseProjectListQuery, projectListParams } from "@/lib/projects/list-projects";

/** The filtered project list as CSV or XLSX, with the same filters (and scope) as the page. */
export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || user.mustChangePassword) return new Response("Unauthorized", { status: 401 });
  if (!can(user, "report.export")) return new Response("Forbidden", { status: 403 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const format = params.format === "xlsx" ? "xlsx" : "csv";
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  const translate = (key: string) => t(key as "app.name");
  const query = parseProjectListQuery(params);
  const rows = projectExportRows(user, query, translate, locale);
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
}
