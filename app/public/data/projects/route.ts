import { getLocale, getTranslations } from "next-intl/server";
import { startRows } from "@/lib/http/csv";
import { exportTitle, scopeName } from "@/lib/http/export-title";
import { filtersText, tableDownload } from "@/lib/http/table-download";
import type { Locale } from "@/lib/i18n/locales";
import { projectListParams } from "@/lib/projects/list-projects";
import { parsePublicListQueryStrictly, publicExportHeader, publicExportRows } from "@/lib/public/public-projects";

/** The public project list as CSV or XLSX (public fields only), with the list's filters. No sign-in. */
export async function GET(request: Request) {
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = parsePublicListQueryStrictly(params);
  if (!query || (params.format !== undefined && params.format !== "csv" && params.format !== "xlsx"))
    return new Response(t("validation.invalid"), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const translate = (key: string, values?: Record<string, string>) => t(key as "app.name", values);
  return tableDownload({
    params,
    locale,
    stem: "batys-public-projects",
    sheet: t("publicView.projects"),
    title: () => [
      ...exportTitle(translate, {
        what: t("publicView.projects"),
        scope: scopeName(translate, query.oblast, locale),
        filters: filtersText(projectListParams(query, { sort: false })),
        by: t("publicView.home"),
      }),
      t("publicView.licence"),
    ],
    header: publicExportHeader(translate),
    rows: await startRows(publicExportRows(query, translate, locale)),
  });
}
