import { useTranslations } from "next-intl";
import Link from "next/link";

export type FilterOption = { value: string; label: string };
export type FilterField = { name: string; label: string; options: FilterOption[]; value: string | undefined };

/**
 * A plain GET form of filters (projects, users, field reports…): they live in the URL, so any list can be bookmarked
 * or shared. Without `search` there is no search box; `hidden` values (a tab) are kept when the filters change, and
 * "reset" goes to `resetHref`.
 */
export function ListFilters({
  search,
  searchLabel,
  fields,
  sort,
  hidden = {},
  resetHref = "?",
}: {
  search?: string;
  searchLabel?: string;
  fields: FilterField[];
  sort?: FilterField;
  hidden?: Record<string, string>;
  resetHref?: string;
}) {
  const t = useTranslations();
  return (
    <form
      method="get"
      className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
      role="search"
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {search !== undefined && (
        <div className="sm:col-span-2">
          <label htmlFor="q" className="block text-xs font-semibold text-slate-700">
            {searchLabel ?? t("projects.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={search}
            maxLength={200}
            placeholder={searchLabel ? undefined : t("projects.searchPlaceholder")}
            className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm"
          />
        </div>
      )}
      {[...fields, ...(sort ? [sort] : [])].map((field) => (
        <div key={field.name}>
          <label htmlFor={`filter-${field.name}`} className="block text-xs font-semibold text-slate-700">
            {field.label}
          </label>
          <select
            id={`filter-${field.name}`}
            name={field.name}
            defaultValue={field.value ?? ""}
            className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-2 text-sm"
          >
            {field !== sort && <option value="">{t("common.all")}</option>}
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-dark"
        >
          {t("common.apply")}
        </button>
        <Link href={resetHref} className="rounded border border-slate-300 px-4 py-2 text-sm hover:border-brand">
          {t("common.reset")}
        </Link>
      </div>
    </form>
  );
}
