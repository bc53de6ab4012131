import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { EvidenceGallery } from "@/components/evidence-gallery";
import { FieldReportBulkAccept } from "@/components/field-report-bulk-accept";
import { FieldReportReview } from "@/components/field-report-review";
import { Pagination } from "@/components/pagination";
import { StatusBadge } from "@/components/status-badge";
import { requireUser } from "@/lib/auth/current-user";
import { evidenceForFieldReports } from "@/lib/evidence/read-evidence";
import { listFieldReports } from "@/lib/field-reports/field-reports";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { acceptFieldReportAction, acceptFieldReportsAction, rejectFieldReportAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("fieldReports"))("title") };
}

export default async function FieldReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const pageParam = Number((await searchParams).page);
  const page = Number.isInteger(pageParam) && pageParam > 0 && pageParam < 100_000 ? pageParam : 1;
  const result = await listFieldReports(user, { page });
  if (!result) forbidden();
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale() as Promise<Locale>]);
  const evidence = await evidenceForFieldReports(
    user,
    result.reports.map((report) => report.id),
    locale,
  );
  return (
    <>
      <h1 className="text-2xl font-bold">{t("fieldReports.title")}</h1>
      <p className="mb-4 text-sm text-slate-600">
        {result.mode === "review" ? t("fieldReports.reviewQueue") : t("fieldReports.myReports")}
      </p>
      {result.reports.length === 0 ? (
        <EmptyState title={result.mode === "review" ? t("fieldReports.emptyQueue") : t("fieldReports.empty")} />
      ) : (
        <>
          {result.mode === "review" && result.reports.length > 1 && (
            <FieldReportBulkAccept
              reportIds={result.reports.map((report) => report.id)}
              accept={acceptFieldReportsAction}
            />
          )}
          <ol className="space-y-3">
            {result.reports.map((report) => (
              <li
                key={report.id}
                className="rounded-lg border border-slate-200 bg-white p-4"
                data-testid="field-report"
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <Link href={`/projects/${report.project.code}`} className="font-semibold text-brand hover:underline">
                    <span className="font-mono text-xs">{report.project.code}</span>{" "}
                    {localizedName(report.project, locale)}
                  </Link>
                  <span className="text-sm text-slate-600">{t(`fieldReports.states.${report.state}`)}</span>
                </div>
                <p className="mt-1 text-sm text-slate-600">
                  {t("fieldReports.submittedBy")}: {report.submittedBy.name} ·{" "}
                  {format.dateTime(report.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </p>
                <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
                  <span className="font-semibold">{t("fieldReports.proposed")}:</span>
                  <StatusBadge status={report.status} />
                  <span className="tabular-nums">{report.percentComplete}%</span>
                  {report.quantityDone !== null && report.project.unit && (
                    <span className="tabular-nums">
                      {format.number(report.quantityDone)} {t(`units.${report.project.unit}` as "units.km")}
                    </span>
                  )}
                  <span>
                    {t("progress.asOf")}: {format.dateTime(report.asOf, { dateStyle: "medium", timeZone: "UTC" })}
                  </span>
                </div>
                <p className="mt-2 whitespace-pre-line text-sm">{report.comment}</p>
                {evidence[report.id] && <EvidenceGallery files={evidence[report.id] ?? []} />}
                {report.evidenceUrl && (
                  <a
                    href={report.evidenceUrl}
                    rel="noopener noreferrer nofollow"
                    target="_blank"
                    className="text-sm text-brand underline"
                  >
                    {t("history.evidence")}
                  </a>
                )}
                {report.rejectionReason && (
                  <p className="mt-2 text-sm text-red-800">
                    {t("fieldReports.rejectionReason", { reason: report.rejectionReason })}
                  </p>
                )}
                {report.reviewedBy && (
                  <p className="text-xs text-slate-600">
                    {t("fieldReports.reviewedBy", { name: report.reviewedBy.name })}
                  </p>
                )}
                {result.mode === "review" && (
                  <FieldReportReview
                    reportId={report.id}
                    accept={acceptFieldReportAction}
                    reject={rejectFieldReportAction}
                  />
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      <Pagination page={result.page} pages={result.pages} params={{}} />
    </>
  );
}
