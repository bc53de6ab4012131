import { formatDate } from "@/lib/format/format";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { EvidenceGallery } from "@/components/evidence-gallery";
import { ExportLinks } from "@/components/export-links";
import { type FilterField, ListFilters } from "@/components/list-filters";
import { ListTable } from "@/components/list-table";
import { Pagination } from "@/components/pagination";
import { requireUser } from "@/lib/auth/current-user";
import { can, scopedOblastId } from "@/lib/auth/permissions";
import { evidenceForBlockers } from "@/lib/evidence/read-evidence";
import { type Locale, localizedName } from "@/lib/i18n/locales";
import { OBLASTS } from "@/lib/reference-data";
import {
  BLOCKER_CATEGORIES,
  blockerFigures,
  blockerListHref,
  ESCALATION_LEVELS,
  listBlockers,
  parseBlockerQuery,
} from "@/lib/schedule/blockers";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("schedule"))("blockersTitle") };
}

/** Open blockers by oblast, category and age, overdue first, each linking to its project. */
export default async function BlockersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const query = parseBlockerQuery(await searchParams);
  const [t, locale, result, figures] = await Promise.all([
    getTranslations(),
    getLocale() as Promise<Locale>,
    listBlockers(user, query),
    blockerFigures(user, { oblast: query.oblast, sector: query.sector, kind: query.kind, mine: query.mine }),
  ]);
  // The photos and documents of the listed blockers (those the user may see), small, under each description.
  const evidence = await evidenceForBlockers(
    user,
    result.blockers.map((blocker) => blocker.id),
    locale,
  );
  const figureFilter = { oblast: query.oblast, sector: query.sector, kind: query.kind, mine: query.mine };
  const { page: _page, ...filters } = query;
  const params = Object.fromEntries(
    Object.entries(filters).flatMap(([key, value]) => (value ? [[key, String(value)]] : [])),
  );
  const visibleOblasts = scopedOblastId(user) === null ? OBLASTS : [];
  const fields: FilterField[] = [
    {
      name: "state",
      label: t("schedule.state"),
      value: query.state,
      options: (["open", "overdue", "closed", "all"] as const).map((state) => ({
        value: state,
        label: t(`schedule.states.${state}`),
      })),
    },
    ...(visibleOblasts.length > 0
      ? [
          {
            name: "oblast",
            label: t("projects.oblast"),
            value: query.oblast,
            options: visibleOblasts.map((oblast) => ({ value: oblast.code, label: localizedName(oblast, locale) })),
          },
        ]
      : []),
    {
      name: "category",
      label: t("schedule.category"),
      value: query.category,
      options: BLOCKER_CATEGORIES.map((code) => ({ value: code, label: t(`schedule.categories.${code}`) })),
    },
    {
      name: "escalation",
      label: t("schedule.escalation"),
      value: query.escalation,
      options: ESCALATION_LEVELS.map((code) => ({ value: code, label: t(`schedule.escalations.${code}`) })),
    },
    {
      name: "mine",
      label: t("myProjects.filterLabel"),
      value: query.mine,
      options: [{ value: "1", label: t("myProjects.filterMine") }],
    },
  ];
  const day = (iso: string | null) => (iso ? formatDate(locale, iso) : "—");
  return (
    <>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("schedule.blockersTitle")}</h1>
        <p className="text-sm text-slate-700" data-testid="blocker-figures">
          <Link href={blockerListHref("open", figureFilter)} className="text-brand underline">
            {t("schedule.openCount", { count: figures.open })}
          </Link>
          {" · "}
          <Link href={blockerListHref("overdue", figureFilter)} className="text-brand underline">
            {t("schedule.overdueCount", { count: figures.overdue })}
          </Link>
        </p>
      </div>
      <ListFilters search={query.q ?? ""} searchLabel={t("schedule.searchBlockers")} fields={fields} />
      {query.period && query.from && query.to && (
        <p className="mb-2 text-sm text-slate-700" data-testid="blocker-period">
          {t(query.period === "raised" ? "periodBlockers.filterRaised" : "periodBlockers.filterResolved", {
            from: formatDate(locale, query.from),
            to: formatDate(locale, query.to),
          })}{" "}
          <Link
            href={`/blockers?${new URLSearchParams(
              Object.entries(params).filter(([key]) => !["period", "from", "to"].includes(key)),
            )}`}
            className="text-brand underline"
          >
            {t("periodBlockers.clearPeriod")}
          </Link>
        </p>
      )}
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p className="text-slate-600" data-testid="blocker-count">
          {t("schedule.listCount", { count: result.total })}
        </p>
        {can(user, "report.export") && result.total > 0 && (
          <span className="flex flex-wrap gap-3">
            <ExportLinks
              path="/blockers/export"
              params={params}
              locale={locale}
              labels={{ otherSeparator: t("exports.otherSeparator") }}
            />
          </span>
        )}
      </div>
      {result.blockers.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-slate-700">
          {t("schedule.noBlockers")}
        </p>
      ) : (
        <ListTable
          label={t("schedule.blockersTitle")}
          columns={[
            { label: t("projects.columnCode") },
            { label: t("schedule.description") },
            { label: t("schedule.category"), className: "hidden md:table-cell" },
            { label: t("schedule.escalation") },
            { label: t("schedule.dueDate") },
            { label: t("schedule.age"), className: "hidden sm:table-cell" },
            { label: t("schedule.responsibleUser"), className: "hidden lg:table-cell" },
          ]}
        >
          {result.blockers.map((blocker) => (
            <tr key={blocker.id} className="border-t border-slate-200 align-top" data-testid="blocker-row">
              <td className="px-3 py-2 whitespace-nowrap">
                <Link href={`/projects/${blocker.projectCode}`} className="font-mono text-brand underline">
                  {blocker.projectCode}
                </Link>
              </td>
              <td className="px-3 py-2">
                <span className="block text-xs text-slate-600">{localizedName(blocker.projectName, locale)}</span>
                {blocker.description}
                {evidence[blocker.id] && (
                  <div className="mt-1" data-testid="blocker-row-evidence">
                    <EvidenceGallery files={evidence[blocker.id]!} />
                  </div>
                )}
              </td>
              <td className="hidden px-3 py-2 md:table-cell">{t(`schedule.categories.${blocker.category}`)}</td>
              <td className="px-3 py-2">{t(`schedule.escalations.${blocker.escalation}`)}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {day(blocker.dueDate)}
                {blocker.overdue && (
                  <span className="ml-1 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">
                    {t("schedule.overdue")}
                  </span>
                )}
              </td>
              <td className="hidden px-3 py-2 sm:table-cell">{t("schedule.slip", { days: blocker.ageDays })}</td>
              <td className="hidden px-3 py-2 lg:table-cell">
                {blocker.responsibleName ?? blocker.responsibleAgency ?? "—"}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={result.page} pages={result.pages} params={params} />
    </>
  );
}
