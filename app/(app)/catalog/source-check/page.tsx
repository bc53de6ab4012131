import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { z } from "zod";
import { CatalogNote } from "@/components/catalog-note";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import type { TContradiction } from "@/lib/catalog/catalog-schema";
import { lineLocation } from "@/lib/catalog/decree-text";
import { locationLabel } from "@/lib/catalog/location-label";
import { decreeHref } from "@/lib/catalog/note-text";
import type { Reconciliation } from "@/lib/catalog/reconcile";
import { getSourceCheck } from "@/lib/catalog/source-check";
import { localizedNote, type Locale } from "@/lib/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sourceCheck"))("title") };
}

const ZParams = z.object({ show: z.enum(["all", "differences"]).catch("all") });

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SourceCheckPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  if (!can(user, "catalog.sourceCheck")) forbidden();
  const { show } = ZParams.parse({ show: (await searchParams).show });
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale() as Promise<Locale>]);
  const { rows, contradictions, summary } = getSourceCheck();
  const tr = t as unknown as (key: string, values?: Record<string, string | number>) => string;
  const where = (line: number) => locationLabel(lineLocation(line), tr);
  const value = (amount: number, unit: string | null) =>
    `${format.number(amount)}${unit ? ` ${t(`units.${unit}` as "units.km")}` : ""}`;
  const contradictionById = new Map(contradictions.map((item) => [item.id, item]));
  const differences = rows.filter((row) => row.comparable && !row.agrees);
  const shown = show === "differences" ? differences : rows;
  const summaryText = (item: TContradiction) =>
    ({ kk: item.summaryKk, ru: item.summaryRu, en: item.summaryEn })[locale];

  const verdict = (row: Reconciliation) => {
    if (!row.comparable) return { label: t("sourceReview.informational"), tone: "bg-slate-100 text-slate-800" };
    if (row.agrees) return { label: t("sourceReview.agrees"), tone: "bg-emerald-100 text-emerald-900" };
    return row.total.contradiction
      ? { label: t("sourceReview.differsDecree"), tone: "bg-amber-100 text-amber-900" }
      : { label: t("sourceReview.differsCatalog"), tone: "bg-red-100 text-red-900" };
  };
  const why = (row: Reconciliation) => {
    const contradiction = row.total.contradiction ? contradictionById.get(row.total.contradiction) : undefined;
    if (row.comparable && !row.agrees) return contradiction ? summaryText(contradiction) : t("sourceReview.whyCatalog");
    if (!row.comparable) {
      const base = t("sourceReview.whyInformational");
      return contradiction ? `${base} ${summaryText(contradiction)}` : base;
    }
    return t("sourceReview.whyAgrees");
  };

  return (
    <>
      <h1 className="text-2xl font-bold">{t("sourceCheck.title")}</h1>
      <p className="mt-2 max-w-3xl text-base leading-relaxed text-slate-800" data-testid="source-check-summary">
        {t("sourceReview.summary", { ...summary })}
      </p>
      <nav aria-label={t("sourceReview.filterLabel")} className="mt-4 flex flex-wrap items-center gap-2 text-sm">
        <span className="font-semibold text-slate-700">{t("sourceReview.filterLabel")}:</span>
        {(["all", "differences"] as const).map((option) => (
          <Link
            key={option}
            href={option === "all" ? "/catalog/source-check" : "/catalog/source-check?show=differences"}
            aria-current={show === option ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${show === option ? "border-brand bg-brand text-white" : "border-slate-300 bg-white text-slate-800 hover:border-brand"}`}
          >
            {option === "all"
              ? t("sourceReview.showAll", { count: rows.length })
              : t("sourceReview.showDifferences", { count: differences.length })}
          </Link>
        ))}
        <a href="#contradictions" className="px-2 py-1 text-brand underline">
          {t("sourceReview.toContradictions", { count: contradictions.length })}
        </a>
      </nav>

      <ol className="mt-4 space-y-3" data-testid="source-check-rows">
        {shown.length === 0 && <li className="rounded-lg bg-white p-4">{t("sourceReview.noDifferences")}</li>}
        {shown.map((row) => {
          const { label, tone } = verdict(row);
          const note = localizedNote(row.total, locale);
          return (
            <li key={row.total.id} id={row.total.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <article aria-labelledby={`${row.total.id}-verdict`}>
                <p id={`${row.total.id}-verdict`}>
                  <span className={`rounded px-2 py-0.5 text-xs font-semibold ${tone}`}>{label}</span>
                </p>
                <p className="mt-2 text-sm font-semibold text-slate-700">
                  {t("sourceReview.decreeSays")} (
                  <Link href={decreeHref(row.total.line)} className="text-brand underline">
                    {where(row.total.line)}
                  </Link>
                  ):
                </p>
                <blockquote lang="kk" className="mt-1 border-l-4 border-brand/40 pl-3 text-sm text-slate-900">
                  {row.total.statement}
                </blockquote>
                <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
                  <dt className="font-semibold text-slate-700">{t("sourceReview.stated")}</dt>
                  <dd className="tabular-nums">{value(row.total.value, row.total.unit)}</dd>
                  {row.comparable && (
                    <>
                      <dt className="font-semibold text-slate-700">{t("sourceReview.catalogSum")}</dt>
                      <dd className="tabular-nums">
                        {value(row.catalogValue, row.total.aggregate === "count" ? null : row.total.unit)} (
                        {t("sourceReview.projects", { count: row.recordCodes.length })})
                      </dd>
                    </>
                  )}
                  <dt className="font-semibold text-slate-700">{t("sourceReview.why")}</dt>
                  <dd>{why(row)}</dd>
                </dl>
                {row.conflicts.map((other) => (
                  <p key={other.id} className="mt-2 text-sm text-amber-900">
                    {t("sourceReview.alsoStated", { value: value(other.value, other.unit), where: where(other.line) })}{" "}
                    <a href={`#${other.id}`} className="underline">
                      ↓
                    </a>
                  </p>
                ))}
                <details className="mt-3 text-xs text-slate-700">
                  <summary className="cursor-pointer text-sm text-brand">{t("sourceReview.details")}</summary>
                  <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
                    <dt className="font-semibold">{t("sourceReview.id")}</dt>
                    <dd className="font-mono">{row.total.id}</dd>
                    <dt className="font-semibold">{t("sourceReview.file")}</dt>
                    <dd className="font-mono">prisma/catalog/{row.total.file}</dd>
                    <dt className="font-semibold">{t("sourceReview.match")}</dt>
                    <dd className="break-all font-mono">{JSON.stringify(row.total.match)}</dd>
                    <dt className="font-semibold">{t("sourceReview.records")}</dt>
                    <dd className="break-words font-mono">
                      {row.recordCodes.length === 0
                        ? t("sourceReview.noRecords")
                        : row.recordCodes.map((code, index) => (
                            <span key={code}>
                              {index > 0 && ", "}
                              <Link href={`/projects/${code}`} className="underline">
                                {code}
                              </Link>
                            </span>
                          ))}
                    </dd>
                    {note && (
                      <>
                        <dt className="font-semibold">{t("sourceReview.analystNote")}</dt>
                        <dd>
                          <CatalogNote note={note} linkTitle={t("decreeText.open")} />
                        </dd>
                      </>
                    )}
                  </dl>
                </details>
              </article>
            </li>
          );
        })}
      </ol>

      <section id="contradictions" aria-labelledby="contradictions-title" className="mt-10">
        <h2 id="contradictions-title" className="text-xl font-bold">
          {t("sourceReview.contradictionsTitle")} ({contradictions.length})
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("sourceReview.contradictionsIntro")}</p>
        <ol className="mt-4 space-y-3" data-testid="contradictions">
          {contradictions.map((item) => (
            <li
              key={item.id}
              id={`contradiction-${item.id}`}
              className="rounded-lg border border-slate-200 bg-white p-4"
            >
              <p className="text-xs font-semibold uppercase tracking-wide text-amber-900">
                {t(`sourceReview.kind_${item.kind}` as "sourceReview.kind_numbers")}
              </p>
              <p className="mt-1 text-sm text-slate-900">{summaryText(item)}</p>
              <div className="mt-2 grid gap-3 md:grid-cols-2">
                {item.passages.map((passage, index) => (
                  <figure key={`${passage.line}-${index}`} className="rounded bg-slate-50 p-2">
                    <figcaption className="text-xs font-semibold text-slate-700">
                      {t("sourceReview.passage", { n: index + 1 })}:{" "}
                      <Link href={decreeHref(passage.line)} className="text-brand underline">
                        {where(passage.line)}
                      </Link>
                    </figcaption>
                    <blockquote lang="kk" className="mt-1 text-sm text-slate-900">
                      {passage.quote}
                    </blockquote>
                  </figure>
                ))}
              </div>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
