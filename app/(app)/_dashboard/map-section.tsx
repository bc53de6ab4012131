import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { MapCard } from "@/components/map-card";
import { OblastMap, type OblastMapValue } from "@/components/oblast-map";
import { type Actor, scopedOblastId } from "@/lib/auth/permissions";
import { getOblastCompletion, type MapKind, type OblastCompletion } from "@/lib/geo/oblast-completion";
import { oblastMapShapes } from "@/lib/geo/oblast-geometry";
import { COMPLETION_STEPS } from "@/lib/geo/projection";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { OBLASTS } from "@/lib/reference-data";

/** `?map=measures` switches the map from capital objects (the default) to programme measures. */
export function parseMapKind(value: string | string[] | undefined): MapKind {
  return value === "measures" ? "measures" : "objects";
}

/** The four oblasts shaded by completion; on an oblast's own page that oblast is outlined. */
export async function MapSection({
  user,
  viewerOblastCode,
  kind,
  highlight,
  basePath,
  completion,
  oblastPath = "/oblasts",
}: {
  user: Actor;
  /** The akimat officer's own oblast (only its page may be opened), null for region-wide roles. */
  viewerOblastCode: string | null;
  kind: MapKind;
  highlight?: string;
  basePath: string;
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
  const mapValues: OblastMapValue[] = OBLASTS.map((oblast) => {
    const value = values.find((candidate) => candidate.code === oblast.code) ?? { total: 0, completed: 0, percent: 0 };
    const name = localizedName(oblast, locale);
    return {
      code: oblast.code,
      name: name.replace(/ (облысы|область|oblast|region)$/i, "").replace(/^Западно-Казахстанская$/, "ЗКО"),
      total: value.total,
      completed: value.completed,
      percent: value.percent,
      percentText: percent(value.percent),
      href: scope === null || scope === oblast.code ? `${oblastPath}/${oblast.code}` : null,
      label:
        value.total === 0
          ? `${name}: ${t("oblastMap.none")}`
          : t("oblastMap.linkLabel", {
              oblast: name,
              completed: value.completed,
              total: value.total,
              percent: percent(value.percent),
            }),
    };
  });
  const measure = t(kind === "objects" ? "oblastMap.objects" : "oblastMap.measures");
  const highlighted = OBLASTS.find((oblast) => oblast.code === highlight);
  const controls = (
    <nav aria-label={t("oblastMap.switchLabel")} className="flex gap-1 text-xs">
      {(["objects", "measures"] as const).map((option) => (
        <Link
          key={option}
          href={option === "objects" ? basePath : `${basePath}?map=measures`}
          aria-current={option === kind ? "true" : undefined}
          scroll={false}
          className={`rounded border px-2 py-1 ${option === kind ? "border-brand bg-brand text-white" : "border-slate-300 hover:border-brand"}`}
        >
          {t(option === "objects" ? "oblastMap.switchObjects" : "oblastMap.switchMeasures")}
        </Link>
      ))}
    </nav>
  );
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
            <td className="px-2 py-1 text-right tabular-nums">{format.number(value.total)}</td>
            <td className="px-2 py-1 text-right tabular-nums">{format.number(value.completed)}</td>
            <td className="px-2 py-1 text-right tabular-nums">{value.total === 0 ? "—" : percent(value.percent)}</td>
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
      controls={controls}
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
