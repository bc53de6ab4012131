import { localizedName, type Locale } from "../i18n/locales";
import { formatDate } from "../format/format";
import { OBLASTS } from "../reference-data";
import type { TReportQuery } from "./report-query";

type Translate = (key: "dashboard.scopeRegion", values?: Record<string, string>) => string;

/** The report's scope in words: the region, or the oblast's name. */
export function reportScopeName(t: Translate, locale: Locale, query: Pick<TReportQuery, "scope">): string {
  return query.scope === "region"
    ? t("dashboard.scopeRegion")
    : localizedName(OBLASTS.find((oblast) => oblast.code === query.scope)!, locale);
}

/** The period in the reader's date style: 01.07.2026 — 30.09.2026. */
export function reportPeriod(locale: Locale, query: Pick<TReportQuery, "from" | "to">): string {
  return `${formatDate(locale, query.from)} — ${formatDate(locale, query.to)}`;
}

/** The running header of every PDF page: what, scope, period, generated when and by whom. */
export function reportFrameHeader(
  t: Translate,
  locale: Locale,
  query: TReportQuery,
  generatedAt: string,
  by: string,
): string {
  const tt = t as unknown as (key: string, values?: Record<string, string>) => string;
  return [
    tt("app.name"),
    tt("reports.title"),
    reportScopeName(t, locale, query),
    reportPeriod(locale, query),
    tt("reports.generated", { at: generatedAt, by }),
  ].join(" · ");
}
