import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { KindSwitch } from "@/components/kind-switch";
import { requireUser } from "@/lib/auth/current-user";
import { getFigures } from "@/lib/dashboard/dashboard";
import { parseKindChoice } from "@/lib/figures/figure-names";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { OBLASTS, SECTORS } from "@/lib/reference-data";
import { DashboardWidgets } from "./_dashboard/dashboard-page";
import { MapSection } from "./_dashboard/map-section";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  // An akimat officer's home is their oblast's dashboard (with its district breakdown). Objects lead.
  const kind = parseKindChoice(params.kind);
  // "My projects" (?mine=1): the same dashboard over the projects the user is responsible for, a contact of or watches.
  const mine = (Array.isArray(params.mine) ? params.mine[0] : params.mine) === "1";
  const filter = { ...(user.oblastCode ? { oblastCode: user.oblastCode } : {}), kind, mine };
  const [t, locale, figures] = await Promise.all([
    getTranslations(),
    getLocale() as Promise<Locale>,
    getFigures(user, filter),
  ]);
  const oblast = OBLASTS.find((candidate) => candidate.code === user.oblastCode);
  return (
    <>
      <h1 className="text-2xl font-bold">{t("dashboard.title")}</h1>
      <p className="mb-4 text-sm text-slate-600">
        {oblast ? localizedName(oblast, locale) : t("dashboard.scopeRegion")}
      </p>
      <KindSwitch
        label={t("myProjects.scopeLabel")}
        current={mine ? "mine" : "all"}
        testId="scope-switch"
        options={[
          {
            value: "all",
            label: t("myProjects.scopeAll"),
            href: `/?kind=${kind}`,
          },
          { value: "mine", label: t("myProjects.scopeMine"), href: `/?kind=${kind}&mine=1` },
        ]}
      />
      {!user.oblastCode && !mine && (
        <nav aria-label={t("dashboard.otherViews")} className="mb-4 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {OBLASTS.map((oblast) => (
            <Link key={oblast.code} href={`/oblasts/${oblast.code}`} className="text-brand underline">
              {localizedName(oblast, locale)}
            </Link>
          ))}
          <span aria-hidden className="text-slate-400">
            |
          </span>
          {SECTORS.map((sector) => (
            <Link key={sector.code} href={`/sectors/${sector.code}`} className="text-brand underline">
              {localizedName(sector, locale)}
            </Link>
          ))}
        </nav>
      )}
      {figures.total === 0 && mine ? (
        <EmptyState title={t("myProjects.emptyTitle")} body={t("myProjects.emptyBody")} />
      ) : figures.total === 0 ? (
        <EmptyState title={t("dashboard.emptyTitle")} body={t("dashboard.emptyBody")} />
      ) : (
        <DashboardWidgets
          user={user}
          filter={filter}
          basePath="/"
          map={user.oblastCode || mine ? undefined : <MapSection user={user} viewerOblastCode={null} kind={kind} />}
        />
      )}
    </>
  );
}
