import { getLocale } from "next-intl/server";
import { startRows } from "@/lib/http/csv";
import { exportTitle, scopeName } from "@/lib/http/export-title";
import { filtersText, tableDownload } from "@/lib/http/table-download";
import { withUser } from "@/lib/http/with-user";
import type { Locale } from "@/lib/i18n/locales";
import { USER_EXPORT_WIDTHS, userExportHeader, userExportRows } from "@/lib/users/export-users";
import { userListSelection } from "@/lib/users/manage-users";

/** The users list as CSV or XLSX, with the page's filters. Administrators only. */
export const GET = withUser({ permission: "user.manage" }, async ({ user, query: params, t }) => {
  const locale = (await getLocale()) as Locale;
  const translate = (key: string, values?: Record<string, string>) => t(key as "app.name", values);
  const rows = await startRows(userExportRows(user, params, translate, locale));
  const { page: _page, ...filters } = userListSelection(params).query;
  return tableDownload({
    params,
    locale,
    stem: "batys-users",
    sheet: t("users.title"),
    title: () =>
      exportTitle(translate, {
        what: t("users.title"),
        scope: scopeName(translate, null, locale),
        filters: filtersText(filters),
        by: user.name,
      }),
    header: userExportHeader(translate),
    rows,
    widths: USER_EXPORT_WIDTHS,
  });
});
