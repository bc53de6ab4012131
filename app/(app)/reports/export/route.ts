import { getLocale } from "next-intl/server";
import { z } from "zod";
import { csvResponse } from "@/lib/http/csv";
import { Refused, withUser } from "@/lib/http/with-user";
import { xlsxResponse } from "@/lib/http/xlsx";
import type { Locale } from "@/lib/i18n/locales";
import { buildPeriodReport } from "@/lib/reports/period-report";
import { parseReportQuery } from "@/lib/reports/report-query";
import { REPORT_TABLES, reportTables } from "@/lib/reports/report-tables";

const ZExport = z.object({ table: z.enum(REPORT_TABLES), format: z.enum(["csv", "xlsx"]) });

export const GET = withUser({ permission: "report.export" }, async ({ user, query: params, t }) => {
  const choice = ZExport.safeParse(params);
  if (!choice.success) throw new Refused("invalid");
  const report = await buildPeriodReport(user, parseReportQuery(params));
  if (!report) throw new Refused("forbidden");
  const table = reportTables(
    report,
    (key, values) => t(key as "reports.title", values as Record<string, string>),
    (await getLocale()) as Locale,
  ).find((candidate) => candidate.key === choice.data.table)!;
  const filename = `batys-report-${table.key}-${report.query.from}-${report.query.to}.${choice.data.format}`;
  async function* rows() {
    yield* table.rows;
  }
  return choice.data.format === "csv"
    ? csvResponse(filename, table.header, rows())
    : xlsxResponse(filename, [{ name: table.title, header: table.header, rows: table.rows }]);
});
