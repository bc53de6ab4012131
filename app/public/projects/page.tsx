import { projectFilterFields } from "@/components/project-filter-fields";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { ExportLinks } from "@/components/export-links";
import { type FilterField, ListFilters } from "@/components/list-filters";
import { ListTable } from "@/components/list-table";
import { Pagination } from "@/components/pagination";
import { ProgressBar } from "@/components/progress-bar";
import { StatusBadge } from "@/components/status-badge";
import { formatDate } from "@/lib/format/format";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { listDistrictOptions, projectListParams } from "@/lib/projects/list-projects";
import { PUBLIC_READER } from "@/lib/public/public-cache";
import { listPublicProjects, parsePublicListQuery } from "@/lib/public/public-projects";
import { CATEGORIES, HORIZONS, OBLASTS, PROJECT_STATUSES, SECTORS } from "@/lib/reference-data";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("publicView"))("projects") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The public project list: public fields only, filtered and paginated like the signed-in list. */
export default async function PublicProjectsPage({ searchParams }: { searchParams: SearchParams }) {
  const query = parsePublicListQuery(await searchParams);
  const [t, locale, result, districts] = await Promise.all([
    getTranslations(),
    getLocale() as Promise<Locale>,
    listPublicProjects(query),
    listDistrictOptions(PUBLIC_READER, query.oblast),
  ]);
  const fields: FilterField[] = [
    ...projectFilterFields({
      t: (key) => t(key as "app.name"),
      name: (item) => localizedName(item, locale),
      query,
      sectors: SECTORS,
      categories: CATEGORIES,
      horizons: HORIZONS,
      oblasts: OBLASTS,
      districts,
      statuses: PROJECT_STATUSES,
    }),
  ];
  const sort: FilterField = {
    name: "sort",
    label: t("projects.sort"),
    value: query.sort,
    options: (["code", "name", "horizon", "progress", "updated"] as const).map((value) => ({
      value,
      label: t(`projects.sort${value[0]!.toUpperCase()}${value.slice(1)}` as "projects.sortCode"),
    })),
  };
  const params = projectListParams(query);
  const oblastName = (code: string) => localizedName(OBLASTS.find((oblast) => oblast.code === code)!, locale);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("publicView.projects")}</h1>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <p className="text-slate-600" data-testid="project-count">
            {t("publicView.count", { count: result.total })}
          </p>
          <span className="text-slate-600">{t("publicView.filteredDownload")}:</span>
          <ExportLinks
            path="/public/data/projects"
            params={projectListParams(query, { sort: false })}
            locale={locale}
            labels={{ otherSeparator: t("exports.otherSeparator") }}
          />
        </div>
      </div>
      <ListFilters search={query.q ?? ""} fields={fields} sort={sort} />
      {result.projects.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-slate-700">
          {t("publicView.empty")}
        </p>
      ) : (
        <ListTable
          label={t("publicView.projects")}
          columns={[
            { label: t("projects.columnCode"), className: "hidden sm:table-cell" },
            { label: t("projects.columnName") },
            { label: t("publicView.place"), className: "hidden md:table-cell" },
            { label: t("projects.columnHorizon"), className: "hidden sm:table-cell" },
            { label: t("projects.columnStatus") },
            { label: t("projects.columnProgress"), className: "hidden md:table-cell" },
            { label: t("publicView.lastUpdate"), className: "hidden lg:table-cell" },
          ]}
        >
          {result.projects.map((project) => (
            <tr key={project.code} className="border-t border-slate-200 align-top" data-testid="public-project-row">
              <td className="hidden whitespace-nowrap px-3 py-2 font-mono text-xs sm:table-cell">
                <Link href={`/public/projects/${project.code}`} className="text-brand hover:underline">
                  {project.code}
                </Link>
              </td>
              <td className="px-3 py-2">
                <Link href={`/public/projects/${project.code}`} className="hover:underline">
                  {localizedName(project, locale)}
                </Link>
                <p className="text-xs text-slate-600">{localizedName(project.category, locale)}</p>
                {/* On a phone the percent and last update columns are hidden: the row says them here. */}
                <p className="text-xs text-slate-700 md:hidden">
                  {t("projects.columnProgress")}: {project.percentComplete}% · {t("publicView.lastUpdate")}:{" "}
                  {project.lastUpdate ? formatDate(locale, project.lastUpdate) : t("publicView.neverUpdated")}
                </p>
              </td>
              <td className="hidden px-3 py-2 md:table-cell">
                {[
                  project.place,
                  project.district ? localizedName(project.district, locale) : null,
                  project.oblastCodes.map(oblastName).join(", "),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </td>
              <td className="hidden px-3 py-2 sm:table-cell">{project.horizon ?? t("common.notAvailable")}</td>
              <td className="px-3 py-2">
                <StatusBadge status={project.status} />
              </td>
              <td className="hidden px-3 py-2 md:table-cell">
                <ProgressBar percent={project.percentComplete} label={t("projects.columnProgress")} />
              </td>
              <td className="hidden whitespace-nowrap px-3 py-2 text-xs lg:table-cell">
                {project.lastUpdate ? formatDate(locale, project.lastUpdate) : t("publicView.neverUpdated")}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={result.page} pages={result.pages} params={params} />
    </>
  );
}
