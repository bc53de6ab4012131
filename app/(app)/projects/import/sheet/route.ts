import { getLocale, getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { xlsxResponse } from "@/lib/http/xlsx";
import type { Locale } from "@/lib/i18n/locales";
import { sheetTargetFor } from "@/lib/progress/import-progress";
import { progressSheet } from "@/lib/progress/progress-sheet-template";
import { parseProjectListQueryStrictly } from "@/lib/projects/list-projects";

/** The progress sheet (XLSX) of the projects in the list's current filters, for those who record progress or report. */
export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || user.mustChangePassword) return new Response("Unauthorized", { status: 401 });
  if (!sheetTargetFor(user)) return new Response("Forbidden", { status: 403 });
  const query = parseProjectListQueryStrictly(Object.fromEntries(new URL(request.url).searchParams));
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  if (!query) return new Response(t("validation.invalid"), { status: 400 });
  const filename = `batys-progress-sheet-${new Date().toISOString().slice(0, 10)}.xlsx`;
  return xlsxResponse(filename, [progressSheet(user, query, (key) => t(key as "app.name"), locale)]);
}
