// Charts as plain SVG markup, drawn on the server: the first paint of a dashboard or report shows every chart's shape
// before any chart code has loaded (and on a phone, charts below the fold never load Recharts at all). The SVG is
// built as one string, not as React elements: a dashboard has ~400 SVG shapes, and as elements each was serialised
// twice (into the page's HTML and into its RSC payload, with its attributes spelled out), which made the chart
// pictures the largest part of the server's render time at 100k. As a string it is copied, not rendered. The SVG keeps
// a fixed coordinate system scaled into the chart's frame, whose height comes from chart-geometry.ts like the
// interactive chart's, so swapping one for the other moves nothing. The numbers themselves are in each chart's table
// view; the card around the SVG names the chart.
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

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text from the catalog or the messages, safe inside SVG markup (element content and attribute values). */
export const escapeMarkup = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
/** Coordinates to a tenth of a unit: the SVG is scaled to its frame, finer digits are bytes nobody sees. */
const n = (value: number) => String(Math.round(value * 10) / 10);

type Attributes = Record<string, string | number>;
const attributes = (attrs: Attributes) =>
  Object.entries(attrs)
    .map(([name, value]) => ` ${name}="${typeof value === "number" ? n(value) : escapeMarkup(value)}"`)
    .join("");
const element = (tag: string, attrs: Attributes, content = "") => `<${tag}${attributes(attrs)}>${content}</${tag}>`;
/** Axis and label text: grey, 12 px (the shared attributes sit on the group around them). */
const label = (attrs: Attributes, text: string) => element("text", attrs, escapeMarkup(text));

/** The legend under the plot, centred like Recharts' (wraps onto a second line when needed). */
function legend(series: StaticSeries[], y: number): string {
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
  const shapes = lines.flatMap((line, lineIndex) => {
    const total = line.reduce((sum, item) => sum + item.width, 0);
    let x = (WIDTH - total) / 2;
    const lineY = y + lineIndex * 18;
    return line.map((item) => {
      const itemX = x;
      x += item.width;
      return (
        element("rect", { x: itemX, y: lineY - 10, width: 14, height: 10, fill: item.color }) +
        label({ x: itemX + 20, y: lineY }, item.name)
      );
    });
  });
  return element("g", { "font-size": FONT, fill: TEXT_COLOR }, shapes.join(""));
}

const legendHeight = (series: StaticSeries[]) => {
  const total = series.reduce((sum, entry) => sum + 36 + textWidth(entry.name), 0);
  return total > WIDTH - 16 ? 44 : 26;
};

function frame(height: number, content: string): string {
  return element(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      viewBox: `0 0 ${WIDTH} ${height}`,
      width: "100%",
      height: "100%",
      preserveAspectRatio: "xMidYMin meet",
      "aria-hidden": "true",
      focusable: "false",
      "data-static-chart": "",
    },
    content,
  );
}

/** Axis labels share their size and colour through the group around them. */
const axisText = (anchor: "start" | "middle" | "end", content: string) =>
  element("g", { "font-size": FONT, fill: AXIS_COLOR, "text-anchor": anchor }, content);
const gridLine = (x1: number, x2: number, y1: number, y2: number) =>
  element("line", { x1, x2, y1, y2, stroke: GRID_COLOR, "stroke-dasharray": "3 3" });

/** Vertical bars, one group per category and one bar per series (completion, delivery). */
export function staticColumnChart({
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
}): string {
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
  const grid = ticks.map((tick) => gridLine(left, WIDTH - right, y(tick), y(tick))).join("");
  const tickLabels = axisText(
    "end",
    ticks.map((tick) => label({ x: left - 6, y: y(tick) + 4 }, `${formatTick(tick)}${unit}`)).join(""),
  );
  const bars = categories
    .flatMap((_, index) => {
      const center = left + band * index + band / 2;
      const groupStart = center - (barWidth * series.length) / 2;
      return series.map((entry, seriesIndex) => {
        const value = entry.values[index] ?? 0;
        return element("rect", {
          x: groupStart + seriesIndex * barWidth,
          y: y(value),
          width: Math.max(1, barWidth - 1),
          height: Math.max(0, y(0) - y(value)),
          fill: entry.color,
        });
      });
    })
    .join("");
  const categoryLabels = categories.map((category, index) => {
    const center = left + band * index + band / 2;
    return slantedLabels
      ? label({ transform: `translate(${n(center)},${n(y(0) + 14)}) rotate(-35)` }, shorten(category, 18))
      : label({ x: center, y: y(0) + 18 }, shorten(category, Math.max(4, Math.floor(band / (FONT * 0.58)))));
  });
  return frame(
    height,
    grid +
      tickLabels +
      element("line", { x1: left, x2: WIDTH - right, y1: y(0), y2: y(0), stroke: AXIS_COLOR }) +
      bars +
      axisText(slantedLabels ? "end" : "middle", categoryLabels.join("")) +
      legend(series, height - legendHeight(series) + 16),
  );
}

