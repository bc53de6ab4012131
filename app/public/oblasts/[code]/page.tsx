import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { parseKindChoice } from "@/lib/figures/figure-names";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { OBLASTS } from "@/lib/reference-data";
import { PublicDashboard } from "../../_public-dashboard";

type Params = Promise<{ code: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { code } = await params;
  const oblast = OBLASTS.find((candidate) => candidate.code === code);
  const [t, locale] = await Promise.all([getTranslations("publicView"), getLocale() as Promise<Locale>]);
  return { title: oblast ? t("oblastTitle", { oblast: localizedName(oblast, locale) }) : t("title") };
}

/** One oblast's public view (its projects include the inter-oblast ones touching it, as on its dashboard). */
export default async function PublicOblastPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { code } = await params;
  const oblast = OBLASTS.find((candidate) => candidate.code === code);
  if (!oblast) notFound();
  const [t, locale, query] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>, searchParams]);
  return (
    <>
      <p className="text-sm">
        <Link href="/public" className="text-brand underline">
          {t("publicView.region")}
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold">{localizedName(oblast, locale)}</h1>
      <PublicDashboard
        oblastCode={oblast.code}
        kind={parseKindChoice(query.kind)}
        basePath={`/public/oblasts/${oblast.code}`}
      />
    </>
  );
}
