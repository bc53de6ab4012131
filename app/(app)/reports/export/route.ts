import { getLocale } from "next-intl/server";
import { z } from "zod";
import { csvResponse, csvSeparator } from "@/lib/http/csv";
import { exportTitle, scopeName } from "@/lib/http/export-title";
import { Refused, withUser } from "@/lib/http/with-user";
import { xlsxResponse } from "@/lib/http/xlsx";
import type { Locale } from "@/lib/i18n/locales";
import { buildPeriodReport } from "@/lib/reports/period-report";
import { parseReportQueryStrictly } from "@/lib/reports/report-query";
import { REPORT_TABLES, reportTables } from "@/lib/reports/report-tables";

const ZExport = z.object({ table: z.enum(REPORT_TABLES), format: z.enum(["csv", "xlsx"]) });

export const GET = withUser({ permission: "report.export" }, async ({ user, query: params, t }) => {
  const choice = ZExport.safeParse(params);
  const query = parseReportQueryStrictly(params);
  if (!choice.success || !query) throw new Refused("invalid");
  const report = await buildPeriodReport(user, query);
  if (!report) throw new Refused("forbidden");
  const locale = (await getLocale()) as Locale;
  const translate = (key: string, values?: Record<string, string | number>) =>
    t(key as "reports.title", values as Record<string, string>);
  const table = reportTables(report, translate, locale).find((candidate) => candidate.key === choice.data.table)!;
  const filename = `batys-report-${table.key}-${report.query.from}-${report.query.to}.${choice.data.format}`;
  async function* rows() {
    yield* table.rows;
  }
  if (choice.data.format === "csv")
    return csvResponse(filename, table.header, rows(), csvSeparator(locale, params.sep));
  const title = exportTitle(translate, {
    what: `${t("reports.title")}: ${table.title}`,
    scope: scopeName(translate, report.query.scope, locale),
    period: { from: report.query.from, to: report.query.to },
    by: user.name,
  });
  return xlsxResponse(filename, [{ name: table.title, title, header: table.header, rows: table.rows }]);
});
