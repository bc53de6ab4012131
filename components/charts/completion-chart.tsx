"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AVERAGE_COLOR, STATUS_COLORS } from "@/lib/status-palette";
import { completionChartHeight } from "./chart-geometry";

export type CompletionGroup = {
  code: string;
  name: string;
  total: number;
  completed: number;
  averagePercent: number;
  href: string | null;
};

export type CompletionPlotProps = { groups: (CompletionGroup & { completedShare: number })[] };

/** The interactive plot of average completion and completed share per group; a bar opens the group's list. */
export function CompletionPlot({ groups }: CompletionPlotProps) {
  const t = useTranslations("dashboard");
  const router = useRouter();
  const open = (index: number) => {
    const href = groups[index]?.href;
    if (href) router.push(href);
  };
  return (
    <ResponsiveContainer width="100%" height={completionChartHeight(groups.length)}>
      <BarChart data={groups} margin={{ left: 0, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        {/* Many groups (sectors, districts) get slanted labels so none overlap. */}
        <XAxis
          dataKey="name"
          tick={{ fontSize: 12 }}
          interval={0}
          {...(groups.length > 5 ? { angle: -35, textAnchor: "end", height: 90 } : {})}
        />
        <YAxis domain={[0, 100]} unit="%" />
        <Tooltip formatter={(value) => `${value}%`} />
        <Legend />
        <Bar
          isAnimationActive={false}
          dataKey="averagePercent"
          name={t("averageCompletion")}
          fill={AVERAGE_COLOR}
          cursor="pointer"
          onClick={(_data, index) => open(index)}
        />
        <Bar
          isAnimationActive={false}
          dataKey="completedShare"
          name={t("completedShare")}
          fill={STATUS_COLORS.COMPLETED}
          cursor="pointer"
          onClick={(_data, index) => open(index)}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
