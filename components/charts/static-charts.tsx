// Charts as plain SVG, drawn on the server: the first paint of a dashboard or report shows every chart's shape
// before any chart code has loaded (and on a phone, charts below the fold never load Recharts at all). No hooks, no
// browser APIs: these render in Server Components. The SVG keeps a fixed coordinate system scaled into the chart's
// frame, whose height comes from chart-geometry.ts like the interactive chart's, so swapping one for the other moves
// nothing. The numbers themselves are in each chart's table view; the card around the SVG names the chart.
import { STATIC_CHART_WIDTH } from "./chart-geometry";

export type StaticSeries = { name: string; color: string; values: number[]; dashed?: boolean };

const WIDTH = STATIC_CHART_WIDTH;
const FONT = 12;
const AXIS_COLOR = "#64748b";
const GRID_COLOR = "#e2e8f0";
const TEXT_COLOR = "#334155";

/** A round axis maximum and its ticks (0 … max in 4–5 steps). */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough)!;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step / 2; tick += step) ticks.push(Math.round(tick * 1e6) / 1e6);
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

const shorten = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);
const textWidth = (text: string) => text.length * FONT * 0.58;
const formatTick = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/** The legend under the plot, centred like Recharts' (wraps onto a second line when needed). */
function Legend({ series, y }: { series: StaticSeries[]; y: number }) {
  const items = series.map((entry) => ({ ...entry, width: 14 + 6 + textWidth(entry.name) + 16 }));
  const lines: (typeof items)[] = [[]];
  let used = 0;
  for (const item of items) {
    if (used + item.width > WIDTH - 16 && lines[lines.length - 1]!.length > 0) {
      lines.push([]);
      used = 0;
    }
    lines[lines.length - 1]!.push(item);
    used += item.width;
  }
  return (
    <g fontSize={FONT} fill={TEXT_COLOR}>
      {lines.map((line, lineIndex) => {
        const total = line.reduce((sum, item) => sum + item.width, 0);
        let x = (WIDTH - total) / 2;
        const lineY = y + lineIndex * 18;
        return line.map((item) => {
          const itemX = x;
          x += item.width;
          return (
            <g key={item.name}>
              <rect x={itemX} y={lineY - 10} width={14} height={10} fill={item.color} />
              <text x={itemX + 20} y={lineY}>
                {item.name}
              </text>
            </g>
          );
        });
      })}
    </g>
  );
}

const legendHeight = (series: StaticSeries[]) => {
  const total = series.reduce((sum, entry) => sum + 36 + textWidth(entry.name), 0);
  return total > WIDTH - 16 ? 44 : 26;
};

function Frame({ height, children }: { height: number; children: React.ReactNode }) {
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      height="100%"
      preserveAspectRatio="xMidYMin meet"
      aria-hidden="true"
      focusable="false"
      data-static-chart
    >
      {children}
    </svg>
  );
}

/** Vertical bars, one group per category and one bar per series (completion, delivery). */
export function StaticColumnChart({
  height,
  categories,
  series,
  maxValue,
  unit = "",
  slantedLabels = false,
}: {
  height: number;
  categories: string[];
  series: StaticSeries[];
  maxValue?: number;
  unit?: string;
  slantedLabels?: boolean;
}) {
  const ticks = niceTicks(maxValue ?? Math.max(0, ...series.flatMap((entry) => entry.values)));
  const top = 8;
  const left = 52;
  const right = 16;
  const axisHeight = slantedLabels ? 90 : 26;
  const plotHeight = height - top - axisHeight - legendHeight(series);
  const plotWidth = WIDTH - left - right;
  const yMax = ticks[ticks.length - 1]!;
  const y = (value: number) => top + plotHeight - (Math.max(0, value) / yMax) * plotHeight;
  const band = plotWidth / Math.max(1, categories.length);
  const barWidth = Math.min(40, (band * 0.8) / Math.max(1, series.length));
  return (
    <Frame height={height}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={left} x2={WIDTH - right} y1={y(tick)} y2={y(tick)} stroke={GRID_COLOR} strokeDasharray="3 3" />
          <text x={left - 6} y={y(tick) + 4} fontSize={FONT} textAnchor="end" fill={AXIS_COLOR}>
            {`${formatTick(tick)}${unit}`}
          </text>
        </g>
      ))}
      <line x1={left} x2={WIDTH - right} y1={y(0)} y2={y(0)} stroke={AXIS_COLOR} />
      {categories.map((category, index) => {
        const center = left + band * index + band / 2;
        const groupStart = center - (barWidth * series.length) / 2;
        return (
          <g key={`${category}-${index}`}>
            {series.map((entry, seriesIndex) => {
              const value = entry.values[index] ?? 0;
              return (
                <rect
                  key={entry.name}
                  x={groupStart + seriesIndex * barWidth}
                  y={y(value)}
                  width={Math.max(1, barWidth - 1)}
                  height={Math.max(0, y(0) - y(value))}
                  fill={entry.color}
                />
              );
            })}
            {slantedLabels ? (
              <text
                transform={`translate(${center},${y(0) + 14}) rotate(-35)`}
                fontSize={FONT}
                textAnchor="end"
                fill={AXIS_COLOR}
              >
                {shorten(category, 18)}
              </text>
            ) : (
              <text x={center} y={y(0) + 18} fontSize={FONT} textAnchor="middle" fill={AXIS_COLOR}>
                {shorten(category, Math.max(4, Math.floor(band / (FONT * 0.58))))}
              </text>
            )}
          </g>
        );
      })}
      <Legend series={series} y={height - legendHeight(series) + 16} />
    </Frame>
  );
}

