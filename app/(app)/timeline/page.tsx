import { ExportLinks } from "@/components/export-links";
import { formatDate } from "@/lib/format/format";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { ListFilters } from "@/components/list-filters";
import { Pagination } from "@/components/pagination";
import { projectFilterFields } from "@/components/project-filter-fields";
import { Gantt, type GanttGroup, GanttLegend } from "@/components/schedule/gantt";
import { requireUser } from "@/lib/auth/current-user";
import { type Locale, localizedName } from "@/lib/i18n/locales";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { listDistrictOptions, projectListParams } from "@/lib/projects/list-projects";
import { can } from "@/lib/auth/permissions";
import { CATEGORIES, HORIZONS, OBLASTS, PROJECT_STATUSES, SECTORS } from "@/lib/reference-data";
import { parseTimelineQuery, TIMELINE_GROUPS, TIMELINE_ZOOMS, timeline } from "@/lib/schedule/timeline";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("schedule"))("timelineTitle") };
}

/** The decree's date: a project without dates of its own is drawn from here to its horizon's end. */
const DECREE_DATE = "2025-11-10";
const HORIZON_ENDS = ["2030-12-31", "2040-12-31", "2050-12-31"];

/** The visible span and its ticks: the whole scheme by year, or six years by quarter. */
function axis(zoom: "year" | "quarter", today: string) {
  if (zoom === "year") {
    const years = Array.from({ length: 6 }, (_, index) => 2025 + index * 5);
    return {
      from: "2025-01-01",
      to: "2051-01-01",
      ticks: years.map((year) => ({ day: `${year}-01-01`, label: String(year) })),
    };
  }
  const first = Number(today.slice(0, 4)) - 1;
  const ticks = Array.from({ length: 24 }, (_, index) => {
    const year = first + Math.floor(index / 4);
    const quarter = (index % 4) + 1;
    return {
      day: `${year}-${String((quarter - 1) * 3 + 1).padStart(2, "0")}-01`,
      label: quarter === 1 ? `${year}` : `Q${quarter}`,
    };
  });
  return { from: `${first}-01-01`, to: `${first + 6}-01-01`, ticks };
}