/** Horizontal stacked bars, one row per category (status per sector or category). */
export function staticStackedRowChart({
  height,
  categories,
  series,
}: {
  height: number;
  categories: string[];
  series: StaticSeries[];
}): string {
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
  const rowY = (index: number) => top + band * index + (band - barHeight) / 2;
  const grid = ticks.map((tick) => gridLine(x(tick), x(tick), top, top + plotHeight)).join("");
  const tickLabels = axisText(
    "middle",
    ticks.map((tick) => label({ x: x(tick), y: top + plotHeight + 18 }, formatTick(tick))).join(""),
  );
  const categoryLabels = axisText(
    "end",
    categories
      .map((category, index) => label({ x: left - 8, y: rowY(index) + barHeight / 2 + 4 }, shorten(category, 22)))
      .join(""),
  );
  const bars = categories
    .flatMap((_, index) => {
      let offset = 0;
      return series.map((entry) => {
        const value = entry.values[index] ?? 0;
        const start = offset;
        offset += value;
        return value > 0
          ? element("rect", {
              x: x(start),
              y: rowY(index),
              width: Math.max(0, x(start + value) - x(start)),
              height: barHeight,
              fill: entry.color,
            })
          : "";
      });
    })
    .join("");
  return frame(
    height,
    grid +
      tickLabels +
      categoryLabels +
      bars +
      element("line", { x1: left, x2: left, y1: top, y2: top + plotHeight, stroke: AXIS_COLOR }) +
      legend(series, height - legendHeight(series) + 16),
  );
}

/** Lines over time: the first series on a count axis (left, drawn as steps), the second on a 0–100 % axis. */
export function staticTimeChart({
  height,
  labels,
  counts,
  percents,
}: {
  height: number;
  labels: string[];
  counts: StaticSeries;
  percents: StaticSeries;
}): string {
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
    .map((value, index) => (index === 0 ? `M${n(x(0))},${n(yCount(value))}` : `H${n(x(index))}V${n(yCount(value))}`))
    .join("");
  const linePath = percents.values
    .map((value, index) => `${index === 0 ? "M" : "L"}${n(x(index))},${n(yPercent(value))}`)
    .join("");
  const labelEvery = Math.max(1, Math.ceil(labels.length / Math.floor(plotWidth / 64)));
  return frame(
    height,
    countTicks.map((tick) => gridLine(left, WIDTH - right, yCount(tick), yCount(tick))).join("") +
      axisText(
        "end",
        countTicks.map((tick) => label({ x: left - 6, y: yCount(tick) + 4 }, formatTick(tick))).join(""),
      ) +
      axisText(
        "start",
        [0, 25, 50, 75, 100].map((tick) => label({ x: WIDTH - right + 6, y: yPercent(tick) + 4 }, `${tick}%`)).join(""),
      ) +
      axisText(
        "middle",
        labels
          .map((text, index) =>
            index % labelEvery === 0 ? label({ x: x(index), y: top + plotHeight + 18 }, text) : "",
          )
          .join(""),
      ) +
      element("path", { d: stepPath, fill: "none", stroke: counts.color, "stroke-width": 2 }) +
      element("path", {
        d: linePath,
        fill: "none",
        stroke: percents.color,
        "stroke-width": 2,
        "stroke-dasharray": "6 3",
      }) +
      legend(series, height - legendHeight(series) + 16),
  );
}
