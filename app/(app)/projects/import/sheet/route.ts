import { getLocale } from "next-intl/server";
import { Refused, withUser } from "@/lib/http/with-user";
import { xlsxResponse } from "@/lib/http/xlsx";
import type { Locale } from "@/lib/i18n/locales";
import { sheetTargetFor } from "@/lib/progress/import-progress";
import { progressSheet } from "@/lib/progress/progress-sheet-template";
import { parseProjectListQueryStrictly } from "@/lib/projects/list-projects";

/** The progress sheet (XLSX) of the projects in the list's current filters, for those who record progress or report. */
export const GET = withUser(
  { permission: (user) => sheetTargetFor(user) !== null },
  async ({ user, query: params, t }) => {
    const query = parseProjectListQueryStrictly(params);
    if (!query) throw new Refused("invalid");
    const locale = (await getLocale()) as Locale;
    const filename = `batys-progress-sheet-${new Date().toISOString().slice(0, 10)}.xlsx`;
    return xlsxResponse(filename, [progressSheet(user, query, (key) => t(key as "app.name"), locale)]);
  },
);