export default async function TimelinePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const query = parseTimelineQuery(await searchParams);
  const [t, format, locale, result, districts] = await Promise.all([
    getTranslations(),
    getFormatter(),
    getLocale() as Promise<Locale>,
    timeline(user, query),
    listDistrictOptions(user, query.oblast),
  ]);
  const translate = (key: string) => t(key as "app.name");
  const today = todayInKazakhstan();
  const { from, to, ticks } = axis(query.zoom, today);
  const day = (iso: string | null) => (iso ? formatDate(locale, iso) : "—");
  const visibleOblasts = user.oblastCode ? OBLASTS.filter((oblast) => oblast.code === user.oblastCode) : OBLASTS;
  const fields = [
    ...projectFilterFields({
      t: translate,
      name: (item) => localizedName(item, locale),
      query,
      sectors: SECTORS,
      categories: CATEGORIES,
      horizons: HORIZONS,
      oblasts: visibleOblasts,
      districts,
      statuses: PROJECT_STATUSES,
    }),
    {
      name: "group",
      label: t("schedule.groupBy"),
      value: query.group,
      options: TIMELINE_GROUPS.map((group) => ({ value: group, label: t(`schedule.groups.${group}`) })),
    },
    {
      name: "zoom",
      label: t("schedule.zoom"),
      value: query.zoom,
      options: TIMELINE_ZOOMS.map((zoom) => ({ value: zoom, label: t(`schedule.zooms.${zoom}`) })),
    },
  ];
  const { page: _page, sort: _sort, view: _view, ...filters } = query;
  const params = Object.fromEntries(
    Object.entries(filters).flatMap(([key, value]) =>
      value === undefined || value === "" ? [] : [[key, String(value)]],
    ),
  );
  const groupTitle = (group: (typeof result.groups)[number]) =>
    group.label
      ? localizedName(group.label, locale)
      : group.key === "none"
        ? t("horizon.none")
        : t("horizon.year", { year: group.key });
  const ganttGroups: GanttGroup[] = result.groups.map((group) => ({
    key: group.key,
    title: group.total === null ? groupTitle(group) : `${groupTitle(group)} (${format.number(group.total)})`,
    more:
      group.total !== null && group.total > group.rows.length
        ? {
            href: `/timeline?${new URLSearchParams({ ...params, oblast: group.key })}`,
            label: t("schedule.showAll", { count: group.total }),
          }
        : undefined,
    rows: group.rows.map((row) => {
      const name = localizedName(row, locale);
      const window = row.horizon ? { start: DECREE_DATE, finish: `${row.horizon}-12-31` } : null;
      const baseline =
        row.baselineFinish !== null ? { start: row.baselineStart ?? DECREE_DATE, finish: row.baselineFinish } : null;
      const planned =
        row.plannedFinish !== null ? { start: row.plannedStart ?? DECREE_DATE, finish: row.plannedFinish } : null;
      return {
        href: `/projects/${row.code}`,
        code: row.code,
        name,
        confidence: row.confidence,
        window,
        baseline,
        planned,
        milestones: row.milestones.map((milestone) => ({
          date: milestone.date,
          met: milestone.status === "MET",
          label: `${milestone.type === "CUSTOM" ? milestone.title : t(`schedule.milestoneTypes.${milestone.type}`)} · ${day(milestone.date)}`,
        })),
        summary: t("schedule.rowSummary", {
          name,
          baseline: baseline ? `${day(baseline.start)} – ${day(baseline.finish)}` : "—",
          planned: planned ? `${day(planned.start)} – ${day(planned.finish)}` : "—",
          milestones: row.milestones.length,
        }),
      };
    }),
  }));
  const { group: _group, zoom: _zoom, view: _shown, ...listQuery } = query;
  const viewHref = (view: "chart" | "table") => `/timeline?${new URLSearchParams({ ...params, view })}`;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("schedule.timelineTitle")}</h1>
        <p className="text-sm text-slate-700" data-testid="timeline-count">
          {t("projects.count", { count: result.total })} ·{" "}
          {query.view === "chart" ? (
            <Link href={viewHref("table")} className="text-brand underline">
              {t("common.showAsTable")}
            </Link>
          ) : (
            <Link href={viewHref("chart")} className="text-brand underline">
              {t("common.showAsChart")}
            </Link>
          )}
        </p>
      </div>
      <ListFilters search={query.q ?? ""} fields={fields} />
      {can(user, "report.export") && (
        // The timeline's rows as a file: the project list with the same filters carries every date it draws.
        <p className="mb-2 flex flex-wrap gap-3 text-sm">
          <ExportLinks
            path="/projects/export"
            params={projectListParams(listQuery, { sort: false })}
            locale={locale}
            labels={{ otherSeparator: t("exports.otherSeparator") }}
          />
        </p>
      )}
      {query.view === "chart" ? (
        <section className="rounded-lg border border-slate-200 bg-white p-3" aria-labelledby="gantt-heading">
          <h2 id="gantt-heading" className="sr-only">
            {t("schedule.timelineTitle")}
          </h2>
          <GanttLegend
            items={[
              { colour: "window", label: t("schedule.legend.window") },
              { colour: "baseline", label: t("schedule.legend.baseline") },
              { colour: "GREEN", label: t("confidence.GREEN") },
              { colour: "AMBER", label: t("confidence.AMBER") },
              { colour: "RED", label: t("confidence.RED") },
              { colour: "none", label: t("confidence.none") },
              { colour: "today", label: t("schedule.legend.today") },
              { colour: "horizon", label: t("schedule.legend.horizon") },
            ]}
          />
          <div className="overflow-x-auto" role="region" aria-label={t("schedule.timelineTitle")} tabIndex={0}>
            <div className="min-w-[640px]">
              <Gantt
                groups={ganttGroups}
                from={from}
                to={to}
                ticks={ticks}
                today={today}
                horizonEnds={HORIZON_ENDS}
                labels={{
                  project: t("projects.columnName"),
                  schedule: t("schedule.timelineTitle"),
                  caption: t("schedule.timelineCaption"),
                }}
              />
            </div>
          </div>
        </section>
      ) : (
        <div
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
          role="region"
          aria-label={t("schedule.timelineTitle")}
          tabIndex={0}
        >
          <table className="w-full text-left text-sm" data-testid="timeline-table">
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("projects.columnCode")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("projects.columnName")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("details.baselineStart")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("details.baselineFinish")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("schedule.plannedFinish")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("schedule.finishSlip")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("confidence.label")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("schedule.milestones")}
                </th>
              </tr>
            </thead>
            {result.groups.map((group) => (
              <tbody key={group.key}>
                <tr>
                  <th colSpan={8} scope="colgroup" className="bg-slate-50 px-3 py-1 text-left">
                    {groupTitle(group)}
                  </th>
                </tr>
                {group.rows.map((row) => (
                  <tr key={`${group.key}-${row.code}`} className="border-t border-slate-200">
                    <td className="px-3 py-1 font-mono text-xs">
                      <a href={`/projects/${row.code}`} className="text-brand underline">
                        {row.code}
                      </a>
                    </td>
                    <td className="px-3 py-1">{localizedName(row, locale)}</td>
                    <td className="px-3 py-1">{day(row.baselineStart)}</td>
                    <td className="px-3 py-1">{day(row.baselineFinish)}</td>
                    <td className="px-3 py-1">{day(row.plannedFinish)}</td>
                    <td className="px-3 py-1">
                      {row.finishSlipDays === null ? "—" : t("schedule.slip", { days: row.finishSlipDays })}
                    </td>
                    <td className="px-3 py-1">{row.confidence ? t(`confidence.${row.confidence}`) : "—"}</td>
                    <td className="px-3 py-1">{row.milestones.length}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
      <Pagination page={result.page} pages={result.pages} params={{ ...params, view: query.view }} />
    </>
  );
}
