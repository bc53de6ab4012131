"use client";

import dynamic from "next/dynamic";

// Recharts is the heaviest script of the app: pages load it after their first paint instead of in their first-load
// JavaScript, showing a placeholder of the chart's size meanwhile. The page's numbers are server-rendered anyway.
const placeholder = () => (
  <div className="h-72 animate-pulse rounded-lg border border-slate-200 bg-white" aria-hidden />
);

export const CompletionChart = dynamic(() => import("./completion-chart").then((module) => module.CompletionChart), {
  ssr: false,
  loading: placeholder,
});
export const DeliveryChart = dynamic(() => import("./delivery-chart").then((module) => module.DeliveryChart), {
  ssr: false,
  loading: placeholder,
});
export const ProgressOverTimeChart = dynamic(
  () => import("./progress-over-time-chart").then((module) => module.ProgressOverTimeChart),
  { ssr: false, loading: placeholder },
);
export const StatusByGroupChart = dynamic(
  () => import("./status-by-group-chart").then((module) => module.StatusByGroupChart),
  { ssr: false, loading: placeholder },
);
