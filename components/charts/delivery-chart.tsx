"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DONE_COLOR, PLANNED_COLOR } from "@/lib/status-palette";
import { DataTable } from "../data-table";
import { ChartCard } from "./chart-card";

export type DeliveryGroup = { horizon: string; planned: number; done: number };

/** Planned against delivered quantity (road km, railway km, MW, school places) per horizon. */
export function DeliveryChart({ title, unit, groups }: { title: string; unit: string; groups: DeliveryGroup[] }) {
  const t = useTranslations("dashboard");
  const table = (
    <DataTable
      head={[t("horizon"), `${t("planned")}, ${unit}`, `${t("done")}, ${unit}`]}
      rows={groups.map((group) => [group.horizon, group.planned, group.done])}
    />
  );
  return (
    <ChartCard title={title} table={table}>
      <ResponsiveContainer width="100%" height={220}>
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
    </ChartCard>
  );
}
