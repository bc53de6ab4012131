"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { PROJECT_STATUSES, type ProjectStatusCode } from "@/lib/reference-data";
import { STATUS_COLORS } from "@/lib/status-palette";
import { DataTable } from "../data-table";
import { ChartCard } from "./chart-card";

export type StatusGroup = { code: string; name: string } & Record<ProjectStatusCode, number>;

/** Stacked bars of project counts per status for each group (sector or category); a bar opens the filtered list. */
export function StatusByGroupChart({
  title,
  groups,
  filterKey,
  baseQuery,
}: {
  title: string;
  groups: StatusGroup[];
  filterKey: "sector" | "category";
  baseQuery: Record<string, string>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const open = (index: number, status: ProjectStatusCode) => {
    const group = groups[index];
    if (group)
      router.push(`/projects?${new URLSearchParams({ ...baseQuery, [filterKey]: group.code, status }).toString()}`);
  };
  const table = (
    <DataTable
      head={[t("projects.category"), ...PROJECT_STATUSES.map((status) => t(`statuses.${status}`))]}
      rows={groups.map((group) => [group.name, ...PROJECT_STATUSES.map((status) => group[status])])}
    />
  );
  return (
    <ChartCard title={title} table={table}>
      <ResponsiveContainer width="100%" height={Math.max(260, groups.length * 34 + 80)}>
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
    </ChartCard>
  );
}
