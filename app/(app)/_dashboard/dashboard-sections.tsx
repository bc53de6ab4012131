// The dashboard's widgets, shared by the region, oblast and sector dashboards. Each one loads its own numbers
// (SQL aggregates from lib/dashboard) so the page can stream them independently under <Suspense>.
import { CompletionTiles } from "@/components/completion-tiles";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { CompletionChart, ProgressOverTimeChart, StatusByGroupChart } from "@/components/charts/lazy-charts";
import { DeliveryCharts } from "@/components/delivery-charts";
import { FigureCard } from "@/components/figure-card";
import { KindSwitch } from "@/components/kind-switch";
import { ProgressBar } from "@/components/progress-bar";
import { StatusBadge } from "@/components/status-badge";
import type { Actor } from "@/lib/auth/permissions";
import {
  getCompletionByHorizon,
  getCompletionByPlace,
  getFigures,
  getMovement,
  getPhysicalDelivery,
  getProgressOverTime,
  getStatusBySector,
  PHYSICAL_MEASURES,
  type DashboardFilter,
} from "@/lib/dashboard/dashboard";
import { BLOCKER_FIGURES } from "@/lib/figures/blocker-figures";
import { FIGURES, KIND_CHOICES } from "@/lib/figures/figure-names";
import { formatDate, formatNumber } from "@/lib/format/format";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { type BlockerFigureFilter, blockerFigures, blockerListHref } from "@/lib/schedule/blockers";

type Props = { user: Actor; filter: DashboardFilter };
/** The list's URL filters for the projects a dashboard view counts (the same scope, oblast, sector and kind). */
const filterQuery = (filter: DashboardFilter) => ({
  ...(filter.oblastCode ? { oblast: filter.oblastCode } : {}),
  ...(filter.sectorCode ? { sector: filter.sectorCode } : {}),
  ...(filter.kind && filter.kind !== "ALL" ? { kind: filter.kind } : {}),
  ...(filter.mine ? { mine: "1" } : {}),
});
/** The same view as a filter of the blockers register. */
const blockerFilter = (filter: DashboardFilter): BlockerFigureFilter => ({
  oblast: filter.oblastCode,
  sector: filter.sectorCode,
  kind: filter.kind && filter.kind !== "ALL" ? filter.kind : undefined,
  mine: filter.mine ? "1" : undefined,
});
const listHref = (filter: DashboardFilter, extra: Record<string, string> = {}) =>
  `/projects?${new URLSearchParams({ ...filterQuery(filter), ...extra }).toString()}`;

/** Objects, measures or both, for this dashboard's URL. */
export async function KindSection({ filter, basePath }: { filter: DashboardFilter; basePath: string }) {
  const t = await getTranslations();
  return (
    <KindSwitch
      label={t("figures.kind.label")}
      current={filter.kind ?? "ALL"}
      options={KIND_CHOICES.map((kind) => ({
        value: kind,
        label: t(`figures.kind.${kind}`),
        href: `${basePath}?kind=${kind}${filter.mine ? "&mine=1" : ""}`,
      }))}
    />
  );
}

export async function FiguresSection({ user, filter }: Props) {
  const [t, locale, figures, blockers] = await Promise.all([
    getTranslations(),
    getLocale() as Promise<Locale>,
    getFigures(user, filter),
    blockerFigures(user, blockerFilter(filter)),
  ]);
  // Every card opens the list of exactly the projects it counts: the figure's one definition filters the list.
  const tiles = [
    ...(["total", ...FIGURES] as const).map((key) => ({
      key,
      value: figures[key],
      href: key === "total" ? listHref(filter) : listHref(filter, { figure: key }),
      label: t(`figures.label.${key}`),
      definition: t(`figures.definition.${key}`),
    })),
    // The blocker figures (lib/figures/blocker-figures.ts) open the blockers register in the same view.
    ...BLOCKER_FIGURES.map((key) => ({
      key,
      value: key === "openBlockers" ? blockers.open : blockers.overdue,
      href: blockerListHref(key === "openBlockers" ? "open" : "overdue", blockerFilter(filter)),
      label: t(`blockerFigures.label.${key}`),
      definition: t(`blockerFigures.definition.${key}`),
    })),
  ];
  return (
    <section aria-label={t("dashboard.figures")} data-testid="figures">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6">
        {tiles.map((tile) => (
          <FigureCard
            key={tile.key}
            figureKey={tile.key}
            label={tile.label}
            value={formatNumber(locale, tile.value)}
            href={tile.href}
            openListLabel={t("figures.openList")}
            howCountedLabel={t("figures.howCounted")}
            definition={tile.definition}
          />
        ))}
      </div>
      <p className="mt-1 text-xs text-slate-600" data-testid="figures-as-of">
        {t("figures.today", { date: formatDate(locale, todayInKazakhstan()) })}
      </p>
      <CompletionTiles
        locale={locale}
        completionByCount={figures.completionByCount}
        averagePercent={figures.averagePercent}
        weighted={figures.weighted}
      />
    </section>
  );
}

