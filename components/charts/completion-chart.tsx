"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AVERAGE_COLOR, STATUS_COLORS } from "@/lib/status-palette";
import { DataTable } from "../data-table";
import { ChartCard } from "./chart-card";

export type CompletionGroup = {
  code: string;
  name: string;
  total: number;
  completed: number;
  averagePercent: number;
  href: string | null;
};

/** Average completion and the share of completed projects for each oblast, district or horizon. */
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
  const router = useRouter();
  const data = groups.map((group) => ({
    ...group,
    completedShare: group.total === 0 ? 0 : Math.round((group.completed / group.total) * 1000) / 10,
  }));
  const open = (index: number) => {
    const href = groups[index]?.href;
    if (href) router.push(href);
  };
  const table = (
    <DataTable
      head={[groupLabel, t("total"), t("completed"), t("completedShare"), t("averageCompletion")]}
      rows={data.map((group) => [
        group.name,
        group.total,
        group.completed,
        `${group.completedShare}%`,
        `${group.averagePercent}%`,
      ])}
    />
  );
  return (
    <ChartCard title={title} table={table}>
      <ResponsiveContainer width="100%" height={data.length > 5 ? 340 : 280}>
        <BarChart data={data} margin={{ left: 0, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          {/* Many groups (sectors, districts) get slanted labels so none overlap. */}
          <XAxis
            dataKey="name"
            tick={{ fontSize: 12 }}
            interval={0}
            {...(data.length > 5 ? { angle: -35, textAnchor: "end", height: 90 } : {})}
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
    </ChartCard>
  );
}
