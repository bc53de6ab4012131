import { getTranslations } from "next-intl/server";
import { DataTable } from "@/components/data-table";
import { Pagination } from "@/components/pagination";
import { ReportBars } from "@/components/reports/report-bars";
import { ShortList } from "@/components/reports/short-list";
import { formatDate, formatNumber, formatPercent } from "@/lib/format/format";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import type { PeriodFigures, PeriodReport } from "@/lib/reports/period-report";
import { reportTables } from "@/lib/reports/report-tables";
import { BlockersInPeriodSection } from "./blockers-in-period-section";
import { ReportTableBlock } from "./report-table-block";

const SHORT_LIST = 5;
const HEADLINE: (keyof PeriodFigures)[] = [
  "total",
  "completed",
  "inProgress",
  "design",
  "notStarted",
  "paused",
  "overdue",
  "atRisk",
  "stalled",
  "averagePercent",
];

/** Exceptions shown on screen; the rest are in the PDF and the exports. */
const ATTENTION_SCREEN_ROWS = 100;

/**
 * The period report as leadership reads it: page 1 an executive summary (scope, period, headline figures with their
 * change, the completion charts, three short lists), then the tables by oblast and by sector, then the exceptions
 * with their latest comment, then the project-by-project changes as an annex (landscape when printed). Each
 * section's h2 becomes a bookmark of the PDF.
 */
