// The filter fields of a project list (sector, category, kind, horizon, oblast, district, status), translated: one
// definition for every page that filters projects the same way. Pure: the page passes the districts it read.
import type { FilterField } from "./list-filters";

type Named = { code: string; nameKk: string; nameRu?: string | null; nameEn?: string | null };
type Translate = (key: string) => string;

export function projectFilterFields({
  t,
  name,
  query,
  sectors,
  categories,
  horizons,
  oblasts,
  districts,
  statuses,
}: {
  t: Translate;
  name: (item: Named) => string;
  query: Partial<Record<"sector" | "category" | "kind" | "horizon" | "oblast" | "district" | "status", string>>;
  sectors: readonly Named[];
  categories: readonly (Named & { sectorCode: string })[];
  horizons: readonly number[];
  oblasts: readonly Named[];
  districts: readonly Named[];
  statuses: readonly string[];
}): FilterField[] {
  const shown = query.sector ? categories.filter((category) => category.sectorCode === query.sector) : categories;
  const options = (items: readonly Named[]) => items.map((item) => ({ value: item.code, label: name(item) }));
  return [
    { name: "sector", label: t("projects.sector"), value: query.sector, options: options(sectors) },
    { name: "category", label: t("projects.category"), value: query.category, options: options(shown) },
    {
      name: "kind",
      label: t("projects.kind"),
      value: query.kind,
      options: ["OBJECT", "MEASURE"].map((kind) => ({ value: kind, label: t(`kinds.${kind}`) })),
    },
    {
      name: "horizon",
      label: t("projects.horizon"),
      value: query.horizon,
      options: [
        ...horizons.map((year) => ({ value: String(year), label: String(year) })),
        { value: "none", label: t("horizon.none") },
      ],
    },
    { name: "oblast", label: t("projects.oblast"), value: query.oblast, options: options(oblasts) },
    { name: "district", label: t("projects.district"), value: query.district, options: options(districts) },
    {
      name: "status",
      label: t("projects.status"),
      value: query.status,
      options: statuses.map((status) => ({ value: status, label: t(`statuses.${status}`) })),
    },
  ];
}
