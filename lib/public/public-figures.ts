import "server-only";
import {
  type DashboardFilter,
  getCompletionByHorizon,
  getCompletionByPlace,
  getFigures,
  getPhysicalDelivery,
  getProgressOverTime,
  getStatusBySector,
} from "../dashboard/dashboard";
import type { KindChoice } from "../figures/figure-names";
import { getOblastCompletion } from "../geo/oblast-completion";
import { PUBLIC_READER, publicAnswer } from "./public-cache";

// The public view's figures and charts: the signed-in dashboard's own functions (one definition per figure,
// the roll-ups), read for the whole region as a region-wide user would, and kept by the data version. So every
// number on /public equals the number a signed-in manager sees on the dashboard for the same view.

/** The public view's choice: the region or one oblast, objects, measures or both. Sector views are not public. */
export type PublicFilter = Pick<DashboardFilter, "oblastCode" | "kind">;

const keyOf = (name: string, filter: PublicFilter) => `${name}:${filter.oblastCode ?? "-"}:${filter.kind ?? "ALL"}`;
const plain = (filter: PublicFilter): DashboardFilter => ({
  ...(filter.oblastCode ? { oblastCode: filter.oblastCode } : {}),
  ...(filter.kind ? { kind: filter.kind } : {}),
});

/** The headline counts. Only what public fields decide is shown (see publicFigureKeys); the rest is not returned. */
export async function getPublicFigures(filter: PublicFilter) {
  return publicAnswer(keyOf("figures", filter), async () => {
    const figures = await getFigures(PUBLIC_READER, plain(filter));
    return {
      total: figures.total,
      notStarted: figures.notStarted,
      design: figures.design,
      inProgress: figures.inProgress,
      completed: figures.completed,
      paused: figures.paused,
      cancelled: figures.cancelled,
      averagePercent: figures.averagePercent,
      completionByCount: figures.completionByCount,
      weighted: figures.weighted,
    };
  });
}
export type PublicFigures = Awaited<ReturnType<typeof getPublicFigures>>;

/** The status figures the public view shows: each is a public field's count. */
export const PUBLIC_FIGURE_KEYS = ["notStarted", "design", "inProgress", "completed", "paused", "cancelled"] as const;

export const getPublicStatusBySector = (filter: PublicFilter) =>
  publicAnswer(keyOf("statusBySector", filter), () => getStatusBySector(PUBLIC_READER, plain(filter)));
export const getPublicCompletionByPlace = (filter: PublicFilter) =>
  publicAnswer(keyOf("completionByPlace", filter), () => getCompletionByPlace(PUBLIC_READER, plain(filter)));
export const getPublicCompletionByHorizon = (filter: PublicFilter) =>
  publicAnswer(keyOf("completionByHorizon", filter), () => getCompletionByHorizon(PUBLIC_READER, plain(filter)));
export const getPublicProgressOverTime = (filter: PublicFilter) =>
  publicAnswer(keyOf("overTime", filter), () => getProgressOverTime(PUBLIC_READER, plain(filter)));
export const getPublicPhysicalDelivery = (filter: PublicFilter) =>
  publicAnswer(keyOf("delivery", filter), () => getPhysicalDelivery(PUBLIC_READER, plain(filter)));
export const getPublicOblastCompletion = (kind: KindChoice) =>
  publicAnswer(`map:${kind}`, () => getOblastCompletion(PUBLIC_READER, kind));
