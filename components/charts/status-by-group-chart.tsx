"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { PROJECT_STATUSES, type ProjectStatusCode } from "@/lib/reference-data";
import { STATUS_COLORS } from "@/lib/status-palette";
import { statusChartHeight } from "./chart-geometry";

export type StatusGroup = { code: string; name: string } & Record<ProjectStatusCode, number>;

export type StatusByGroupPlotProps = {
  groups: StatusGroup[];
  filterKey: "sector" | "category";
  baseQuery: Record<string, string>;
  /** The list a bar opens (the public view opens its own). */
  listPath?: string;
};

/** The interactive plot of stacked status bars per group; a bar opens the filtered list. */
export function StatusByGroupPlot({ groups, filterKey, baseQuery, listPath = "/projects" }: StatusByGroupPlotProps) {
  const t = useTranslations();
  const router = useRouter();
  const open = (index: number, status: ProjectStatusCode) => {
    const group = groups[index];
    if (group)
      router.push(`${listPath}?${new URLSearchParams({ ...baseQuery, [filterKey]: group.code, status }).toString()}`);
  };
  return (
    <ResponsiveContainer width="100%" height={statusChartHeight(groups.length)}>
      <BarChart data={groups} layout="vertical" margin={{ left: 8, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Legend />
        {PROJECT_STATUSES.map((status) => (
          <Bar
            key={status}
            isAnimationActive={false}
            dataKey={status}
            name={t(`statuses.${status}`)}
            stackId="status"
            fill={STATUS_COLORS[status]}
            cursor="pointer"
            onClick={(_data, index) => open(index, status)}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
