import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { ExportLinks } from "@/components/export-links";
import { FieldReportBulkAccept } from "@/components/field-report-bulk-accept";
import { FieldReportCard } from "@/components/field-report-card";
import { FieldReportReview } from "@/components/field-report-review";
import { ListFilters } from "@/components/list-filters";
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
      <ListFilters
        hidden={review ? { tab: result.tab } : {}}
        resetHref={review ? tabHref(result.tab) : "?"}
        fields={[
          ...(review
            ? [
                {
                  name: "oblast",
                  label: t("project.oblasts"),
                  value: query.oblast,
                  options: OBLASTS.map((oblast) => ({ value: oblast.code, label: localizedName(oblast, locale) })),
                },
              ]
            : []),
          {
            name: "sector",
            label: t("progressChange.queue.sector"),
            value: query.sector,
            options: SECTORS.map((sector) => ({ value: sector.code, label: localizedName(sector, locale) })),
          },
          {
            name: "olderThan",
            label: t("progressChange.queue.age"),
            value: query.olderThan,
            options: (["3", "7", "30"] as const).map((days) => ({
              value: days,
              label: t("progressChange.queue.olderThan", { days: Number(days) }),
            })),
          },
        ]}
      />
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
