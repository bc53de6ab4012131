import { formatDateTime } from "@/lib/format/format";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { Suspense } from "react";
import { PdfButton } from "@/components/reports/pdf-button";
import { PrintButton } from "@/components/print-button";
import { requireUser } from "@/lib/auth/current-user";
import { KIND_CHOICES } from "@/lib/figures/figure-names";
import { can } from "@/lib/auth/permissions";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { OBLASTS, SECTORS } from "@/lib/reference-data";
import { buildPeriodReport } from "@/lib/reports/period-report";
import { reportPeriod, reportScopeName } from "@/lib/reports/report-frame";
import {
  parseReportPage,
  parseReportQuery,
  quickPeriods,
  reportSearchParams,
  type TReportQuery,
} from "@/lib/reports/report-query";
import { listSavedReports } from "@/lib/reports/saved-reports";
import { ReportDocument } from "./report-document";
import { ReportHeading } from "./report-heading";

/** The title names scope and period: it is the printed PDF's title too. */
export async function generateMetadata({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}): Promise<Metadata> {
  const [t, locale, user] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>, requireUser()]);
  const requested = parseReportQuery(await searchParams);
  const query = user.oblastCode ? { ...requested, scope: user.oblastCode as TReportQuery["scope"] } : requested;
  return { title: `${t("reports.title")} · ${reportScopeName(t, locale, query)} · ${reportPeriod(locale, query)}` };
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
  // On screen the changes come a page at a time; `whole=1` prints them all (the saved PDF prints its snapshot).
  const page = raw.whole === "1" ? undefined : parseReportPage(raw);
  // An akimat officer's report is always their own oblast's (buildPeriodReport applies the same rule to the data).
  const query: TReportQuery = user.oblastCode
    ? { ...requested, scope: user.oblastCode as TReportQuery["scope"] }
    : requested;
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  const params = reportSearchParams(query);
  const scopeName = reportScopeName(t, locale, query);
  const quick = quickPeriods(todayInKazakhstan());
  const dates = reportPeriod(locale, query);

  return (
    <article className="report">
      <ReportHeading
        scopeName={scopeName}
        period={dates}
        generated={t("reports.generated", { at: formatDateTime(locale, new Date()), by: user.name })}
      />

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
          {can(user, "report.export") && (
            <PdfButton
              action={`/reports/pdf?${params.toString()}`}
              labels={{
                download: t("periodReport.generatePdf"),
                rendering: t("periodReport.rendering"),
                done: t("periodReport.saved"),
                failed: t("periodReport.renderFailed"),
              }}
            />
          )}
          <a href={`/reports/oc4ids`} className="rounded border border-slate-400 px-3 py-2 text-sm hover:border-brand">
            {t("reports.oc4ids")}
          </a>
        </div>
      </form>

      <Suspense fallback={null}>
        <SavedReports user={user} />
      </Suspense>

      {/* The header and the form paint at once; the report's figures, tables and charts stream in when built. */}
      <Suspense fallback={<ReportSkeleton />}>
        <ReportBody user={user} requested={requested} params={params} page={page} />
      </Suspense>
    </article>
  );
}

/**
 * The report itself, streamed in when its history queries are done. With a page, the period's changes are that page
 * of them (at 100 000 projects a quarter changes tens of thousands; the exports and the PDF hold every row).
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
  page: number | undefined;
}) {
  const [report, t, locale] = await Promise.all([
    buildPeriodReport(user, requested, page === undefined ? {} : { page }),
    getTranslations(),
    getLocale() as Promise<Locale>,
  ]);
  if (!report) forbidden();
  return (
    <ReportDocument
      report={report}
      locale={locale}
      scopeName={reportScopeName(t, locale, report.query)}
      period={reportPeriod(locale, report.query)}
      params={params}
    />
  );
}

/** The saved reports the user may open, newest first: each re-opens exactly as it was generated. */
async function SavedReports({ user }: { user: Awaited<ReturnType<typeof requireUser>> }) {
  const [saved, t, locale] = await Promise.all([
    listSavedReports(user),
    getTranslations(),
    getLocale() as Promise<Locale>,
  ]);
  return (
    <section className="no-print mb-6 rounded-lg border border-slate-200 bg-white p-4" data-testid="saved-reports">
      <h2 className="mb-2 text-lg font-semibold">{t("periodReport.saved")}</h2>
      {saved.length === 0 ? (
        <p className="text-sm text-slate-600">{t("periodReport.noneSaved")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 text-sm">
          {saved.map((entry) => (
            <li key={entry.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
              <a href={`/reports/saved/${entry.id}`} className="font-semibold text-brand underline">
                {reportScopeName(t, locale, entry)} · {reportPeriod(locale, entry)}
              </a>
              <span className="text-xs text-slate-600">
                {t("reports.generated", {
                  at: formatDateTime(locale, entry.createdAt),
                  by: entry.createdBy,
                })}{" "}
                · {t("periodReport.size", { kb: Math.max(1, Math.round(entry.pdfBytes / 1024)) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
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