export async function ReportDocument({
  report,
  locale,
  scopeName,
  period,
  params,
}: {
  report: PeriodReport;
  locale: Locale;
  scopeName: string;
  period: string;
  params: URLSearchParams | null;
}) {
  const t = await getTranslations();
  const tables = reportTables(
    report,
    (key, values) => t(key as "reports.title", values as Record<string, string>),
    locale,
  );
  const table = (key: string) => tables.find((candidate) => candidate.key === key)!;
  const number = (value: number) => formatNumber(locale, value);
  const signed = (value: number) => (value > 0 ? `+${number(value)}` : value === 0 ? "±0" : number(value));
  const headlineRows = HEADLINE.map((key) => {
    const percent = key === "averagePercent";
    const show = (value: number) => (percent ? formatPercent(locale, value) : number(value));
    const change = Math.round((report.end[key] - report.start[key]) * 10) / 10;
    return [
      t(percent ? "dashboard.averageCompletion" : `figures.label.${key}`),
      show(report.start[key]),
      show(report.end[key]),
      percent ? `${signed(change)} ${t("periodReport.points")}` : signed(change),
    ];
  });
  const horizonName = (code: string) => (code === "none" ? t("horizon.none") : code);
  const more = (count: number) =>
    count > SHORT_LIST ? t("periodReport.andMore", { count: count - SHORT_LIST }) : null;
  const name = (project: { nameKk: string; nameRu: string | null; nameEn: string | null }) =>
    localizedName(project, locale);
  const filters = [
    t(`figures.kind.${report.query.kind}`),
    report.query.horizons.length ? report.query.horizons.map(horizonName).join(", ") : t("periodReport.allHorizons"),
    report.query.sectors.length
      ? t("periodReport.sectorsChosen", { count: report.query.sectors.length })
      : t("periodReport.allSectors"),
  ].join(" · ");

  const tableSection = (key: string, options: { note?: string; screenRows?: number; total?: number } = {}) => {
    const whole = table(key);
    // On screen (params set) a long table shows its first rows: at 100k the exceptions were 500 rows, a fifth of a
    // megabyte of HTML the phone had to parse and hydrate. The PDF (params null) and the exports keep every row.
    const cut = params !== null && options.screenRows !== undefined && whole.rows.length > options.screenRows;
    const data = cut ? { ...whole, rows: whole.rows.slice(0, options.screenRows) } : whole;
    return (
      <ReportTableBlock
        data={data}
        count={key === "changes" ? report.changesTotal : (options.total ?? whole.rows.length)}
        locale={locale}
        params={params}
        empty={t("reports.emptyTable")}
      >
        {key === "changes" && report.pages > 1 && params && (
          <div className="no-print" data-testid="changes-pagination">
            <Pagination page={report.page} pages={report.pages} params={Object.fromEntries(params)} />
            <p className="mt-1 text-xs text-slate-600">{t("reportPaging.exportHasAll")}</p>
          </div>
        )}
        {cut && (
          <p className="no-print mt-2 text-xs text-slate-600" data-testid={`${key}-first-rows`}>
            {t("reportPaging.firstRows", { shown: data.rows.length, listed: whole.rows.length })}
          </p>
        )}
        {options.total !== undefined && options.total > whole.rows.length && (
          <p className="mt-2 text-xs text-slate-600" data-testid={`${key}-listed`}>
            {t("reportPaging.listedOf", { listed: whole.rows.length, total: options.total })}
          </p>
        )}
        {options.note && (
          <p className="mt-2 text-xs text-slate-600" data-testid={`${key}-note`}>
            {options.note}
          </p>
        )}
      </ReportTableBlock>
    );
  };

  return (
    <div className="period-report">
      <section
        id="summary"
        className="mb-6 rounded-lg border border-slate-200 bg-white p-4 print:rounded-none print:border-0 print:p-0"
        data-testid="report-summary"
      >
        <h2 className="text-lg font-semibold">{t("periodReport.summary")}</h2>
        <p className="mb-3 text-sm text-slate-700">
          {scopeName} · {period} · {filters}
        </p>
        <div className="grid gap-4 lg:grid-cols-2 print:grid-cols-2">
          {/* Scrolls sideways on a phone: reachable by keyboard, named for screen readers. */}
          <div
            className="overflow-x-auto print:overflow-visible"
            tabIndex={0}
            role="region"
            aria-label={t("reports.figures")}
          >
            <DataTable
              head={["", t("reports.atStart"), t("reports.atEnd"), t("periodReport.change")]}
              rows={[
                ...headlineRows,
                [t("periodReport.openBlockers"), "", number(report.openBlockers.total), ""],
                ...(report.blockersInPeriod
                  ? [
                      [t("periodBlockers.raisedCount"), "", "", number(report.blockersInPeriod.raised.total)],
                      [t("periodBlockers.resolvedCount"), "", "", number(report.blockersInPeriod.resolved.total)],
                    ]
                  : []),
              ]}
              caption={t("reports.figures")}
            />
          </div>
          <div className="grid gap-3">
            <ReportBars
              title={t("dashboard.completionByOblast")}
              bars={report.byOblast.map((row) => ({ ...row, name: localizedName(row, locale) }))}
              legend={{ average: t("periodReport.averageBar"), completed: t("periodReport.completedBar") }}
              valueText={(bar) => formatPercent(locale, bar.averagePercent)}
            />
            <ReportBars
              title={t("periodReport.completionByHorizon")}
              bars={report.byHorizon.map((row) => ({ ...row, name: horizonName(row.code) }))}
              legend={{ average: t("periodReport.averageBar"), completed: t("periodReport.completedBar") }}
              valueText={(bar) => formatPercent(locale, bar.averagePercent)}
            />
          </div>
        </div>
        <div className="mt-4 grid gap-4 text-sm md:grid-cols-3 print:grid-cols-3">
          <ShortList
            testId="summary-completed"
            title={t("reports.completedInPeriod", { count: report.completedTotal })}
            empty={t("reports.noneCompleted")}
            items={report.completedInPeriod.slice(0, SHORT_LIST).map((project) => ({
              key: project.code,
              code: project.code,
              text: name(project),
            }))}
            more={more(report.completedTotal)}
          />
          <ShortList
            testId="summary-turned"
            title={t("periodReport.turned", { count: report.turned.length })}
            empty={t("periodReport.noneTurned")}
            items={report.turned.slice(0, SHORT_LIST).map((project) => ({
              key: project.code,
              code: project.code,
              text: name(project),
              detail: [
                project.turnedRed ? t("periodReport.turnedRed") : null,
                project.becameOverdue ? t("periodReport.becameOverdue") : null,
              ]
                .filter(Boolean)
                .join(", "),
            }))}
            more={more(report.turned.length)}
          />
          <ShortList
            testId="summary-blockers"
            title={t("periodReport.topBlockers", { count: report.openBlockers.total })}
            empty={t("periodReport.noneBlockers")}
            items={report.openBlockers.top.map((blocker, index) => ({
              key: `${blocker.code}-${index}`,
              code: blocker.code,
              text: blocker.description.length > 90 ? `${blocker.description.slice(0, 89)}…` : blocker.description,
              detail: [
                t(`schedule.escalations.${blocker.escalation}`),
                blocker.dueDate ? t("periodReport.due", { date: formatDate(locale, blocker.dueDate) }) : null,
              ]
                .filter(Boolean)
                .join(", "),
            }))}
            more={more(report.openBlockers.total)}
          />
        </div>
      </section>

      <section
        id="tables"
        className="mb-6 rounded-lg border border-slate-200 bg-white p-4 print:break-before-page print:break-inside-auto print:rounded-none print:border-0 print:p-0"
      >
        <h2 className="mb-3 text-lg font-semibold">{t("periodReport.tables")}</h2>
        {tableSection("oblasts", { note: `* ${t("figures.interOblastNote")}` })}
        {tableSection("sectors")}
      </section>

      <section
        id="exceptions"
        className="mb-6 rounded-lg border border-slate-200 bg-white p-4 print:break-inside-auto print:rounded-none print:border-0 print:p-0"
      >
        <h2 className="mb-3 text-lg font-semibold">{t("periodReport.exceptions")}</h2>
        {tableSection("attention", {
          screenRows: ATTENTION_SCREEN_ROWS,
          total: report.attentionTotal ?? report.attention.length,
        })}
      </section>

      <BlockersInPeriodSection report={report} tables={tables} locale={locale} params={params} />

      <section
        id="annex"
        className="report-wide mb-6 rounded-lg border border-slate-200 bg-white p-4 print:break-before-page print:break-inside-auto print:rounded-none print:border-0 print:p-0"
      >
        <h2 className="mb-3 text-lg font-semibold">{t("periodReport.annex")}</h2>
        {tableSection("changes")}
      </section>
    </div>
  );
}
