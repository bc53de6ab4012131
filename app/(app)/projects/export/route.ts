import { getLocale, getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { csvResponse, startRows } from "@/lib/http/csv";
import { xlsxResponse } from "@/lib/http/xlsx";
import type { Locale } from "@/lib/i18n/locales";
import { projectExportHeader, projectExportRows } from "@/lib/projects/export-projects";
import { parseProjectListQueryStrictly } from "@/lib/projects/list-projects";

/** The filtered project list as CSV or XLSX, with the same filters (and scope) as the page. */
export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || user.mustChangePassword) return new Response("Unauthorized", { status: 401 });
  if (!can(user, "report.export")) return new Response("Forbidden", { status: 403 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const format = params.format === "xlsx" ? "xlsx" : "csv";
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  // Parameters are checked, and the first rows read, before the first byte: no download starts and then breaks.
  const query = parseProjectListQueryStrictly(params);
  if (!query) return new Response(t("validation.invalid"), { status: 400 });
  const translate = (key: string) => t(key as "app.name");
  const rows = await startRows(projectExportRows(user, query, translate, locale));
  const filename = `batys-projects-${new Date().toISOString().slice(0, 10)}.${format}`;
  const header = projectExportHeader(translate);
  return format === "csv"
    ? csvResponse(filename, header, rows)
    : xlsxResponse(filename, [{ name: t("projects.title"), header, rows }]);
}
