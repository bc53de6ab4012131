import { getLocale } from "next-intl/server";
import { parseAuditQueryStrictly } from "@/lib/audit/list-audit";
import { readableAuditHeader, readableAuditRows, type Translate } from "@/lib/audit/readable-audit";
import { csvResponse, csvSeparator, startRows } from "@/lib/http/csv";
import { Refused, withUser } from "@/lib/http/with-user";
import type { Locale } from "@/lib/i18n/locales";

/** The filtered audit log as CSV, in words: local times, actions, targets by name, each change before → after. */
export const GET = withUser({ permission: "audit.read" }, async ({ user, query: params, t }) => {
  // Parameters are checked, and the first rows read, before the first byte: no download starts and then breaks.
  const query = parseAuditQueryStrictly(params);
  if (!query) throw new Refused("invalid");
  const locale = (await getLocale()) as Locale;
  const translate = t as unknown as Translate;
  return csvResponse(
    `batys-audit-${new Date().toISOString().slice(0, 10)}.csv`,
    readableAuditHeader(translate),
    await startRows(readableAuditRows(user, query, translate, locale)),
    csvSeparator(locale, params.sep),
  );
});
