import { getLocale, getTranslations } from "next-intl/server";
import { csvResponse, csvSeparator, startRows } from "@/lib/http/csv";
import { exportTitle, scopeName } from "@/lib/http/export-title";
import { xlsxResponse } from "@/lib/http/xlsx";
import type { Locale } from "@/lib/i18n/locales";
import { projectListParams } from "@/lib/projects/list-projects";
import { parsePublicListQueryStrictly, publicExportHeader, publicExportRows } from "@/lib/public/public-projects";

/** The public project list as CSV or XLSX (public fields only), with the list's filters. No sign-in. */
export async function GET(request: Request) {
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const format = params.format === "xlsx" ? "xlsx" : "csv";
  const query = parsePublicListQueryStrictly(params);
  if (!query || (params.format !== undefined && params.format !== "csv" && params.format !== "xlsx"))
    return new Response(t("validation.invalid"), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const translate = (key: string, values?: Record<string, string>) => t(key as "app.name", values);
  const rows = await startRows(publicExportRows(query, translate, locale));
  const filename = `batys-public-projects-${new Date().toISOString().slice(0, 10)}.${format}`;
  const header = publicExportHeader(translate);
  if (format === "csv") return csvResponse(filename, header, rows, csvSeparator(locale, params.sep));
  const filters = Object.entries(projectListParams(query, { sort: false }))
    .map(([key, value]) => `${key}=${value}`)
    .join(", ");
  const title = [
    ...exportTitle(translate, {
      what: t("publicView.projects"),
      scope: scopeName(translate, query.oblast, locale),
      filters,
      by: t("publicView.home"),
    }),
    t("publicView.licence"),
  ];
  return xlsxResponse(filename, [{ name: t("publicView.projects"), title, header, rows }]);
}
