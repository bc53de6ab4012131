import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { parseKindChoice } from "@/lib/figures/figure-names";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { OBLASTS } from "@/lib/reference-data";
import { PublicDashboard } from "./_public-dashboard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("publicView"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The region's public view: anyone, no sign-in. */
export default async function PublicRegionPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  return (
    <>
      <h1 className="text-2xl font-bold">{t("publicView.title")}</h1>
      <p className="mb-4 mt-1 max-w-3xl text-sm text-slate-700">{t("publicView.intro")}</p>
      <nav aria-label={t("publicView.oblasts")} className="mb-4 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {OBLASTS.map((oblast) => (
          <Link key={oblast.code} href={`/public/oblasts/${oblast.code}`} className="text-brand underline">
            {localizedName(oblast, locale)}
          </Link>
        ))}
      </nav>
      <PublicDashboard kind={parseKindChoice(params.kind)} basePath="/public" />
    </>
  );
}
