import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { csvResponse } from "@/lib/http/csv";
import { xlsxResponse } from "@/lib/http/xlsx";
import type { Locale } from "@/lib/i18n/locales";
import { buildPeriodReport } from "@/lib/reports/period-report";
import { parseReportQueryStrictly } from "@/lib/reports/report-query";
import { REPORT_TABLES, reportTables } from "@/lib/reports/report-tables";

const ZExport = z.object({ table: z.enum(REPORT_TABLES), format: z.enum(["csv", "xlsx"]) });

export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || user.mustChangePassword) return new Response("Unauthorized", { status: 401 });
  if (!can(user, "report.export")) return new Response("Forbidden", { status: 403 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const choice = ZExport.safeParse(params);
  const t = await getTranslations();
  const query = parseReportQueryStrictly(params);
  if (!choice.success || !query) return new Response(t("validation.invalid"), { status: 400 });
  const report = await buildPeriodReport(user, query);
  if (!report) return new Response("Forbidden", { status: 403 });
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
}
