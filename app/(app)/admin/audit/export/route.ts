import { getLocale, getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { parseAuditQuery } from "@/lib/audit/list-audit";
import { readableAuditHeader, readableAuditRows, type Translate } from "@/lib/audit/readable-audit";
import { csvResponse, csvSeparator } from "@/lib/http/csv";
import type { Locale } from "@/lib/i18n/locales";

/** The filtered audit log as CSV, in words: local times, actions, targets by name, each change before → after. */
export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || user.mustChangePassword) return new Response("Unauthorized", { status: 401 });
  if (!can(user, "audit.read")) return new Response("Forbidden", { status: 403 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = parseAuditQuery(params);
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  const translate = t as unknown as Translate;
  return csvResponse(
    `batys-audit-${new Date().toISOString().slice(0, 10)}.csv`,
    readableAuditHeader(translate),
    readableAuditRows(user, query, translate, locale),
    csvSeparator(locale, params.sep),
  );
}
