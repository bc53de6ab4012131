import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { decreeExcerpt, decreeLineCount } from "@/lib/catalog/decree-text";
import { locationLabel } from "@/lib/catalog/location-label";
import { decreeHref } from "@/lib/catalog/note-text";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("decreeText"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DecreeTextPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  if (!can(user, "catalog.sourceCheck")) forbidden();
  const t = await getTranslations();
  const parsed = z.coerce
    .number()
    .int()
    .min(1)
    .max(decreeLineCount())
    .safeParse((await searchParams).line ?? 87);
  if (!parsed.success) {
    return (
      <>
        <h1 className="text-2xl font-bold">{t("decreeText.title")}</h1>
        <p className="mt-4 rounded-lg border border-slate-200 bg-white p-4" role="alert">
          {t("decreeText.badLine")}
        </p>
      </>
    );
  }
  const line = parsed.data;
  const excerpt = decreeExcerpt(line);
  const tr = t as unknown as (key: string, values?: Record<string, string | number>) => string;
  return (
    <>
      <h1 className="text-2xl font-bold">{t("decreeText.title")}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("decreeText.intro")}</p>
      <p className="mt-3 text-lg font-semibold" data-testid="decree-location">
        {locationLabel(excerpt, tr)}
        <span className="ml-2 text-sm font-normal text-slate-600">
          {t("decreeText.lines", { from: excerpt.from, to: excerpt.to })}
        </span>
      </p>
      <nav className="mt-2 flex gap-4 text-sm" aria-label={t("decreeText.title")}>
        {excerpt.from > 1 && (
          <Link href={decreeHref(Math.max(1, line - 24))} className="text-brand underline">
            ↑ {t("decreeText.earlier")}
          </Link>
        )}
        {excerpt.to < decreeLineCount() && (
          <Link href={decreeHref(line + 24)} className="text-brand underline">
            ↓ {t("decreeText.later")}
          </Link>
        )}
      </nav>
      <ol
        lang="kk"
        start={excerpt.from}
        className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white py-2 font-serif text-sm"
      >
        {excerpt.lines.map((item) => (
          <li
            key={item.line}
            id={`L${item.line}`}
            aria-current={item.line === line ? "location" : undefined}
            className={`whitespace-pre-wrap px-3 py-0.5 ${item.line === line ? "bg-amber-100 font-semibold" : ""}`}
          >
            {item.line === line && <span className="sr-only">{t("decreeText.cited")}: </span>}
            {item.text.trim() === "" ? "\u00a0" : item.text.trim()}
          </li>
        ))}
      </ol>
    </>
  );
}
