import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/export-links";
import Link from "next/link";
import { ListTable } from "@/components/list-table";
import { Pagination } from "@/components/pagination";
import { ProgressBar } from "@/components/progress-bar";
import { projectFilterFields } from "@/components/project-filter-fields";
import { ListFilters, type FilterField } from "@/components/list-filters";
import { bulkAssignAction } from "./responsibility-actions";
import { StatusBadge } from "@/components/status-badge";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { sheetTargetFor } from "@/lib/progress/import-progress";
import { FIGURES } from "@/lib/figures/figure-names";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import {
  listDistrictOptions,
  listProjects,
  parseProjectListQuery,
  projectListParams,
} from "@/lib/projects/list-projects";
import { assignableUsers, MAX_BULK_ASSIGN } from "@/lib/projects/responsibility";
import { CATEGORIES, HORIZONS, OBLASTS, PROJECT_STATUSES, SECTORS } from "@/lib/reference-data";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("projects"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ProjectsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const rawParams = await searchParams;
  const query = parseProjectListQuery(rawParams);
  const canAssign = can(user, "project.assignResponsibility");
  const [t, format, locale, result, districts, assignable] = await Promise.all([
    getTranslations(),
    getFormatter(),
    getLocale() as Promise<Locale>,
    listProjects(user, query),
    listDistrictOptions(user, query.oblast),
    canAssign ? assignableUsers([]) : null,
  ]);

  const visibleOblasts = user.oblastCode ? OBLASTS.filter((oblast) => oblast.code === user.oblastCode) : OBLASTS;
  const fields: FilterField[] = [
    ...projectFilterFields({
      t: (key) => t(key as "app.name"),
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
      // The dashboard's cards open the list with their figure (lib/figures): the same definition counts both.
      name: "figure",
      label: t("figures.filterLabel"),
      value: query.figure,
      options: FIGURES.map((figure) => ({ value: figure, label: t(`figures.label.${figure}`) })),
    },
    {
      name: "mine",
      label: t("notifications.responsibility.mine"),
      value: query.mine,
      options: [{ value: "1", label: t("notifications.responsibility.mine") }],
    },
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
  const stringParams = projectListParams(query);

  return (
    <>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("projects.title")}</h1>
        <div className="flex items-center gap-3 text-sm">
          <p className="text-slate-600" data-testid="project-count">
            {t("projects.count", { count: result.total })}
          </p>
          {sheetTargetFor(user) && (
            <Link href={`/projects/import?${new URLSearchParams(stringParams)}`} className="text-brand underline">
              {t("progressSheet.link")}
            </Link>
          )}
          {can(user, "report.export") && (
            <ExportLinks
              path="/projects/export"
              params={stringParams}
              locale={locale}
              labels={{ otherSeparator: t("exports.otherSeparator") }}
            />
          )}
        </div>
      </div>
      <ListFilters search={query.q ?? ""} fields={fields} sort={sort} />
      {typeof rawParams.assigned === "string" && (
        <p role="status" className="mb-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm">
          {t("notifications.responsibility.bulkDone", { count: Number(rawParams.assigned) || 0 })}
        </p>
      )}
      {typeof rawParams.assignError === "string" && (
        <p role="alert" className="mb-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm">
          {rawParams.assignError === "tooMany"
            ? t("notifications.responsibility.tooMany", { max: MAX_BULK_ASSIGN })
            : t("notifications.responsibility.errors.invalidOfficer")}
        </p>
      )}
      {assignable && result.total > 0 && (
        <details className="mb-3 rounded-lg border border-slate-200 bg-white p-3 text-sm no-print">
          <summary className="cursor-pointer font-semibold text-brand">
            {t("notifications.responsibility.bulkTitle")}
          </summary>
          <form action={bulkAssignAction} className="mt-2 flex flex-wrap items-end gap-3">
            <p className="w-full text-slate-700">
              {t("notifications.responsibility.bulkIntro", { count: result.total })}
            </p>
            {Object.entries(stringParams).map(([key, value]) => (
              <input key={key} type="hidden" name={`list.${key}`} value={value} />
            ))}
            <label>
              <span className="block text-xs font-semibold text-slate-700">
                {t("notifications.responsibility.chooseOfficer")}
              </span>
              <select name="officerId" className="mt-1 rounded border border-slate-300 bg-white px-2 py-1.5">
                <option value="">{t("notifications.responsibility.clear")}</option>
                {assignable.officers.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded bg-brand px-3 py-2 font-semibold text-white">
              {t("notifications.responsibility.bulkApply", { count: result.total })}
            </button>
          </form>
        </details>
      )}
      {result.projects.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-slate-700">
          {t("projects.empty")}
        </p>
      ) : (
        <ListTable
          label={t("projects.title")}
          columns={[
            { label: t("projects.columnCode") },
            { label: t("projects.columnName") },
            { label: t("projects.columnOblasts"), className: "hidden md:table-cell" },
            { label: t("projects.columnHorizon"), className: "hidden sm:table-cell" },
            { label: t("projects.columnQuantity"), className: "hidden lg:table-cell" },
            { label: t("projects.columnStatus") },
            { label: t("projects.columnProgress"), className: "hidden md:table-cell" },
          ]}
        >
          {result.projects.map((project) => (
            <tr key={project.code} className="border-t border-slate-200 align-top">
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                <Link href={`/projects/${project.code}`} className="text-brand hover:underline">
                  {project.code}
                </Link>
              </td>
              <td className="px-3 py-2">
                <Link href={`/projects/${project.code}`} className="hover:underline">
                  {localizedName(project, locale)}
                </Link>
                <p className="text-xs text-slate-600">{localizedName(project.category, locale)}</p>
                {project.responsibleOfficer && (
                  <p className="text-xs text-slate-600" data-testid="responsible-officer">
                    {t("notifications.responsibility.officer")}: {project.responsibleOfficer.name}
                  </p>
                )}
              </td>
              <td className="hidden px-3 py-2 md:table-cell">
                {project.oblastCodes
                  .map((code) => localizedName(OBLASTS.find((oblast) => oblast.code === code)!, locale))
                  .join(", ")}
              </td>
              <td className="hidden px-3 py-2 sm:table-cell">{project.horizon ?? t("common.notAvailable")}</td>
              <td className="hidden whitespace-nowrap px-3 py-2 lg:table-cell tabular-nums">
                {project.plannedQuantity === null
                  ? t("common.notAvailable")
                  : `${format.number(project.plannedQuantity)} ${t(`units.${project.unit}` as "units.km")}`}
              </td>
              <td className="px-3 py-2">
                <StatusBadge status={project.status} />
              </td>
              <td className="hidden px-3 py-2 md:table-cell">
                <ProgressBar percent={project.percentComplete} label={t("projects.columnProgress")} />
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={result.page} pages={result.pages} params={stringParams} />
    </>
  );
}
