import { useTranslations } from "next-intl";
import { formatNumber, formatPercent } from "@/lib/format/format";
import type { Locale } from "@/lib/i18n/locales";

type Props = {
  locale: Locale;
  completionByCount: number;
  averagePercent: number;
  /** Physical delivery (road km, railway km, MW…): done against planned. */
  weighted: { key: string; planned: number; done: number }[];
};

/** The completion tiles under the figure cards: by count, the average percent, and physical delivery per measure. */
export function CompletionTiles({ locale, completionByCount, averagePercent, weighted }: Props) {
  const t = useTranslations();
  const units: Record<string, string> = { roadKm: t("units.km"), railwayKm: t("units.km"), powerMw: t("units.MW") };
  return (
    <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-600">{t("dashboard.completionByCount")}</p>
        <p className="mt-1 text-2xl font-bold tabular-nums" data-testid="figure-completionByCount">
          {formatPercent(locale, completionByCount)}
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-600">{t("dashboard.averageCompletion")}</p>
        <p className="mt-1 text-2xl font-bold tabular-nums" data-testid="figure-averagePercent">
          {formatPercent(locale, averagePercent)}
        </p>
      </div>
      {weighted.map((measure) => (
        <div key={measure.key} className="rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-sm text-slate-600">
            {t(`dashboard.weighted.${measure.key}` as "dashboard.weighted.roadKm")}
          </p>
          <p className="mt-1 text-2xl font-bold tabular-nums" data-testid={`figure-weighted-${measure.key}`}>
            {measure.planned === 0
              ? t("common.notAvailable")
              : formatPercent(locale, (measure.done / measure.planned) * 100)}
          </p>
          <p className="text-xs text-slate-600">
            {formatNumber(locale, measure.done)} / {formatNumber(locale, measure.planned)} {units[measure.key]}
          </p>
        </div>
      ))}
    </div>
  );
}
