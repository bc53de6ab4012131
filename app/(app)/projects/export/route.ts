import { getLocale } from "next-intl/server";
import { startRows } from "@/lib/http/csv";
import { exportTitle, scopeName } from "@/lib/http/export-title";
import { filtersText, tableDownload } from "@/lib/http/table-download";
import { Refused, withUser } from "@/lib/http/with-user";
import type { Locale } from "@/lib/i18n/locales";
import { projectExportHeader, projectExportRows } from "@/lib/projects/export-projects";
import { parseProjectListQueryStrictly, projectListParams } from "@/lib/projects/list-projects";

/** The filtered project list as CSV or XLSX, with the same filters (and scope) as the page. */
export const GET = withUser({ permission: "report.export" }, async ({ user, query: params, t }) => {
  // Parameters are checked, and the first rows read, before the first byte: no download starts and then breaks.
  const query = parseProjectListQueryStrictly(params);
  if (!query) throw new Refused("invalid");
  const locale = (await getLocale()) as Locale;
  const translate = (key: string, values?: Record<string, string>) => t(key as "app.name", values);
  return tableDownload({
    params,
    locale,
    stem: "batys-projects",
    sheet: t("projects.title"),
    title: () =>
      exportTitle(translate, {
        what: t("projects.title"),
        scope: scopeName(translate, user.oblastCode ?? query.oblast, locale),
        filters: filtersText(projectListParams(query, { sort: false })),
        by: user.name,
      }),
    header: projectExportHeader(translate),
    rows: await startRows(projectExportRows(user, query, translate, locale)),
  });
});
