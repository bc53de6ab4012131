import { Suspense } from "react";
import type { Actor } from "@/lib/auth/permissions";
import type { DashboardFilter } from "@/lib/dashboard/dashboard";
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

/** The same views for the region, one oblast or one sector: each widget streams in when its numbers are ready. */
export function DashboardWidgets({
  user,
  filter,
  basePath,
}: {
  user: Actor;
  filter: DashboardFilter;
  basePath: string;
}) {
  return (
    <div className="space-y-4">
      <KindSection filter={filter} basePath={basePath} />
      <Suspense fallback={<SectionSkeleton />}>
        <FiguresSection user={user} filter={filter} />
      </Suspense>
      <div className="grid gap-4 xl:grid-cols-2">
        <Suspense fallback={<SectionSkeleton />}>
          <StatusSection user={user} filter={filter} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton />}>
          <PlaceSection user={user} filter={filter} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton />}>
          <HorizonSection user={user} filter={filter} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton />}>
          <OverTimeSection user={user} filter={filter} />
        </Suspense>
      </div>
      <Suspense fallback={<SectionSkeleton />}>
        <DeliverySection user={user} filter={filter} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton />}>
        <MovementSection user={user} filter={filter} />
      </Suspense>
    </div>
  );
}
