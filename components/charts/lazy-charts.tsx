// The charts pages use. Rendered on the server (no "use client"): each is a card with its title, its table view and a
// frame of the chart's final height holding a server-drawn SVG of the chart, readable at first paint; the frame
// swaps in the interactive Recharts chart when it comes into view (chart-frame.tsx). Nothing moves when it does.
import { useTranslations } from "next-intl";
import { PROJECT_STATUSES } from "@/lib/reference-data";
import { AVERAGE_COLOR, DONE_COLOR, PLANNED_COLOR, STATUS_COLORS } from "@/lib/status-palette";
import { ChartCard } from "./chart-card";
import { ChartFrame } from "./chart-frame";
import {
  completionChartHeight,
  DELIVERY_CHART_HEIGHT,
  OVER_TIME_CHART_HEIGHT,
  statusChartHeight,
} from "./chart-geometry";
import type { CompletionGroup } from "./completion-chart";
import type { DeliveryGroup } from "./delivery-chart";
import type { MonthPoint } from "./progress-over-time-chart";
import type { StatusGroup } from "./status-by-group-chart";
import { staticColumnChart, staticStackedRowChart, staticTimeChart } from "./static-charts";

export type { CompletionGroup, DeliveryGroup, MonthPoint, StatusGroup };

/** Average completion and the share of completed projects for each oblast, district, horizon or sector. */
export function CompletionChart({
  title,
  groups,
  groupLabel,
}: {
  title: string;
  groups: CompletionGroup[];
  groupLabel: string;
}) {
  const t = useTranslations("dashboard");
  const data = groups.map((group) => ({
    ...group,
    completedShare: group.total === 0 ? 0 : Math.round((group.completed / group.total) * 1000) / 10,
  }));
  const height = completionChartHeight(data.length);
  const table = {
    head: [groupLabel, t("total"), t("completed"), t("completedShare"), t("averageCompletion")],
    rows: data.map((group) => [
      group.name,
      group.total,
      group.completed,
      `${group.completedShare}%`,
      `${group.averagePercent}%`,
    ]),
  };
  return (
    <ChartCard title={title} table={table}>
      <ChartFrame height={height} plot={{ kind: "completion", props: { groups: data } }}>
        <StaticChartImage
          svg={staticColumnChart({
            height,
            categories: data.map((group) => group.name),
            series: [
              {
                name: t("averageCompletion"),
                color: AVERAGE_COLOR,
                values: data.map((group) => group.averagePercent),
              },
              {
                name: t("completedShare"),
                color: STATUS_COLORS.COMPLETED,
                values: data.map((group) => group.completedShare),
              },
            ],
            maxValue: 100,
            unit: "%",
            slantedLabels: data.length > 5,
          })}
        />
      </ChartFrame>
    </ChartCard>
  );
}

/** Planned against delivered quantity (road km, railway km, MW, school places) per horizon. */
export function DeliveryChart({ title, unit, groups }: { title: string; unit: string; groups: DeliveryGroup[] }) {
  const t = useTranslations("dashboard");
  const table = {
    head: [t("horizon"), `${t("planned")}, ${unit}`, `${t("done")}, ${unit}`],
    rows: groups.map((group) => [group.horizon, group.planned, group.done]),
  };
  return (
    <ChartCard title={title} table={table}>
      <ChartFrame height={DELIVERY_CHART_HEIGHT} plot={{ kind: "delivery", props: { unit, groups } }}>
        <StaticChartImage
          svg={staticColumnChart({
            height: DELIVERY_CHART_HEIGHT,
            categories: groups.map((group) => group.horizon),
            series: [
              { name: t("planned"), color: PLANNED_COLOR, values: groups.map((group) => group.planned) },
              { name: t("done"), color: DONE_COLOR, values: groups.map((group) => group.done) },
            ],
          })}
        />
      </ChartFrame>
    </ChartCard>
  );
}

/** Projects completed and average completion at each month's end, from the progress history. */
export function ProgressOverTimeChart({ title, points }: { title: string; points: MonthPoint[] }) {
  const t = useTranslations("dashboard");
  const table = {
    head: [t("month"), t("completed"), t("averageCompletion")],
    rows: points.map((point) => [point.month, point.completed, `${point.averagePercent}%`]),
  };
  return (
    <ChartCard title={title} table={table}>
      <ChartFrame
        height={OVER_TIME_CHART_HEIGHT}
        plot={points.length === 0 ? null : { kind: "overTime", props: { points } }}
      >
        {points.length === 0 ? (
          <p className="py-8 text-center text-sm text-slate-600">{t("noHistoryYet")}</p>
        ) : (
          <StaticChartImage
            svg={staticTimeChart({
              height: OVER_TIME_CHART_HEIGHT,
              labels: points.map((point) => point.month),
              counts: {
                name: t("completed"),
                color: STATUS_COLORS.COMPLETED,
                values: points.map((point) => point.completed),
              },
              percents: {
                name: t("averageCompletion"),
                color: AVERAGE_COLOR,
                values: points.map((point) => point.averagePercent),
              },
            })}
          />
        )}
      </ChartFrame>
    </ChartCard>
  );
}

/** Stacked bars of project counts per status for each group (sector or category); a bar opens the filtered list. */
export function StatusByGroupChart({
  title,
  groups,
  filterKey,
  baseQuery,
  listPath,
}: {
  title: string;
  groups: StatusGroup[];
  filterKey: "sector" | "category";
  baseQuery: Record<string, string>;
  listPath?: string;
}) {
  const t = useTranslations();
  const height = statusChartHeight(groups.length);
  const table = {
    head: [t("projects.category"), ...PROJECT_STATUSES.map((status) => t(`statuses.${status}`))],
    rows: groups.map((group) => [group.name, ...PROJECT_STATUSES.map((status) => group[status])]),
  };
  return (
    <ChartCard title={title} table={table}>
      <ChartFrame
        height={height}
        plot={{ kind: "statusByGroup", props: { groups, filterKey, baseQuery, ...(listPath ? { listPath } : {}) } }}
      >
        <StaticChartImage
          svg={staticStackedRowChart({
            height,
            categories: groups.map((group) => group.name),
            series: PROJECT_STATUSES.map((status) => ({
              name: t(`statuses.${status}`),
              color: STATUS_COLORS[status],
              values: groups.map((group) => group[status]),
            })),
          })}
        />
      </ChartFrame>
    </ChartCard>
  );
}

/** The server-drawn picture of a chart (static-charts.ts), placed as markup: it is copied into the page, not rendered. */
function StaticChartImage({ svg }: { svg: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the SVG is built by static-charts.ts, every text escaped
  return <div className="h-full" dangerouslySetInnerHTML={{ __html: svg }} />;
}
