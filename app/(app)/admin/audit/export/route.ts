import { getLocale } from "next-intl/server";
import { parseAuditQueryStrictly } from "@/lib/audit/list-audit";
import { readableAuditHeader, readableAuditRows, type Translate } from "@/lib/audit/readable-audit";
import { startRows } from "@/lib/http/csv";
import { exportTitle, scopeName } from "@/lib/http/export-title";
import { filtersText, tableDownload } from "@/lib/http/table-download";
import { Refused, withUser } from "@/lib/http/with-user";
import type { Locale } from "@/lib/i18n/locales";

/**
 * The filtered audit log as CSV or XLSX, in words: local times, actions, targets by name, each change
 * before → after.
 */
export const GET = withUser({ permission: "audit.read" }, async ({ user, query: params, t }) => {
  // Parameters are checked, and the first rows read, before the first byte: no download starts and then breaks.
  const query = parseAuditQueryStrictly(params);
  if (!query) throw new Refused("invalid");
  const locale = (await getLocale()) as Locale;
  const translate = t as unknown as Translate;
  const { page: _page, ...filters } = query;
  return tableDownload({
    params,
    locale,
    stem: "batys-audit",
    sheet: t("audit.title"),
    title: () =>
      exportTitle(translate, {
        what: t("audit.title"),
        scope: scopeName(translate, null, locale),
        filters: filtersText(filters),
        by: user.name,
      }),
    header: readableAuditHeader(translate),
    rows: await startRows(readableAuditRows(user, query, translate, locale)),
    widths: [17, 24, 28, 30, 40, 18, 16, 60],
  });
});
