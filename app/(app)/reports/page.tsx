import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/export-links";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { Suspense } from "react";
import { CompletionChart } from "@/components/charts/lazy-charts";
import { DataTable } from "@/components/data-table";
import { Pagination } from "@/components/pagination";
import { PrintButton } from "@/components/print-button";
import { requireUser } from "@/lib/auth/current-user";
import { FIGURES, KIND_CHOICES } from "@/lib/figures/figure-names";
import { formatDate, formatNumber, formatPercent } from "@/lib/format/format";
import { can } from "@/lib/auth/permissions";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { OBLASTS, SECTORS } from "@/lib/reference-data";
import { buildPeriodReport, type PeriodFigures } from "@/lib/reports/period-report";
import {
  parseReportPage,
  parseReportQuery,
  quickPeriods,
  reportSearchParams,
  type TReportQuery,
} from "@/lib/reports/report-query";
import { reportTables } from "@/lib/reports/report-tables";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  if (!can(user, "report.view")) forbidden();
  const raw = await searchParams;
  const requested = parseReportQuery(raw);
  const page = parseReportPage(raw);
  // An akimat officer's report is always their own oblast's (buildPeriodReport applies the same rule to the data).
  const query: TReportQuery = user.oblastCode
    ? { ...requested, scope: user.oblastCode as TReportQuery["scope"] }
    : requested;
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale() as Promise<Locale>]);
  const params = reportSearchParams(query);
  const scopeName =
    query.scope === "region"
      ? t("dashboard.scopeRegion")
      : localizedName(OBLASTS.find((oblast) => oblast.code === query.scope)!, locale);
  const quick = quickPeriods(todayInKazakhstan());
  const dates = `${formatDate(locale, query.from)} — ${formatDate(locale, query.to)}`;

  return (
    <article className="report">
      <header className="mb-4">
        <h1 className="text-2xl font-bold">{t("reports.title")}</h1>
        <p className="text-sm text-slate-700" data-testid="report-heading">
          {scopeName} · {dates}
        </p>
        <p className="hidden text-xs text-slate-600 print:block">
          {t("reports.generated", {
            at: format.dateTime(new Date(), { dateStyle: "medium", timeStyle: "short" }),
            by: user.name,
          })}
        </p>
      </header>

      <form
        method="get"
        className="no-print mb-6 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2 lg:grid-cols-4"
      >
        <div>
          <label htmlFor="report-scope" className="block text-xs font-semibold text-slate-700">
            {t("reports.scope")}
          </label>
          <select
            id="report-scope"
            name="scope"
            defaultValue={query.scope}
            className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-2 text-sm"
          >
            {!user.oblastCode && <option value="region">{t("dashboard.scopeRegion")}</option>}
            {OBLASTS.filter((oblast) => !user.oblastCode || oblast.code === user.oblastCode).map((oblast) => (
              <option key={oblast.code} value={oblast.code}>
                {localizedName(oblast, locale)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="report-kind" className="block text-xs font-semibold text-slate-700">
            {t("figures.kind.label")}
          </label>
          <select
            id="report-kind"
            name="kind"
            defaultValue={query.kind}
            className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-2 text-sm"
          >
            {KIND_CHOICES.map((kind) => (
              <option key={kind} value={kind}>
                {t(`figures.kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="report-from" className="block text-xs font-semibold text-slate-700">
            {t("reports.from")}
          </label>
          <input
            id="report-from"
            name="from"
            type="date"
            defaultValue={query.from}
            className="mt-1 w-full rounded border border-slate-300 px-2 py-2 text-sm"
          />
        </div>
        <div>
          <label htmlFor="report-to" className="block text-xs font-semibold text-slate-700">
            {t("reports.to")}
          </label>
          <input
            id="report-to"
            name="to"
            type="date"
            defaultValue={query.to}
            className="mt-1 w-full rounded border border-slate-300 px-2 py-2 text-sm"
          />
        </div>
        <div className="text-sm">
          <p className="text-xs font-semibold text-slate-700">{t("reports.quickPicks")}</p>
          <div className="mt-1 flex flex-wrap gap-2">
            {(Object.keys(quick) as (keyof typeof quick)[]).map((key) => {
              const link = new URLSearchParams(params);
              link.set("from", quick[key].from);
              link.set("to", quick[key].to);
              return (
                <Link
                  key={key}
                  href={`?${link.toString()}`}
                  className="rounded border border-slate-300 px-2 py-1 hover:border-brand"
                >
                  {t(`reports.${key}`)}
                </Link>
              );
            })}
          </div>
        </div>
        <fieldset className="md:col-span-2">
          <legend className="text-xs font-semibold text-slate-700">{t("horizon.label")}</legend>
          <div className="mt-1 flex flex-wrap gap-3 text-sm">
            {(["2030", "2040", "2050", "none"] as const).map((horizon) => (
              <label key={horizon} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  name="horizons"
                  value={horizon}
                  defaultChecked={query.horizons.includes(horizon)}
                />{" "}
                {horizon === "none" ? t("horizon.none") : horizon}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="md:col-span-2">
          <legend className="text-xs font-semibold text-slate-700">{t("projects.sector")}</legend>
          <div className="mt-1 flex flex-wrap gap-3 text-sm">
            {SECTORS.map((sector) => (
              <label key={sector.code} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  name="sectors"
                  value={sector.code}
                  defaultChecked={query.sectors.includes(sector.code)}
                />{" "}
                {localizedName(sector, locale)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-wrap items-center gap-2 md:col-span-2 lg:col-span-4">
          <button
            type="submit"
            className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-dark"
          >
            {t("reports.build")}
          </button>
          <PrintButton label={t("reports.print")} />
          <a
            href={`/reports/pdf?${params.toString()}`}
            className="rounded border border-slate-400 px-3 py-2 text-sm font-semibold hover:border-brand"
            data-testid="download-pdf"
          >
            {t("reports.downloadPdf")}
          </a>
          <a href={`/reports/oc4ids`} className="rounded border border-slate-400 px-3 py-2 text-sm hover:border-brand">
            {t("reports.oc4ids")}
          </a>
        </div>
      </form>

      {/* The header and the form paint at once; the report's figures, tables and charts stream in when built. */}
      <Suspense fallback={<ReportSkeleton />}>
        <ReportBody user={user} requested={requested} params={params} page={page} />
      </Suspense>
    </article>
  );
}

/**
 * The report itself: the history queries, then the figures, the period's changes (a page of them: at 100 000
 * projects a quarter changes tens of thousands; the exports hold every row), the tables and the charts.
 */
async function ReportBody({
  user,
  requested,
  params,
  page,
}: {
  user: Awaited<ReturnType<typeof requireUser>>;
  requested: TReportQuery;
  params: URLSearchParams;
  page: number;
}) {
  const [report, t, format, locale] = await Promise.all([
    buildPeriodReport(user, requested, { page }),
    getTranslations(),
    getFormatter(),
    getLocale() as Promise<Locale>,
  ]);
  if (!report) forbidden();
  const tables = reportTables(
    report,
    (key, values) => t(key as "reports.title", values as Record<string, string>),
    locale,
  );
  const figureRows = (
    ["total", "completed", "inProgress", "notStarted", "paused", "cancelled", "averagePercent"] as const
  ).map((key) => {
    const value = (figures: PeriodFigures) =>
      key === "averagePercent" ? `${format.number(figures[key])}%` : format.number(figures[key]);
    return [
      t(key === "averagePercent" ? "dashboard.averageCompletion" : `dashboard.${key}`),
      value(report.start),
      value(report.end),
    ];
  });
  return (
    <>
      <section className="mb-6 rounded-lg border border-slate-200 bg-white p-4 break-inside-avoid">
        <h2 className="mb-2 text-lg font-semibold">{t("reports.figures")}</h2>
        <DataTable
          head={["", t("reports.atStart"), t("reports.atEnd")]}
          rows={figureRows}
          caption={t("reports.figures")}
        />
      </section>

      <section className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">
          {t("reports.completedInPeriod", { count: report.completedTotal })}
        </h2>
        {report.completedInPeriod.length === 0 ? (
          <p className="text-sm text-slate-600">{t("reports.noneCompleted")}</p>
        ) : (
          <ul className="list-disc pl-5 text-sm">
            {report.completedInPeriod.map((project) => (
              <li key={project.code}>
                <Link href={`/projects/${project.code}`} className="font-mono text-xs text-brand">
                  {project.code}
                </Link>{" "}
                {localizedName(project, locale)}
              </li>
            ))}
          </ul>
        )}
        {report.completedTotal > report.completedInPeriod.length && (
          <p className="mt-2 text-sm text-slate-600" data-testid="completed-more">
            {t("reportPaging.completedMore", {
              shown: report.completedInPeriod.length,
              total: report.completedTotal,
              table: t("reports.changes"),
            })}
          </p>
        )}
      </section>

      {tables.map((table) => (
        <section
          key={table.key}
          className="mb-6 rounded-lg border border-slate-200 bg-white p-4"
          data-testid={`report-table-${table.key}`}
        >
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-lg font-semibold">
              {table.title}{" "}
              <span className="text-sm font-normal text-slate-600" data-testid={`report-count-${table.key}`}>
                ({formatNumber(locale, table.key === "changes" ? report.changesTotal : table.rows.length)})
              </span>
            </h2>
            <span className="no-print flex gap-2 text-sm">
              <ExportLinks
                path="/reports/export"
                params={{ ...Object.fromEntries(params), table: table.key }}
                locale={locale}
                labels={{ otherSeparator: t("exports.otherSeparator") }}
              />
            </span>
          </div>
          {table.rows.length === 0 ? (
            <p className="text-sm text-slate-600">{t("reports.emptyTable")}</p>
          ) : (
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={table.title}>
              <DataTable head={table.header} rows={table.rows} caption={table.title} />
            </div>
          )}
          {table.key === "changes" && report.pages > 1 && (
            <div className="no-print" data-testid="changes-pagination">
              <Pagination page={report.page} pages={report.pages} params={Object.fromEntries(params)} />
              <p className="mt-1 text-xs text-slate-600">{t("reportPaging.exportHasAll")}</p>
            </div>
          )}
          {table.key === "oblasts" && (
            <p className="mt-2 text-xs text-slate-600" data-testid="inter-oblast-note">
              * {t("figures.interOblastNote")}
            </p>
          )}
        </section>
      ))}

      <div className="grid gap-4 lg:grid-cols-2 break-inside-avoid">
        <CompletionChart
          title={t("dashboard.completionByOblast")}
          groupLabel={t("projects.oblast")}
          groups={report.byOblast.map((row) => ({ ...row, name: localizedName(row, locale), href: null }))}
        />
        <CompletionChart
          title={t("reports.completionBySector")}
          groupLabel={t("projects.sector")}
          groups={report.bySector.map((row) => ({ ...row, name: localizedName(row, locale), href: null }))}
        />
      </div>
    </>
  );
}

function ReportSkeleton() {
  return (
    <div aria-hidden className="space-y-6">
      <div className="h-64 animate-pulse rounded-lg border border-slate-200 bg-white" />
      <div className="h-32 animate-pulse rounded-lg border border-slate-200 bg-white" />
    </div>
  );
}
