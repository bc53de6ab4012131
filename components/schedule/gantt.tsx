// A Gantt chart drawn on the server as SVG: no chart code runs in the browser, nothing is fetched. Each project is a
// table row (name linked to its page, then its bars), so the chart reads row by row with a keyboard or a screen
// reader; the axis, today and the horizon ends are lines at the same places in every row.

export type GanttMilestone = { date: string; label: string; met: boolean };
export type GanttRow = {
  href: string;
  code: string;
  name: string;
  confidence: "GREEN" | "AMBER" | "RED" | null;
  baseline: { start: string; finish: string } | null;
  planned: { start: string; finish: string } | null;
  window: { start: string; finish: string } | null;
  milestones: GanttMilestone[];
  summary: string;
};
export type GanttGroup = {
  key: string;
  title: string;
  more?: { href: string; label: string } | undefined;
  rows: GanttRow[];
};

const WIDTH = 1000;
const ROW_HEIGHT = 26;
const COLOURS = { GREEN: "#15803d", AMBER: "#b45309", RED: "#b91c1c", none: "#475569" } as const;

const time = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function Gantt({
  groups,
  from,
  to,
  ticks,
  today,
  horizonEnds,
  labels,
}: {
  groups: GanttGroup[];
  from: string;
  to: string;
  ticks: { day: string; label: string }[];
  today: string;
  horizonEnds: string[];
  labels: { project: string; schedule: string; caption: string };
}) {
  const start = time(from);
  const span = time(to) - start;
  const x = (day: string) => Math.min(WIDTH, Math.max(0, ((time(day) - start) / span) * WIDTH));
  const guides = (height: number) => (
    <>
      {horizonEnds.map((day) => (
        <line key={day} x1={x(day)} x2={x(day)} y1={0} y2={height} stroke="#94a3b8" strokeDasharray="4 3" />
      ))}
      <line x1={x(today)} x2={x(today)} y1={0} y2={height} stroke="#1d4ed8" strokeWidth={2} />
    </>
  );
  return (
    <table className="w-full table-fixed border-collapse text-sm" data-testid="gantt">
      <caption className="sr-only">{labels.caption}</caption>
      <colgroup>
        <col className="w-40 sm:w-72" />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th scope="col" className="px-2 py-1 text-left align-bottom">
            {labels.project}
          </th>
          <th scope="col" className="px-0 py-1">
            <span className="sr-only">{labels.schedule}</span>
            <svg viewBox={`0 0 ${WIDTH} 28`} preserveAspectRatio="none" className="block h-7 w-full" aria-hidden="true">
              {ticks.map((tick) => (
                <g key={tick.day}>
                  <line x1={x(tick.day)} x2={x(tick.day)} y1={18} y2={28} stroke="#64748b" />
                </g>
              ))}
            </svg>
            <div className="relative h-4 text-[10px] text-slate-600" aria-hidden="true">
              {ticks.map((tick) => (
                <span
                  key={tick.day}
                  className="absolute -translate-x-1/2 whitespace-nowrap"
                  style={{ left: `${(x(tick.day) / WIDTH) * 100}%` }}
                >
                  {tick.label}
                </span>
              ))}
            </div>
          </th>
        </tr>
      </thead>
      {groups.map((group) => (
        <tbody key={group.key}>
          <tr>
            <th colSpan={2} scope="colgroup" className="bg-slate-100 px-2 py-1 text-left font-semibold">
              {group.title}
              {group.more && (
                <a href={group.more.href} className="ml-2 text-sm font-normal text-brand underline">
                  {group.more.label}
                </a>
              )}
            </th>
          </tr>
          {group.rows.map((row) => {
            const colour = COLOURS[row.confidence ?? "none"];
            return (
              <tr key={`${group.key}-${row.code}`} className="border-t border-slate-100">
                <th scope="row" className="overflow-hidden px-2 py-0 text-left font-normal">
                  {/* A whole-row-height link (24 px): WCAG 2.2's target size for rows this close together. */}
                  <a href={row.href} className="block truncate leading-6 text-brand underline" title={row.name}>
                    <span className="font-mono text-xs">{row.code}</span>{" "}
                    <span className="hidden sm:inline">{row.name}</span>
                  </a>
                </th>
                <td className="px-0 py-0">
                  <svg
                    viewBox={`0 0 ${WIDTH} ${ROW_HEIGHT}`}
                    preserveAspectRatio="none"
                    className="block h-6 w-full"
                    role="img"
                    aria-label={row.summary}
                  >
                    {guides(ROW_HEIGHT)}
                    {row.window && (
                      <rect
                        x={x(row.window.start)}
                        width={Math.max(2, x(row.window.finish) - x(row.window.start))}
                        y={10}
                        height={6}
                        fill="#e2e8f0"
                      />
                    )}
                    {row.baseline && (
                      <rect
                        x={x(row.baseline.start)}
                        width={Math.max(2, x(row.baseline.finish) - x(row.baseline.start))}
                        y={3}
                        height={20}
                        fill="none"
                        stroke="#334155"
                        strokeWidth={1.5}
                        vectorEffect="non-scaling-stroke"
                      />
                    )}
                    {row.planned && (
                      <rect
                        x={x(row.planned.start)}
                        width={Math.max(2, x(row.planned.finish) - x(row.planned.start))}
                        y={7}
                        height={12}
                        fill={colour}
                        opacity={0.85}
                      />
                    )}
                    {row.milestones.map((milestone) => (
                      <rect
                        key={`${milestone.date}-${milestone.label}`}
                        x={x(milestone.date) - 4}
                        y={9}
                        width={8}
                        height={8}
                        transform={`rotate(45 ${x(milestone.date)} 13)`}
                        fill={milestone.met ? "#0f172a" : "#ffffff"}
                        stroke="#0f172a"
                        vectorEffect="non-scaling-stroke"
                      >
                        <title>{milestone.label}</title>
                      </rect>
                    ))}
                  </svg>
                </td>
              </tr>
            );
          })}
        </tbody>
      ))}
    </table>
  );
}

/** The colour legend of the bars and marks, in words. */
export function GanttLegend({
  items,
}: {
  items: { colour: keyof typeof COLOURS | "baseline" | "window" | "today" | "horizon"; label: string }[];
}) {
  const swatch = (colour: string) => {
    if (colour === "baseline") return <span className="inline-block h-3 w-5 border-2 border-slate-700" />;
    if (colour === "window") return <span className="inline-block h-2 w-5 bg-slate-200" />;
    if (colour === "today") return <span className="inline-block h-3 w-0.5 bg-blue-700" />;
    if (colour === "horizon")
      return <span className="inline-block h-3 w-0 border-l-2 border-dashed border-slate-400" />;
    return <span className="inline-block h-3 w-5" style={{ background: COLOURS[colour as keyof typeof COLOURS] }} />;
  };
  return (
    <ul className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="legend">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          {swatch(item.colour)}
          {item.label}
        </li>
      ))}
    </ul>
  );
}
