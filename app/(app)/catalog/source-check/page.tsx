import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { forbidden } from "next/navigation";
import { ListTable } from "@/components/list-table";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getSourceCheck } from "@/lib/catalog/source-check";
import { localizedNote, type Locale } from "@/lib/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sourceCheck"))("title") };
}

export default async function SourceCheckPage() {
  const user = await requireUser();
  if (!can(user, "catalog.sourceCheck")) forbidden();
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale() as Promise<Locale>]);
  const rows = getSourceCheck();
  const value = (amount: number, unit: string | null) =>
    `${format.number(amount)}${unit ? ` ${t(`units.${unit}` as "units.km")}` : ""}`;
  return (
    <>
      <h1 className="text-2xl font-bold">{t("sourceCheck.title")}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("sourceCheck.intro")}</p>
      <p className="mb-4 mt-2 text-sm font-semibold" data-testid="source-check-summary">
        {t("sourceCheck.summary", {
          compared: rows.filter((row) => row.comparable).length,
          agree: rows.filter((row) => row.agrees).length,
          differ: rows.filter((row) => row.comparable && !row.agrees).length,
          informational: rows.filter((row) => !row.comparable).length,
        })}
      </p>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center">{t("sourceCheck.empty")}</p>
      ) : (
        <ListTable
          label={t("sourceCheck.title")}
          columns={[
            { label: t("sourceCheck.statement") },
            { label: t("sourceCheck.stated"), className: "text-right" },
            { label: t("sourceCheck.catalog"), className: "text-right" },
            { label: t("sourceCheck.difference"), className: "text-right" },
            { label: t("sourceCheck.result") },
          ]}
        >
          {rows.map((row) => (
            <tr key={row.total.id} id={row.total.id} className="border-t border-slate-200 align-top">
              <td className="px-3 py-2">
                <p lang="kk" className="text-slate-900">
                  {row.total.statement}
                </p>
                <p className="mt-1 text-xs text-slate-600">
                  {t("project.point", { point: row.total.point })},{" "}
                  {t("project.line", { line: String(row.total.line) })} ·{" "}
                  {t("sourceCheck.records", { count: row.recordCodes.length })}
                </p>
                {row.total.noteEn && <p className="mt-1 text-xs text-slate-600">{localizedNote(row.total, locale)}</p>}
                {row.conflicts.map((other) => (
                  <p key={other.id} className="mt-1 text-xs font-semibold text-amber-800">
                    {t("sourceCheck.conflict")}:{" "}
                    {t("sourceCheck.conflictWith", { value: value(other.value, other.unit), line: String(other.line) })}
                  </p>
                ))}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                {value(row.total.value, row.total.unit)}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                {row.comparable
                  ? value(row.catalogValue, row.total.aggregate === "count" ? null : row.total.unit)
                  : t("common.notAvailable")}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                {row.comparable ? format.number(row.difference) : t("common.notAvailable")}
              </td>
              <td className="px-3 py-2">
                <span
                  className={`rounded px-2 py-0.5 text-xs font-semibold ${!row.comparable ? "bg-slate-100 text-slate-800" : row.agrees ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}
                >
                  {!row.comparable
                    ? t("sourceCheck.informational")
                    : row.agrees
                      ? t("sourceCheck.match")
                      : t("sourceCheck.mismatch")}
                </span>
              </td>
            </tr>
          ))}
        </ListTable>
      )}
    </>
  );
}
