"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AVERAGE_COLOR, STATUS_COLORS } from "@/lib/status-palette";
import { DataTable } from "../data-table";
import { ChartCard } from "./chart-card";

export type MonthPoint = { month: string; completed: number; averagePercent: number };

/** Projects completed and average completion at each month's end, from the progress history. */
export function ProgressOverTimeChart({ title, points }: { title: string; points: MonthPoint[] }) {
  const t = useTranslations("dashboard");
  const table = (
    <DataTable
      head={[t("month"), t("completed"), t("averageCompletion")]}
      rows={points.map((point) => [point.month, point.completed, `${point.averagePercent}%`])}
    />
  );
  if (points.length === 0) {
    return (
      <ChartCard title={title} table={table}>
        <p className="py-8 text-center text-sm text-slate-600">{t("noHistoryYet")}</p>
      </ChartCard>
    );
  }
  return (
    <ChartCard title={title} table={table}>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={points} margin={{ left: 0, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="count" allowDecimals={false} />
          <YAxis yAxisId="percent" orientation="right" domain={[0, 100]} unit="%" />
          <Tooltip />
          <Legend />
          <Line
            isAnimationActive={false}
            yAxisId="count"
            type="stepAfter"
            dataKey="completed"
            name={t("completed")}
            stroke={STATUS_COLORS.COMPLETED}
            strokeWidth={2}
            dot={false}
          />
          <Line
            isAnimationActive={false}
            yAxisId="percent"
            type="monotone"
            dataKey="averagePercent"
            name={t("averageCompletion")}
            stroke={AVERAGE_COLOR}
            strokeWidth={2}
            strokeDasharray="6 3"
            dot={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
