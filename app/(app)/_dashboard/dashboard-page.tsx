import { Suspense } from "react";
import {
  completionChartHeight,
  DELIVERY_CHART_HEIGHT,
  OVER_TIME_CHART_HEIGHT,
  statusChartHeight,
} from "@/components/charts/chart-geometry";
import { ChartSkeleton } from "@/components/charts/chart-skeleton";
import type { Actor } from "@/lib/auth/permissions";
import type { DashboardFilter } from "@/lib/dashboard/dashboard";
import { CATEGORIES, HORIZONS, OBLASTS, SECTORS } from "@/lib/reference-data";
import {
  DeliverySection,
  FiguresSection,
  HorizonSection,
  KindSection,
  MovementSection,
  OverTimeSection,
  PlaceSection,
  SectionSkeleton,
  StatusSection,
} from "./dashboard-sections";

/**
 * The same views for the region, one oblast or one sector. The figures are part of the first paint; each chart
 * streams in when its numbers are ready, into a placeholder of its own size (nothing below moves when it arrives).
 */
export function DashboardWidgets({
  user,
  filter,
  basePath,
  map,
}: {
  user: Actor;
  filter: DashboardFilter;
  basePath: string;
  /** The oblast map, shown after the figures (the figures lead the first screen). */
  map?: React.ReactNode;
}) {
  // The row counts the charts will most likely have (the exact ones come with the numbers): sectors or a sector's
  // categories; oblasts or, within an oblast, its districts (more than five); the horizons and "none".
  const statusRows = filter.sectorCode
    ? CATEGORIES.filter((category) => category.sectorCode === filter.sectorCode).length
    : SECTORS.length;
  const placeRows = filter.oblastCode ? 6 : OBLASTS.length;
  return (
    <div className="space-y-4">
      <KindSection filter={filter} basePath={basePath} />
      <FiguresSection user={user} filter={filter} />
      {map}
      <div className="grid gap-4 xl:grid-cols-2">
        <Suspense fallback={<ChartSkeleton height={statusChartHeight(statusRows)} />}>
          <StatusSection user={user} filter={filter} />
        </Suspense>
        <Suspense fallback={<ChartSkeleton height={completionChartHeight(placeRows)} />}>
          <PlaceSection user={user} filter={filter} />
        </Suspense>
        <Suspense fallback={<ChartSkeleton height={completionChartHeight(HORIZONS.length + 1)} />}>
          <HorizonSection user={user} filter={filter} />
        </Suspense>
        <Suspense fallback={<ChartSkeleton height={OVER_TIME_CHART_HEIGHT} />}>
          <OverTimeSection user={user} filter={filter} />
        </Suspense>
      </div>
      <Suspense
        fallback={
          <div className="grid gap-4 md:grid-cols-2">
            <ChartSkeleton height={DELIVERY_CHART_HEIGHT} />
            <ChartSkeleton height={DELIVERY_CHART_HEIGHT} />
          </div>
        }
      >
        <DeliverySection user={user} filter={filter} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton />}>
        <MovementSection user={user} filter={filter} />
      </Suspense>
    </div>
  );
}
