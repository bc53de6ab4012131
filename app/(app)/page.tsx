import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge } from "@/components/status-badge";
import { requireUser } from "@/lib/auth/current-user";
import { getStatusSummary } from "@/lib/dashboard/status-summary";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { OBLASTS, PROJECT_STATUSES } from "@/lib/reference-data";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage() {
  const user = await requireUser();
  const [t, format, locale, summary] = await Promise.all([getTranslations(), getFormatter(), getLocale(), getStatusSummary(user)]);
  const oblast = OBLASTS.find((candidate) => candidate.code === user.oblastCode);
  const scope = oblast ? localizedName(oblast, locale as Locale) : t("dashboard.scopeRegion");

  if (summary.total === 0) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-bold">{t("dashboard.title")}</h1>
        <EmptyState title={t("dashboard.emptyTitle")} body={t("dashboard.emptyBody")} />
      </>
    );
  }

  const figures = [
    { label: t("dashboard.total"), value: summary.total, href: "/projects" },
    { label: t("dashboard.completed"), value: summary.byStatus.COMPLETED, href: "/projects?status=COMPLETED" },
    { label: t("dashboard.inProgress"), value: summary.byStatus.IN_PROGRESS, href: "/projects?status=IN_PROGRESS" },
    { label: t("dashboard.notStarted"), value: summary.byStatus.PLANNED + summary.byStatus.DESIGN, href: "/projects?status=PLANNED" },
    { label: t("dashboard.paused"), value: summary.byStatus.PAUSED, href: "/projects?status=PAUSED" },
  ];
  return (
    <>
      <h1 className="text-2xl font-bold">{t("dashboard.title")}</h1>
      <p className="mb-6 text-sm text-slate-600">{scope}</p>
      <section aria-label={t("dashboard.title")} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {figures.map((figure) => (
          <Link key={figure.label} href={figure.href} className="rounded-lg border border-slate-200 bg-white p-4 hover:border-brand">
            <p className="text-sm text-slate-600">{figure.label}</p>
            <p className="mt-1 text-3xl font-bold tabular-nums">{format.number(figure.value)}</p>
          </Link>
        ))}
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-sm text-slate-600">{t("dashboard.averageCompletion")}</p>
          <p className="mt-1 text-3xl font-bold tabular-nums">{format.number(summary.averagePercent / 100, { style: "percent", maximumFractionDigits: 1 })}</p>
        </div>
      </section>
      {summary.updatedProjects === 0 && <p className="mt-4 rounded border border-slate-200 bg-white p-3 text-sm text-slate-700">{t("dashboard.noProgressYet")}</p>}
      <section className="mt-8">
        <h2 className="mb-3 text-lg font-semibold">{t("dashboard.byStatus")}</h2>
        <table className="w-full max-w-xl border-collapse overflow-hidden rounded-lg bg-white text-sm">
          <tbody>
            {PROJECT_STATUSES.map((status) => (
              <tr key={status} className="border-b border-slate-200">
                <td className="px-3 py-2"><Link href={`/projects?status=${status}`} className="hover:underline"><StatusBadge status={status} /></Link></td>
                <td className="px-3 py-2 text-right tabular-nums">{format.number(summary.byStatus[status])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
