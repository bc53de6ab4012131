// A horizontal bar chart as plain SVG, drawn on the server: the period report's completion charts, which must
// print (a PDF has no JavaScript) and stay sharp at any zoom. Each bar is a group's average completion, with the
// completed share drawn inside it; the numbers are also written beside each bar, so the chart reads in black and
// white and without colour.

export type ReportBar = { name: string; averagePercent: number; completed: number; total: number };

const WIDTH = 420;
const LABEL = 170;
const ROW = 26;
const BAR = 14;

export function ReportBars({
  title,
  bars,
  legend,
  valueText,
}: {
  title: string;
  bars: ReportBar[];
  legend: { average: string; completed: string };
  valueText: (bar: ReportBar) => string;
}) {
  const plot = WIDTH - LABEL - 70;
  const height = bars.length * ROW + 34;
  return (
    <figure className="break-inside-avoid">
      <figcaption className="mb-1 text-sm font-semibold">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={title} className="max-h-64">
        {[0, 50, 100].map((tick) => (
          <g key={tick}>
            <line
              x1={LABEL + (plot * tick) / 100}
              x2={LABEL + (plot * tick) / 100}
              y1={0}
              y2={bars.length * ROW}
              stroke="#e2e8f0"
            />
            <text
              x={LABEL + (plot * tick) / 100}
              y={bars.length * ROW + 11}
              fontSize={9}
              fill="#64748b"
              textAnchor="middle"
            >
              {tick}%
            </text>
          </g>
        ))}
        {bars.map((bar, index) => {
          const y = index * ROW + (ROW - BAR) / 2;
          const average = (plot * Math.min(100, Math.max(0, bar.averagePercent))) / 100;
          const done = bar.total > 0 ? (plot * bar.completed) / bar.total : 0;
          return (
            <g key={bar.name}>
              <text x={LABEL - 6} y={y + BAR - 3} fontSize={10} fill="#334155" textAnchor="end">
                {bar.name.length > 30 ? `${bar.name.slice(0, 29)}…` : bar.name}
              </text>
              <rect x={LABEL} y={y} width={plot} height={BAR} fill="#f1f5f9" />
              <rect x={LABEL} y={y} width={average} height={BAR} fill="#0f766e" />
              <rect x={LABEL} y={y + BAR - 4} width={done} height={4} fill="#f59e0b" />
              <text x={LABEL + plot + 4} y={y + BAR - 3} fontSize={9} fill="#334155">
                {valueText(bar)}
              </text>
            </g>
          );
        })}
        <g fontSize={9} fill="#334155" transform={`translate(${LABEL}, ${bars.length * ROW + 20})`}>
          <rect x={0} y={0} width={10} height={8} fill="#0f766e" />
          <text x={14} y={8}>
            {legend.average}
          </text>
          <rect x={130} y={4} width={10} height={4} fill="#f59e0b" />
          <text x={144} y={8}>
            {legend.completed}
          </text>
        </g>
      </svg>
    </figure>
  );
}
