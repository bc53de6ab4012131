import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DecreeSource } from "@/components/decree-source";
import { FactList } from "@/components/fact-list";
import { ProgressBar } from "@/components/progress-bar";
import { StatusBadge } from "@/components/status-badge";
import { noteAsText } from "@/lib/catalog/note-text";
import { formatDate } from "@/lib/format/format";
import { capitalizedName, isUntranslated, localizedName, localizedNote, type Locale } from "@/lib/i18n/locales";
import { getPublicProject } from "@/lib/public/public-projects";
import { OBLASTS } from "@/lib/reference-data";

type Params = Promise<{ code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [project, locale] = await Promise.all([
    params.then(({ code }) => getPublicProject(code)),
    getLocale() as Promise<Locale>,
  ]);
  return { title: project ? localizedName(project, locale) : (await getTranslations("publicView"))("title") };
}

/** One project's public page: public fields and the decree citation, nothing else. */
export default async function PublicProjectPage({ params }: { params: Params }) {
  const { code } = await params;
  const project = await getPublicProject(code);
  if (!project) notFound();
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale() as Promise<Locale>]);
  const unitLabel = project.unit ? t(`units.${project.unit}` as "units.km") : null;
  const note = localizedNote(project.source, locale);
  const facts: [string, React.ReactNode][] = [
    [t("project.kind"), t(`kinds.${project.kind}`)],
    [t("project.category"), `${localizedName(project.sector, locale)} › ${localizedName(project.category, locale)}`],
    [t("project.action"), t(`actions.${project.action}`)],
    [t("horizon.label"), project.horizon ? t("horizon.year", { year: String(project.horizon) }) : t("horizon.none")],
    [
      t("project.oblasts"),
      project.oblastCodes
        .map((oblastCode) => localizedName(OBLASTS.find((oblast) => oblast.code === oblastCode)!, locale))
        .join(", "),
    ],
    [t("project.district"), project.district ? localizedName(project.district, locale) : t("common.notAvailable")],
    [t("project.place"), project.place ?? t("common.notAvailable")],
    [
      t("project.plannedQuantity"),
      project.plannedQuantity === null || !unitLabel
        ? t("common.notAvailable")
        : `${format.number(project.plannedQuantity)} ${unitLabel}`,
    ],
    [
      t("publicView.lastUpdate"),
      project.lastUpdate ? formatDate(locale, project.lastUpdate) : t("publicView.neverUpdated"),
    ],
  ];
  return (
    <article>
      <Link href="/public/projects" className="text-sm text-brand hover:underline no-print">
        ← {t("publicView.backToList")}
      </Link>
      <p className="mt-3 font-mono text-sm text-slate-600">{project.code}</p>
      <h1 className="text-2xl font-bold" lang={isUntranslated(project, locale) ? "kk" : locale}>
        {localizedName(project, locale)}
      </h1>
      {locale !== "kk" && (
        <p className="mt-1 text-sm text-slate-600" lang="kk">
          <span className="font-semibold">{t("common.kazakhOriginal")}:</span> {capitalizedName(project.nameKk)}
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <StatusBadge status={project.status} />
        <ProgressBar percent={project.percentComplete} label={t("project.percentComplete")} />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <FactList facts={facts} />
        <DecreeSource
          title={t("publicView.decree")}
          pointLabel={t("project.point", { point: project.source.point })}
          lineLabel={t("project.line", { line: String(project.source.line) })}
          line={project.source.line}
          excerpt={project.source.excerpt}
          excerptLabel={t("publicView.decreeExcerpt")}
          note={note && noteAsText(note)}
          testId="decree-citation"
        />
      </div>
    </article>
  );
}
