"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DONE_COLOR, PLANNED_COLOR } from "@/lib/status-palette";
import { DELIVERY_CHART_HEIGHT } from "./chart-geometry";

export type DeliveryGroup = { horizon: string; planned: number; done: number };

export type DeliveryPlotProps = { unit: string; groups: DeliveryGroup[] };

/** The interactive plot of planned against delivered quantity per horizon. */
export function DeliveryPlot({ unit, groups }: DeliveryPlotProps) {
  const t = useTranslations("dashboard");
  return (
    <ResponsiveContainer width="100%" height={DELIVERY_CHART_HEIGHT}>
      <BarChart data={groups} margin={{ left: 0, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="horizon" />
        <YAxis />
        <Tooltip formatter={(value) => `${value} ${unit}`} />
        <Legend />
        <Bar isAnimationActive={false} dataKey="planned" name={t("planned")} fill={PLANNED_COLOR} />
        <Bar isAnimationActive={false} dataKey="done" name={t("done")} fill={DONE_COLOR} />
      </BarChart>
    </ResponsiveContainer>
  );
}
