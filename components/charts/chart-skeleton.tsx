// What stands in for a chart card while its numbers stream from the server: the card's border, header and a plot
// area of the chart's own height (chart-geometry.ts), so the card that replaces it takes the same room.
export function ChartSkeleton({ height }: { height: number }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" aria-hidden data-chart-skeleton>
      <div className="mb-2 flex items-start justify-between gap-2">
        <div className="h-6 w-2/3 animate-pulse rounded bg-slate-100" />
        <div className="h-[26px] w-24 rounded border border-slate-200" />
      </div>
      <div className="animate-pulse rounded bg-slate-50" style={{ height }} />
    </div>
  );
}