/**
 * A row with its name in the page's language only: the chart's props travel to the browser, and the other two
 * languages' names were a third of them.
 */
function withName<Row extends { nameKk: string; nameRu: string; nameEn: string }>(row: Row, name: string) {
  const { nameKk: _kk, nameRu: _ru, nameEn: _en, ...rest } = row;
  return { ...rest, name };
}

export async function StatusSection({ user, filter }: Props) {
  const [t, locale, rows] = await Promise.all([
    getTranslations(),
    getLocale() as Promise<Locale>,
    getStatusBySector(user, filter),
  ]);
  return (
    <StatusByGroupChart
      title={filter.sectorCode ? t("dashboard.statusByCategory") : t("dashboard.statusBySector")}
      groups={rows.map((row) => withName(row, localizedName(row, locale)))}
      filterKey={filter.sectorCode ? "category" : "sector"}
      baseQuery={filterQuery(filter)}
    />
  );
}

export async function PlaceSection({ user, filter }: Props) {
  const [t, locale, rows] = await Promise.all([
    getTranslations(),
    getLocale() as Promise<Locale>,
    getCompletionByPlace(user, filter),
  ]);
  const byDistrict = Boolean(filter.oblastCode) || user.oblastId !== null;
  const chart = (
    <CompletionChart
      title={byDistrict ? t("dashboard.completionByDistrict") : t("dashboard.completionByOblast")}
      groupLabel={byDistrict ? t("projects.district") : t("projects.oblast")}
      groups={rows.map((row) => ({
        ...withName(row, row.code === "-" ? t("dashboard.noDistrict") : localizedName(row, locale)),
        href: byDistrict
          ? row.code === "-"
            ? null
            : listHref(filter, { district: row.code })
          : `/oblasts/${row.code}`,
      }))}
    />
  );
  if (byDistrict) return chart;
  return (
    <div>
      {chart}
      <p className="mt-1 px-1 text-xs text-slate-600" data-testid="inter-oblast-note">
        * {t("figures.interOblastNote")}
      </p>
    </div>
  );
}

export async function HorizonSection({ user, filter }: Props) {
  const [t, rows] = await Promise.all([getTranslations(), getCompletionByHorizon(user, filter)]);
  return (
    <CompletionChart
      title={t("dashboard.completionByHorizon")}
      groupLabel={t("horizon.label")}
      groups={rows.map((row) => ({
        ...row,
        name: row.code === "none" ? t("horizon.none") : row.code,
        href: listHref(filter, { horizon: row.code }),
      }))}
    />
  );
}

export async function OverTimeSection({ user, filter }: Props) {
  const [t, points] = await Promise.all([getTranslations(), getProgressOverTime(user, filter)]);
  return <ProgressOverTimeChart title={t("dashboard.overTime")} points={points} />;
}

export async function DeliverySection({ user, filter }: Props) {
  return <DeliveryCharts rows={await getPhysicalDelivery(user, filter)} measures={PHYSICAL_MEASURES} />;
}

export async function MovementSection({ user, filter }: Props) {
  const [t, locale, movement] = await Promise.all([
    getTranslations(),
    getLocale() as Promise<Locale>,
    getMovement(user, filter),
  ]);
  const list = (projects: typeof movement.recent, empty: string) =>
    projects.length === 0 ? (
      <p className="text-sm text-slate-600">{empty}</p>
    ) : (
      <ul className="space-y-2">
        {projects.map((project) => (
          <li key={project.code} className="flex flex-wrap items-center gap-2 text-sm">
            <Link href={`/projects/${project.code}`} className="font-mono text-xs text-brand hover:underline">
              {project.code}
            </Link>
            <span className="min-w-0 flex-1 truncate">{localizedName(project, locale)}</span>
            <StatusBadge status={project.status} />
            <ProgressBar percent={project.percentComplete} label={t("projects.columnProgress")} />
            {project.at && (
              <time className="text-xs text-slate-600" dateTime={project.at}>
                {formatDate(locale, todayInKazakhstan(new Date(project.at)))}
              </time>
            )}
          </li>
        ))}
      </ul>
    );
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="recent-heading">
        <h2 id="recent-heading" className="mb-3 text-base font-semibold">
          {t("dashboard.recentlyMoved")}
        </h2>
        {list(movement.recent, t("dashboard.noneMoved"))}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="stalled-heading">
        <h2 id="stalled-heading" className="mb-3 text-base font-semibold">
          {t("dashboard.stalled", { count: movement.stalledCount })}
        </h2>
        {list(movement.stalled, t("dashboard.noneStalled"))}
      </section>
    </div>
  );
}

export function SectionSkeleton() {
  return <div className="h-48 animate-pulse rounded-lg border border-slate-200 bg-white" aria-hidden />;
}
