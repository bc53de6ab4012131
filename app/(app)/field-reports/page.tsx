import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { ExportLinks } from "@/components/export-links";
import { FieldReportBulkAccept } from "@/components/field-report-bulk-accept";
import { FieldReportCard } from "@/components/field-report-card";
import { FieldReportReview } from "@/components/field-report-review";
import { Pagination } from "@/components/pagination";
import { requireUser } from "@/lib/auth/current-user";
import { evidenceForFieldReports } from "@/lib/evidence/read-evidence";
import { listFieldReports, parseFieldReportQuery } from "@/lib/field-reports/list-field-reports";
import { type Locale, localizedName } from "@/lib/i18n/locales";
import { OBLASTS, SECTORS } from "@/lib/reference-data";
import { acceptFieldReportAction, acceptFieldReportsAction, rejectFieldReportAction } from "./actions";

const TAB_CURRENT = "border-brand bg-brand text-white";
const TAB_OTHER = "border-slate-300 bg-white hover:border-brand";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("fieldReports"))("title") };
}

export default async function FieldReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const query = parseFieldReportQuery(await searchParams);
  const result = await listFieldReports(user, query);
  if (!result) forbidden();
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  const filters = {
    ...(query.oblast ? { oblast: query.oblast } : {}),
    ...(query.sector ? { sector: query.sector } : {}),
    ...(query.olderThan ? { olderThan: query.olderThan } : {}),
  };
  const review = result.mode === "review";
  const tabHref = (tab: "pending" | "reviewed") => `?${new URLSearchParams({ ...filters, tab }).toString()}`;
  const selectClass = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-2 text-sm";
  const evidence = await evidenceForFieldReports(
    user,
    result.reports.map((report) => report.id),
    locale,
  );
  return (
    <>
      <h1 className="text-2xl font-bold">{t("fieldReports.title")}</h1>
      <p className="mb-4 text-sm text-slate-600">
        {review ? t("fieldReports.reviewQueue") : t("fieldReports.myReports")}
      </p>
      {review && (
        <nav aria-label={t("progressChange.queue.tabs")} className="mb-3 flex gap-2">
          {(["pending", "reviewed"] as const).map((tab) => (
            <Link
              key={tab}
              href={tabHref(tab)}
              aria-current={result.tab === tab ? "page" : undefined}
              className={`rounded border px-3 py-1.5 text-sm ${result.tab === tab ? TAB_CURRENT : TAB_OTHER}`}
            >
              {t(`progressChange.queue.${tab}`)}
            </Link>
          ))}
        </nav>
      )}
      <form
        method="get"
        role="search"
        className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
      >
        {review && <input type="hidden" name="tab" value={result.tab} />}
        {review && (
          <div>
            <label htmlFor="filter-oblast" className="block text-xs font-semibold text-slate-700">
              {t("project.oblasts")}
            </label>
            <select id="filter-oblast" name="oblast" defaultValue={query.oblast ?? ""} className={selectClass}>
              <option value="">{t("common.all")}</option>
              {OBLASTS.map((oblast) => (
                <option key={oblast.code} value={oblast.code}>
                  {localizedName(oblast, locale)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="filter-sector" className="block text-xs font-semibold text-slate-700">
            {t("progressChange.queue.sector")}
          </label>
          <select id="filter-sector" name="sector" defaultValue={query.sector ?? ""} className={selectClass}>
            <option value="">{t("common.all")}</option>
            {SECTORS.map((sector) => (
              <option key={sector.code} value={sector.code}>
                {localizedName(sector, locale)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-age" className="block text-xs font-semibold text-slate-700">
            {t("progressChange.queue.age")}
          </label>
          <select id="filter-age" name="olderThan" defaultValue={query.olderThan ?? ""} className={selectClass}>
            <option value="">{t("common.all")}</option>
            {(["3", "7", "30"] as const).map((days) => (
              <option key={days} value={days}>
                {t("progressChange.queue.olderThan", { days: Number(days) })}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-2">
          <button
            type="submit"
            className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-dark"
          >
            {t("common.apply")}
          </button>
          <Link
            href={review ? tabHref(result.tab) : "?"}
            className="rounded border border-slate-300 px-4 py-2 text-sm hover:border-brand"
          >
            {t("common.reset")}
          </Link>
        </div>
      </form>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-slate-600" data-testid="report-count">
          {t("progressChange.queue.count", { count: result.total })}
        </p>
        <ExportLinks
          path="/field-reports/export"
          params={{ ...filters, ...(review ? { tab: result.tab } : {}) }}
          locale={locale}
          labels={{ otherSeparator: t("exports.otherSeparator"), download: t("listExports.download") }}
        />
      </div>
      {result.reports.length === 0 ? (
        <EmptyState title={review ? t("fieldReports.emptyQueue") : t("fieldReports.empty")} />
      ) : (
        <>
          {review && result.tab === "pending" && result.reports.length > 1 && (
            <FieldReportBulkAccept
              reportIds={result.reports.map((report) => report.id)}
              accept={acceptFieldReportsAction}
            />
          )}
          <ol className="space-y-3">
            {result.reports.map((report) => (
              <li key={report.id} id={`report-${report.id}`} className="scroll-mt-4">
                <FieldReportCard report={report} locale={locale} showProject evidence={evidence[report.id] ?? []}>
                  {review && report.state === "PENDING" && (
                    <FieldReportReview
                      reportId={report.id}
                      accept={acceptFieldReportAction}
                      reject={rejectFieldReportAction}
                    />
                  )}
                </FieldReportCard>
              </li>
            ))}
          </ol>
        </>
      )}
      <Pagination
        page={result.page}
        pages={result.pages}
        params={{ ...filters, ...(review ? { tab: result.tab } : {}) }}
      />
    </>
  );
}
