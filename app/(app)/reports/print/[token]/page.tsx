import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { formatDateTime } from "@/lib/format/format";
import type { Locale } from "@/lib/i18n/locales";
import { heldForPrint } from "@/lib/reports/print-snapshots";
import { reportPeriod, reportScopeName } from "@/lib/reports/report-frame";
import { ReportDocument } from "../../report-document";
import { ReportHeading } from "../../report-heading";

type Params = Promise<{ token: string }>;

/** The title names scope and period: it is the PDF's title. */
export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [{ token }, user, t, locale] = await Promise.all([
    params,
    requireUser(),
    getTranslations(),
    getLocale() as Promise<Locale>,
  ]);
  const report = await heldForPrint(user.id, token);
  if (!report) return { title: t("reports.title") };
  return {
    title: `${t("reports.title")} · ${reportScopeName(t, locale, report.query)} · ${reportPeriod(locale, report.query)}`,
  };
}

/**
 * What the PDF of a report is printed from: the snapshot being saved, held for its owner during the print (see
 * lib/reports/print-snapshots.ts), never the live tables. Anyone else, or a finished print's token: not found.
 */
export default async function ReportPrintPage({ params }: { params: Params }) {
  const [{ token }, user] = await Promise.all([params, requireUser()]);
  const report = await heldForPrint(user.id, token);
  if (!report) notFound();
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  const scopeName = reportScopeName(t, locale, report.query);
  const period = reportPeriod(locale, report.query);
  return (
    <article className="report">
      <ReportHeading
        scopeName={scopeName}
        period={period}
        generated={t("reports.generated", { at: formatDateTime(locale, new Date()), by: user.name })}
      />
      <ReportDocument report={report} locale={locale} scopeName={scopeName} period={period} params={null} />
    </article>
  );
}