/** Horizontal stacked bars, one row per category (status per sector or category). */
export function StaticStackedRowChart({
  height,
  categories,
  series,
}: {
  height: number;
  categories: string[];
  series: StaticSeries[];
}) {
  const totals = categories.map((_, index) => series.reduce((sum, entry) => sum + (entry.values[index] ?? 0), 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const top = 8;
  const left = 158;
  const right = 16;
  const axisHeight = 26;
  const plotHeight = height - top - axisHeight - legendHeight(series);
  const plotWidth = WIDTH - left - right;
  const xMax = ticks[ticks.length - 1]!;
  const x = (value: number) => left + (value / xMax) * plotWidth;
  const band = plotHeight / Math.max(1, categories.length);
  const barHeight = Math.min(28, band * 0.8);
  return (
    <Frame height={height}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={top} y2={top + plotHeight} stroke={GRID_COLOR} strokeDasharray="3 3" />
          <text x={x(tick)} y={top + plotHeight + 18} fontSize={FONT} textAnchor="middle" fill={AXIS_COLOR}>
            {formatTick(tick)}
          </text>
        </g>
      ))}
      {categories.map((category, index) => {
        const rowY = top + band * index + (band - barHeight) / 2;
        let offset = 0;
        return (
          <g key={`${category}-${index}`}>
            <text x={left - 8} y={rowY + barHeight / 2 + 4} fontSize={FONT} textAnchor="end" fill={AXIS_COLOR}>
              {shorten(category, 22)}
            </text>
            {series.map((entry) => {
              const value = entry.values[index] ?? 0;
              const start = offset;
              offset += value;
              return value > 0 ? (
                <rect
                  key={entry.name}
                  x={x(start)}
                  y={rowY}
                  width={Math.max(0, x(start + value) - x(start))}
                  height={barHeight}
                  fill={entry.color}
                />
              ) : null;
            })}
          </g>
        );
      })}
      <line x1={left} x2={left} y1={top} y2={top + plotHeight} stroke={AXIS_COLOR} />
      <Legend series={series} y={height - legendHeight(series) + 16} />
    </Frame>
  );
}

/** Lines over time: the first series on a count axis (left, drawn as steps), the second on a 0–100 % axis. */
export function StaticTimeChart({
  height,
  labels,
  counts,
  percents,
}: {
  height: number;
  labels: string[];
  counts: StaticSeries;
  percents: StaticSeries;
}) {
  const series = [counts, percents];
  const countTicks = niceTicks(Math.max(1, ...counts.values));
  const top = 8;
  const left = 44;
  const right = 48;
  const axisHeight = 26;
  const plotHeight = height - top - axisHeight - legendHeight(series);
  const plotWidth = WIDTH - left - right;
  const countMax = countTicks[countTicks.length - 1]!;
  const step = labels.length > 1 ? plotWidth / (labels.length - 1) : 0;
  const x = (index: number) => left + (labels.length > 1 ? step * index : plotWidth / 2);
  const yCount = (value: number) => top + plotHeight - (value / countMax) * plotHeight;
  const yPercent = (value: number) => top + plotHeight - (value / 100) * plotHeight;
  const stepPath = counts.values
    .map((value, index) => (index === 0 ? `M${x(0)},${yCount(value)}` : `H${x(index)}V${yCount(value)}`))
    .join("");
  const linePath = percents.values
    .map((value, index) => `${index === 0 ? "M" : "L"}${x(index)},${yPercent(value)}`)
    .join("");
  const labelEvery = Math.max(1, Math.ceil(labels.length / Math.floor(plotWidth / 64)));
  return (
    <Frame height={height}>
      {countTicks.map((tick) => (
        <g key={tick}>
          <line
            x1={left}
            x2={WIDTH - right}
            y1={yCount(tick)}
            y2={yCount(tick)}
            stroke={GRID_COLOR}
            strokeDasharray="3 3"
          />
          <text x={left - 6} y={yCount(tick) + 4} fontSize={FONT} textAnchor="end" fill={AXIS_COLOR}>
            {formatTick(tick)}
          </text>
        </g>
      ))}
      {[0, 25, 50, 75, 100].map((tick) => (
        <text key={tick} x={WIDTH - right + 6} y={yPercent(tick) + 4} fontSize={FONT} fill={AXIS_COLOR}>
          {`${tick}%`}
        </text>
      ))}
      {labels.map((label, index) =>
        index % labelEvery === 0 ? (
          <text
            key={label}
            x={x(index)}
            y={top + plotHeight + 18}
            fontSize={FONT}
            textAnchor="middle"
            fill={AXIS_COLOR}
          >
            {label}
          </text>
        ) : null,
      )}
      <path d={stepPath} fill="none" stroke={counts.color} strokeWidth={2} />
      <path d={linePath} fill="none" stroke={percents.color} strokeWidth={2} strokeDasharray="6 3" />
      <Legend series={series} y={height - legendHeight(series) + 16} />
    </Frame>
  );
}
