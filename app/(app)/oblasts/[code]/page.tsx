import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { scopedOblastId } from "@/lib/auth/permissions";
import { parseKindChoice } from "@/lib/figures/figure-names";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { OBLASTS } from "@/lib/reference-data";
import { DashboardWidgets } from "../../_dashboard/dashboard-page";
import { MapSection } from "../../_dashboard/map-section";

type Params = Promise<{ code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { code } = await params;
  const oblast = OBLASTS.find((candidate) => candidate.code === code);
  return { title: oblast ? localizedName(oblast, (await getLocale()) as Locale) : "" };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OblastDashboardPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const user = await requireUser();
  const kind = parseKindChoice((await searchParams).kind);
  const { code } = await params;
  const oblast = OBLASTS.find((candidate) => candidate.code === code);
  // An akimat officer's dashboard is their own oblast; another oblast's is not found for them.
  if (!oblast || (scopedOblastId(user) !== null && user.oblastCode !== oblast.code)) notFound();
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  return (
    <>
      <Link href="/" className="text-sm text-brand hover:underline">
        ← {t("dashboard.title")}
      </Link>
      <h1 className="mb-4 mt-2 text-2xl font-bold">{localizedName(oblast, locale)}</h1>
      <DashboardWidgets
        user={user}
        filter={{ oblastCode: oblast.code, kind }}
        basePath={`/oblasts/${oblast.code}`}
        map={<MapSection user={user} viewerOblastCode={user.oblastCode} kind={kind} highlight={oblast.code} />}
      />
    </>
  );
}
