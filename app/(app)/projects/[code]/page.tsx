import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProgressBar } from "@/components/progress-bar";
import { StatusBadge } from "@/components/status-badge";
import { requireUser } from "@/lib/auth/current-user";
import { isUntranslated, localizedName, type Locale } from "@/lib/i18n/locales";
import { getProjectForUser } from "@/lib/projects/get-project";

type Params = Promise<{ code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await params).code };
}

export default async function ProjectPage({ params }: { params: Params }) {
  const user = await requireUser();
  const { code } = await params;
  const project = await getProjectForUser(user, decodeURIComponent(code));
  if (!project) notFound();
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale() as Promise<Locale>]);
  const quantity = (value: number | null) =>
    value === null || !project.unit ? t("common.notAvailable") : `${format.number(value)} ${t(`units.${project.unit}` as "units.km")}`;

  const facts: [string, React.ReactNode][] = [
    [t("project.kind"), t(`kinds.${project.kind}`)],
    [t("project.category"), `${localizedName(project.category.sector, locale)} › ${localizedName(project.category, locale)}`],
    [t("project.action"), t(`actions.${project.action}`)],
    [t("horizon.label"), project.horizon ? t("horizon.year", { year: String(project.horizon) }) : t("horizon.none")],
    [t("project.oblasts"), project.oblasts.map((link) => localizedName(link.oblast, locale)).join(", ")],
    [t("project.district"), project.district ? localizedName(project.district, locale) : t("common.notAvailable")],
    [t("project.place"), project.place ?? t("common.notAvailable")],
    [t("project.plannedQuantity"), quantity(project.plannedQuantity)],
    [t("project.quantityDone"), quantity(project.quantityDone)],
  ];

  return (
    <article>
      <Link href="/projects" className="text-sm text-brand hover:underline no-print">← {t("project.back")}</Link>
      <p className="mt-3 font-mono text-sm text-slate-600">{project.code}</p>
      <h1 className="text-2xl font-bold" lang={isUntranslated(project, locale) ? "kk" : locale}>{localizedName(project, locale)}</h1>
      {locale !== "kk" && (
        <p className="mt-1 text-sm text-slate-600" lang="kk"><span className="font-semibold">{t("common.kazakhOriginal")}:</span> {project.nameKk}</p>
      )}
      {project.withdrawnAt && <p className="mt-2 rounded bg-amber-100 px-3 py-1 text-sm text-amber-900">{t("projects.withdrawn")}</p>}
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <StatusBadge status={project.status} />
        <ProgressBar percent={project.percentComplete} label={t("project.percentComplete")} />
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-3">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="font-semibold text-slate-700">{label}</dt>
                <dd className="sm:col-span-2">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="source-heading">
          <h2 id="source-heading" className="text-lg font-semibold">{t("project.source")}</h2>
          <p className="mt-1 text-sm text-slate-700">
            {t("project.point", { point: project.sourcePoint })}, {t("project.line", { line: String(project.sourceLine) })}
          </p>
          <blockquote lang="kk" className="mt-2 border-l-4 border-brand/40 pl-3 text-sm italic text-slate-800">{project.sourceExcerpt}</blockquote>
          {project.sourceNote && (
            <p className="mt-3 text-sm text-slate-700"><span className="font-semibold">{t("project.note")}:</span> {project.sourceNote}</p>
          )}
        </section>
      </div>

      <section className="mt-6" aria-labelledby="history-heading">
        <h2 id="history-heading" className="text-lg font-semibold">{t("project.history")}</h2>
        {project.progressUpdates.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t("project.historyEmpty")}</p>
        ) : (
          <ol className="mt-2 space-y-2">
            {project.progressUpdates.map((update) => (
              <li key={update.id} className="rounded border border-slate-200 bg-white p-3 text-sm">
                <div className="flex flex-wrap items-center gap-3">
                  <time dateTime={update.asOf.toISOString().slice(0, 10)}>{format.dateTime(update.asOf, { dateStyle: "medium" })}</time>
                  <StatusBadge status={update.status} />
                  <span className="tabular-nums">{update.percentComplete}%</span>
                  <span className="text-slate-600">{update.author.name}</span>
                </div>
                {update.comment && <p className="mt-1 text-slate-800">{update.comment}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
