import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { MapCard } from "@/components/map-card";
import { OblastMap, type OblastMapValue } from "@/components/oblast-map";
import { type Actor, scopedOblastId } from "@/lib/auth/permissions";
import type { KindChoice } from "@/lib/figures/figure-names";
import { getOblastCompletion, type OblastCompletion } from "@/lib/geo/oblast-completion";
import { oblastMapShapes } from "@/lib/geo/oblast-geometry";
import { COMPLETION_STEPS } from "@/lib/geo/projection";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { OBLASTS } from "@/lib/reference-data";

/**
 * The four oblasts shaded by completion of the dashboard's kind (its objects / measures / both switch drives the
 * map too, so the map and the cards always count the same projects); on an oblast's own page that oblast is
 * outlined.
 */
export async function MapSection({
  user,
  viewerOblastCode,
  kind,
  highlight,
  completion,
  oblastPath = "/oblasts",
}: {
  user: Actor;
  /** The akimat officer's own oblast (only its page may be opened), null for region-wide roles. */
  viewerOblastCode: string | null;
  kind: KindChoice;
  highlight?: string;
  /** The numbers, when the caller has them (the public view reads them through its cache). */
  completion?: OblastCompletion[];
  /** Where an oblast's link goes: its dashboard (signed in) or its public page. */
  oblastPath?: string;
}) {
  const [t, format, locale, values] = await Promise.all([
    getTranslations(),
    getFormatter(),
    getLocale() as Promise<Locale>,
    completion ?? getOblastCompletion(user, kind),
  ]);
  const scope = scopedOblastId(user) === null ? null : viewerOblastCode;
  const percent = (value: number) => format.number(value / 100, { style: "percent", maximumFractionDigits: 1 });
  const mapValues: (OblastMapValue & { outside: boolean })[] = OBLASTS.map((oblast) => {
    const found = values.find((candidate) => candidate.code === oblast.code);
    // An akimat officer's figures cover their own oblast only: the others are drawn without figures.
    const outside = found === undefined;
    const value = found ?? { total: 0, completed: 0, percent: 0 };
    const name = localizedName(oblast, locale);
    return {
      outside,
      code: oblast.code,
      name: name.replace(/ (облысы|область|oblast|region)$/i, "").replace(/^Западно-Казахстанская$/, "ЗКО"),
      total: value.total,
      completed: value.completed,
      percent: value.percent,
      percentText: percent(value.percent),
      href: scope === null || scope === oblast.code ? `${oblastPath}/${oblast.code}` : null,
      label: outside
        ? `${name}: ${t("oblastMap.outsideScope")}`
        : value.total === 0
          ? `${name}: ${t("oblastMap.none")}`
          : t("oblastMap.linkLabel", {
              oblast: name,
              completed: value.completed,
              total: value.total,
              percent: percent(value.percent),
            }),
    };
  });
  const measure = t(
    kind === "OBJECT" ? "oblastMap.objects" : kind === "MEASURE" ? "oblastMap.measures" : "oblastMap.all",
  );
  const highlighted = OBLASTS.find((oblast) => oblast.code === highlight);
  const table = (
    <table className="min-w-full text-sm" data-testid="oblast-map-table">
      <thead>
        <tr className="text-left">
          <th scope="col" className="px-2 py-1">
            {t("oblastMap.oblast")}
          </th>
          <th scope="col" className="px-2 py-1 text-right">
            {t("oblastMap.total")}
          </th>
          <th scope="col" className="px-2 py-1 text-right">
            {t("oblastMap.completed")}
          </th>
          <th scope="col" className="px-2 py-1 text-right">
            {t("oblastMap.percent")}
          </th>
        </tr>
      </thead>
      <tbody>
        {mapValues.map((value) => (
          <tr
            key={value.code}
            className={`border-t border-slate-200 ${value.code === highlight ? "font-semibold" : ""}`}
          >
            <th scope="row" className="px-2 py-1 text-left font-normal">
              {value.href ? (
                <Link href={value.href} className="text-brand underline">
                  {localizedName(OBLASTS.find((oblast) => oblast.code === value.code)!, locale)}
                </Link>
              ) : (
                localizedName(OBLASTS.find((oblast) => oblast.code === value.code)!, locale)
              )}
            </th>
            {value.outside ? (
              <td colSpan={3} className="px-2 py-1 text-right text-slate-600">
                {t("oblastMap.outsideScope")}
              </td>
            ) : (
              <>
                <td className="px-2 py-1 text-right tabular-nums">{format.number(value.total)}</td>
                <td className="px-2 py-1 text-right tabular-nums">{format.number(value.completed)}</td>
                <td className="px-2 py-1 text-right tabular-nums">
                  {value.total === 0 ? "—" : percent(value.percent)}
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <MapCard
      title={t("oblastMap.title")}
      description={
        t("oblastMap.caption", { measure }) +
        (highlighted ? ` ${t("oblastMap.highlighted", { oblast: localizedName(highlighted, locale) })}` : "")
      }
      table={table}
    >
      <OblastMap
        map={oblastMapShapes()}
        values={mapValues}
        highlight={highlight}
        title={t("oblastMap.title")}
        legendTitle={t("oblastMap.legend")}
        legendLabels={COMPLETION_STEPS.map((step) => `${step.from}–${step.to}%`)}
        attribution={t("oblastMap.attribution")}
      />
    </MapCard>
  );
}
