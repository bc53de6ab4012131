import { getLocale } from "next-intl/server";
import { parseAuditQueryStrictly } from "@/lib/audit/list-audit";
import { readableAuditHeader, readableAuditRows, type Translate } from "@/lib/audit/readable-audit";
import { csvResponse, csvSeparator, startRows } from "@/lib/http/csv";
import { exportTitle, scopeName } from "@/lib/http/export-title";
import { Refused, withUser } from "@/lib/http/with-user";
import { xlsxResponse } from "@/lib/http/xlsx";
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
  const rows = await startRows(readableAuditRows(user, query, translate, locale));
  const header = readableAuditHeader(translate);
  const filename = `batys-audit-${new Date().toISOString().slice(0, 10)}`;
  if (params.format !== "xlsx") return csvResponse(`${filename}.csv`, header, rows, csvSeparator(locale, params.sep));
  const { page: _page, ...filters } = query;
  const title = exportTitle(translate, {
    what: t("audit.title"),
    scope: scopeName(translate, null, locale),
    filters: Object.entries(filters)
      .flatMap(([key, value]) => (value ? [`${key}=${value}`] : []))
      .join(", "),
    by: user.name,
  });
  return xlsxResponse(`${filename}.xlsx`, [
    { name: t("audit.title"), title, header, rows, widths: [17, 24, 28, 30, 40, 18, 16, 60] },
  ]);
});
