"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AVERAGE_COLOR, STATUS_COLORS } from "@/lib/status-palette";
import { OVER_TIME_CHART_HEIGHT } from "./chart-geometry";

export type MonthPoint = { month: string; completed: number; averagePercent: number };

export type ProgressOverTimePlotProps = { points: MonthPoint[] };

/** The interactive plot of projects completed and average completion at each month's end. */
export function ProgressOverTimePlot({ points }: ProgressOverTimePlotProps) {
  const t = useTranslations("dashboard");
  return (
    <ResponsiveContainer width="100%" height={OVER_TIME_CHART_HEIGHT}>
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
  );
}
