import { COMPLETION_STEPS, completionStep, type ProjectedMap } from "@/lib/geo/projection";

export type OblastMapValue = {
  code: string;
  name: string;
  total: number;
  completed: number;
  percent: number;
  /** The share as the reader's locale writes it ("2,5 %", "2.5%"). */
  percentText: string;
  /** Where the oblast's link goes; null when the viewer may not open that oblast's page. */
  href: string | null;
  /** The accessible name of the link, e.g. "Atyrau oblast: 3 of 120 completed (2.5%)". */
  label: string;
};

/**
 * The four oblasts as an SVG choropleth shaded by completion, each a keyboard-reachable link to its dashboard.
 * Pure: geometry and values come in as props, nothing is fetched (no tiles), so it renders on the server.
 */
export function OblastMap({
  map,
  values,
  highlight,
  title,
  legendTitle,
  legendLabels,
  attribution,
}: {
  map: ProjectedMap;
  values: OblastMapValue[];
  /** The oblast drawn with a heavy outline (its own page). */
  highlight?: string;
  title: string;
  legendTitle: string;
  /** Labels of the five colour steps, in order. */
  legendLabels: string[];
  attribution: string;
}) {
  const byCode = new Map(values.map((value) => [value.code, value]));
  // The highlighted oblast is drawn last so its outline is not covered by its neighbours.
  const shapes = [...map.shapes].sort((a, b) => Number(a.code === highlight) - Number(b.code === highlight));
  return (
    <figure className="m-0">
      <svg
        viewBox={`0 0 ${map.width} ${map.height}`}
        className="h-auto w-full max-w-2xl"
        role="group"
        aria-label={title}
        data-testid="oblast-map"
      >
        {shapes.map((shape) => {
          const value = byCode.get(shape.code);
          const fill = value && value.total > 0 ? completionStep(value.percent).fill : "#f1f5f9";
          const highlighted = shape.code === highlight;
          const body = (
            <>
              <title>{value?.label ?? shape.code}</title>
              <path
                d={shape.path}
                fill={fill}
                stroke={highlighted ? "#b45309" : "#334155"}
                strokeWidth={highlighted ? 4 : 1.2}
                strokeLinejoin="round"
                className="transition-[stroke-width] group-hover:stroke-[2.5] group-focus:stroke-[3]"
              />
              <text
                x={shape.label.x}
                y={shape.label.y}
                textAnchor="middle"
                className="pointer-events-none fill-slate-900 text-[20px] font-semibold"
                stroke="white"
                strokeWidth={3.5}
                paintOrder="stroke"
              >
                <tspan x={shape.label.x}>{value?.name ?? shape.code}</tspan>
                {value && value.total > 0 && (
                  <tspan x={shape.label.x} dy="1.2em" className="font-normal">
                    {value.percentText}
                  </tspan>
                )}
              </text>
            </>
          );
          return value?.href ? (
            <a
              key={shape.code}
              href={value.href}
              aria-label={value.label}
              aria-current={highlighted ? "page" : undefined}
              className="group outline-none focus-visible:[&_path]:stroke-amber-600"
              data-oblast={shape.code}
            >
              {body}
            </a>
          ) : (
            <g key={shape.code} data-oblast={shape.code}>
              {body}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 flex flex-wrap items-center justify-between gap-3 text-xs text-slate-700">
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-semibold">{legendTitle}:</span>
          {COMPLETION_STEPS.map((step, index) => (
            <span key={step.from} className="inline-flex items-center gap-1">
              <span
                aria-hidden
                className="inline-block h-3 w-5 rounded-sm border border-slate-400"
                style={{ background: step.fill }}
              />
              {legendLabels[index]}
            </span>
          ))}
        </span>
        <a href="https://www.openstreetmap.org/copyright" className="text-slate-600 underline" rel="license">
          {attribution}
        </a>
      </figcaption>
    </figure>
  );
}
