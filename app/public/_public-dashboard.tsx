// The public view of the region or one oblast: the signed-in dashboard's figures, map and charts (the same
// functions and chart components), read through the public cache, linking to the public list and pages.
import { CompletionTiles } from "@/components/completion-tiles";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { MapSection } from "@/app/(app)/_dashboard/map-section";
import { CompletionChart, ProgressOverTimeChart, StatusByGroupChart } from "@/components/charts/lazy-charts";
import { DeliveryCharts } from "@/components/delivery-charts";
import { FigureCard } from "@/components/figure-card";
import { KindSwitch } from "@/components/kind-switch";
import { PHYSICAL_MEASURES } from "@/lib/dashboard/dashboard";
import { KIND_CHOICES, type KindChoice } from "@/lib/figures/figure-names";
import { formatDate, formatNumber } from "@/lib/format/format";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { PUBLIC_READER } from "@/lib/public/public-cache";
import {
  getPublicCompletionByHorizon,
  getPublicCompletionByPlace,
  getPublicFigures,
  getPublicOblastCompletion,
  getPublicPhysicalDelivery,
  getPublicProgressOverTime,
  getPublicStatusBySector,
  PUBLIC_FIGURE_KEYS,
  type PublicFilter,
} from "@/lib/public/public-figures";
import { OBLASTS } from "@/lib/reference-data";

const STATUS_OF = {
  notStarted: "PLANNED",
  design: "DESIGN",
  inProgress: "IN_PROGRESS",
  completed: "COMPLETED",
  paused: "PAUSED",
  cancelled: "CANCELLED",
} as const;

export async function PublicDashboard({
  oblastCode,
  kind,
  basePath,
}: {
  oblastCode?: string;
  kind: KindChoice;
  basePath: string;
}) {
  const filter: PublicFilter = { ...(oblastCode ? { oblastCode } : {}), kind };
  const [t, locale, figures, statusRows, placeRows, horizonRows, points, delivery, completion] = await Promise.all([
    getTranslations(),
    getLocale() as Promise<Locale>,
    getPublicFigures(filter),
    getPublicStatusBySector(filter),
    getPublicCompletionByPlace(filter),
    getPublicCompletionByHorizon(filter),
    getPublicProgressOverTime(filter),
    getPublicPhysicalDelivery(filter),
    getPublicOblastCompletion(kind),
  ]);
  const listQuery: Record<string, string> = {
    ...(oblastCode ? { oblast: oblastCode } : {}),
    ...(kind !== "ALL" ? { kind } : {}),
  };
  const listHref = (extra: Record<string, string> = {}) =>
    `/public/projects?${new URLSearchParams({ ...listQuery, ...extra }).toString()}`;
  const byDistrict = Boolean(oblastCode);
  return (
    <div className="space-y-4">
      <KindSwitch
        label={t("figures.kind.label")}
        current={kind}
        options={KIND_CHOICES.map((choice) => ({
          value: choice,
          label: t(`figures.kind.${choice}`),
          href: `${basePath}?kind=${choice}`,
        }))}
      />
      <section aria-labelledby="public-figures-heading" data-testid="figures">
        <h2 id="public-figures-heading" className="sr-only">
          {t("publicView.figures")}
        </h2>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
          {(["total", ...PUBLIC_FIGURE_KEYS] as const).map((key) => (
            <FigureCard
              key={key}
              figureKey={key}
              label={t(`figures.label.${key}`)}
              value={formatNumber(locale, figures[key])}
              href={key === "total" ? listHref() : listHref({ status: STATUS_OF[key] })}
              openListLabel={t("figures.openList")}
              howCountedLabel={t("figures.howCounted")}
              definition={t(`figures.definition.${key}`)}
            />
          ))}
        </div>
        <p className="mt-1 text-xs text-slate-600" data-testid="figures-as-of">
          {t("publicView.asOf", { date: formatDate(locale, todayInKazakhstan()) })}
        </p>
        <CompletionTiles
          locale={locale}
          completionByCount={figures.completionByCount}
          averagePercent={figures.averagePercent}
          weighted={figures.weighted}
        />
      </section>
      <MapSection
        user={PUBLIC_READER}
        viewerOblastCode={null}
        kind={kind}
        highlight={oblastCode}
        completion={completion}
        oblastPath="/public/oblasts"
      />
      <div className="grid gap-4 xl:grid-cols-2">
        <StatusByGroupChart
          title={t("dashboard.statusBySector")}
          groups={statusRows.map((row) => ({ ...row, name: localizedName(row, locale) }))}
          filterKey="sector"
          baseQuery={listQuery}
          listPath="/public/projects"
        />
        <div>
          <CompletionChart
            title={byDistrict ? t("dashboard.completionByDistrict") : t("dashboard.completionByOblast")}
            groupLabel={byDistrict ? t("projects.district") : t("projects.oblast")}
            groups={placeRows.map((row) => ({
              ...row,
              name: row.code === "-" ? t("dashboard.noDistrict") : localizedName(row, locale),
              href: byDistrict
                ? row.code === "-"
                  ? null
                  : listHref({ district: row.code })
                : `/public/oblasts/${row.code}`,
            }))}
          />
          {!byDistrict && <p className="mt-1 px-1 text-xs text-slate-600">* {t("figures.interOblastNote")}</p>}
        </div>
        <CompletionChart
          title={t("dashboard.completionByHorizon")}
          groupLabel={t("horizon.label")}
          groups={horizonRows.map((row) => ({
            ...row,
            name: row.code === "none" ? t("horizon.none") : row.code,
            href: listHref({ horizon: row.code }),
          }))}
        />
        <ProgressOverTimeChart title={t("dashboard.overTime")} points={points} />
      </div>
      <DeliveryCharts rows={delivery} measures={PHYSICAL_MEASURES} />
      <p>
        <Link href={listHref()} className="font-semibold text-brand underline">
          {oblastCode
            ? t("publicView.projectsOf", {
                oblast: localizedName(OBLASTS.find((oblast) => oblast.code === oblastCode)!, locale),
              })
            : t("publicView.allProjects")}
        </Link>
      </p>
    </div>
  );
}
