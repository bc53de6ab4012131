"use client";

import { lazy, Suspense, useEffect, useRef, useState } from "react";
import type { CompletionPlotProps } from "./completion-chart";
import type { DeliveryPlotProps } from "./delivery-chart";
import type { ProgressOverTimePlotProps } from "./progress-over-time-chart";
import type { StatusByGroupPlotProps } from "./status-by-group-chart";

// Recharts is the heaviest script of the app. Each plot's code is fetched only when its frame comes near the
// viewport (React.lazy: the import runs on first render of the plot), so a phone that shows the figures and one
// chart does no work for the charts below the fold; until then the frame shows the server-rendered SVG.
const PLOTS = {
  completion: lazy(() => import("./completion-chart").then((module) => ({ default: module.CompletionPlot }))),
  delivery: lazy(() => import("./delivery-chart").then((module) => ({ default: module.DeliveryPlot }))),
  overTime: lazy(() =>
    import("./progress-over-time-chart").then((module) => ({ default: module.ProgressOverTimePlot })),
  ),
  statusByGroup: lazy(() =>
    import("./status-by-group-chart").then((module) => ({ default: module.StatusByGroupPlot })),
  ),
};

export type InteractivePlot =
  | { kind: "completion"; props: CompletionPlotProps }
  | { kind: "delivery"; props: DeliveryPlotProps }
  | { kind: "overTime"; props: ProgressOverTimePlotProps }
  | { kind: "statusByGroup"; props: StatusByGroupPlotProps };

/** How far below the viewport a chart starts loading (a short scroll ahead), in CSS pixels. */
const LOAD_AHEAD = "200px";

function Plot({ plot }: { plot: InteractivePlot }) {
  switch (plot.kind) {
    case "completion":
      return <PLOTS.completion {...plot.props} />;
    case "delivery":
      return <PLOTS.delivery {...plot.props} />;
    case "overTime":
      return <PLOTS.overTime {...plot.props} />;
    case "statusByGroup":
      return <PLOTS.statusByGroup {...plot.props} />;
  }
}

/**
 * A box of the chart's final height: it shows the server-rendered SVG (`children`) and swaps in the interactive
 * chart once the box is near the viewport. The height never changes, so nothing around it moves.
 */
export function ChartFrame({
  height,
  plot,
  children,
}: {
  height: number;
  plot: InteractivePlot | null;
  children: React.ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  const hasPlot = plot !== null;
  useEffect(() => {
    const element = box.current;
    if (!element || !hasPlot) return;
    if (typeof IntersectionObserver === "undefined") {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setVisible(true);
          observer.disconnect();
        }
      },
      { rootMargin: `${LOAD_AHEAD} 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasPlot]);
  return (
    <div
      ref={box}
      style={{ height }}
      className="overflow-hidden"
      data-chart-frame
      data-chart-state={plot === null ? "empty" : visible ? "interactive" : "static"}
    >
      {visible && plot ? (
        <Suspense fallback={children}>
          <Plot plot={plot} />
        </Suspense>
      ) : (
        children
      )}
    </div>
  );
}
