import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { parseKindChoice } from "@/lib/figures/figure-names";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { SECTORS } from "@/lib/reference-data";
import { DashboardWidgets } from "../../_dashboard/dashboard-page";

type Params = Promise<{ code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { code } = await params;
  const sector = SECTORS.find((candidate) => candidate.code === code);
  return { title: sector ? localizedName(sector, (await getLocale()) as Locale) : "" };
}

export default async function SectorDashboardPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const kind = parseKindChoice((await searchParams).kind);
  const { code } = await params;
  const sector = SECTORS.find((candidate) => candidate.code === code);
  if (!sector) notFound();
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  return (
    <>
      <Link href="/" className="text-sm text-brand hover:underline">
        ← {t("dashboard.title")}
      </Link>
      <h1 className="mb-4 mt-2 text-2xl font-bold">{localizedName(sector, locale)}</h1>
      <DashboardWidgets user={user} filter={{ sectorCode: sector.code, kind }} basePath={`/sectors/${sector.code}`} />
    </>
  );
}
