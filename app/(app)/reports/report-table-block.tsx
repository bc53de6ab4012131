import { getTranslations } from "next-intl/server";
import { DataTable } from "@/components/data-table";
import { ExportLinks } from "@/components/export-links";
import { formatNumber } from "@/lib/format/format";
import type { Locale } from "@/lib/i18n/locales";
import type { ReportTable } from "@/lib/reports/report-tables";

/**
 * One table of the period report: its title with the row count, its downloads (on screen), the table (scrollable by
 * keyboard, unclipped in print) or a line saying it is empty, and what the caller adds below or beside the links.
 */
export async function ReportTableBlock({
  data,
  count,
  locale,
  params,
  empty,
  links,
  children,
}: {
  data: ReportTable;
  count: number;
  locale: Locale;
  /** The report's query; null in print and for saved reports, which offer no links. */
  params: URLSearchParams | null;
  empty: string;
  /** Links shown before the downloads (e.g. the same rows in the register). */
  links?: React.ReactNode;
  children?: React.ReactNode;
}) {
  const t = await getTranslations();
  return (
    <div className="mb-6" data-testid={`report-table-${data.key}`}>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-base font-semibold">
          {data.title}{" "}
          <span className="text-sm font-normal text-slate-600" data-testid={`report-count-${data.key}`}>
            ({formatNumber(locale, count)})
          </span>
        </h3>
        {params && (
          <span className="no-print flex flex-wrap gap-2 text-sm">
            {links}
            <ExportLinks
              path="/reports/export"
              params={{ ...Object.fromEntries(params), table: data.key }}
              locale={locale}
              labels={{ otherSeparator: t("exports.otherSeparator") }}
            />
          </span>
        )}
      </div>
      {data.rows.length === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <div
          className="report-table overflow-x-auto print:overflow-visible"
          tabIndex={0}
          role="region"
          aria-label={data.title}
        >
          <DataTable head={data.header} rows={data.rows} caption={data.title} />
        </div>
      )}
      {children}
    </div>
  );
}
