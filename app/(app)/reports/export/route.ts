import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { csvResponse, csvSeparator } from "@/lib/http/csv";
import { exportTitle, scopeName } from "@/lib/http/export-title";
import { xlsxResponse } from "@/lib/http/xlsx";
import type { Locale } from "@/lib/i18n/locales";
import { buildPeriodReport } from "@/lib/reports/period-report";
import { parseReportQuery } from "@/lib/reports/report-query";
import { REPORT_TABLES, reportTables } from "@/lib/reports/report-tables";

const ZExport = z.object({ table: z.enum(REPORT_TABLES), format: z.enum(["csv", "xlsx"]) });

export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || user.mustChangePassword) return new Response("Unauthorized", { status: 401 });
  if (!can(user, "report.export")) return new Response("Forbidden", { status: 403 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const choice = ZExport.safeParse(params);
  const t = await getTranslations();
  if (!choice.success) return new Response(t("validation.invalid"), { status: 400 });
  const report = await buildPeriodReport(user, parseReportQuery(params));
  if (!report) return new Response("Forbidden", { status: 403 });
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
}
