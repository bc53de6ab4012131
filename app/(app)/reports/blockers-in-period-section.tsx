import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { formatNumber } from "@/lib/format/format";
import type { Locale } from "@/lib/i18n/locales";
import type { PeriodReport } from "@/lib/reports/period-report";
import type { ReportTable } from "@/lib/reports/report-tables";
import { ReportTableBlock } from "./report-table-block";

/**
 * The blockers raised and resolved in the period: its own section of the report (its h2 is a bookmark of the PDF),
 * two tables with their downloads and, on screen, a link to the same blockers in the register (whose counts these
 * are, for the same days and scope).
 */
export async function BlockersInPeriodSection({
  report,
  tables,
  locale,
  params,
}: {
  report: PeriodReport;
  /** The report's tables (lib/reports/report-tables.ts): this section shows blockersRaised and blockersResolved. */
  tables: ReportTable[];
  locale: Locale;
  params: URLSearchParams | null;
}) {
  const t = await getTranslations();
  const { query } = report;
  // The register filters by one oblast, one sector and a kind, not by horizon: a link only where it shows the same.
  const registerHref = (period: "raised" | "resolved") =>
    query.horizons.length > 0 || query.sectors.length > 1
      ? null
      : `/blockers?${new URLSearchParams({
          state: "all",
          period,
          from: query.from,
          to: query.to,
          ...(query.scope === "region" ? {} : { oblast: query.scope }),
          ...(query.sectors.length === 1 ? { sector: query.sectors[0]! } : {}),
          ...(query.kind === "ALL" ? {} : { kind: query.kind }),
        })}`;
  const block = (key: "blockersRaised" | "blockersResolved", empty: string, href: string | null) => {
    const data = tables.find((table) => table.key === key)!;
    const total = data.total ?? data.rows.length;
    return (
      <ReportTableBlock
        data={data}
        count={total}
        locale={locale}
        params={params}
        empty={empty}
        links={
          href && (
            <Link href={href} className="text-brand underline" data-testid={`register-link-${key}`}>
              {t("periodBlockers.inRegister")}
            </Link>
          )
        }
      >
        {total > data.rows.length && (
          <p className="mt-1 text-xs text-slate-600">
            {t("periodBlockers.firstRows", { shown: formatNumber(locale, data.rows.length) })}
          </p>
        )}
      </ReportTableBlock>
    );
  };
  return (
    <section
      id="blockers"
      className="report-wide mb-6 rounded-lg border border-slate-200 bg-white p-4 print:break-before-page print:break-inside-auto print:rounded-none print:border-0 print:p-0"
      data-testid="report-blockers-in-period"
    >
      <h2 className="mb-3 text-lg font-semibold">{t("periodBlockers.title")}</h2>
      {block("blockersRaised", t("periodBlockers.noneRaised"), registerHref("raised"))}
      {block("blockersResolved", t("periodBlockers.noneResolved"), registerHref("resolved"))}
    </section>
  );
}
