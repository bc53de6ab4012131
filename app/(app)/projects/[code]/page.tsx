import { formatDate } from "@/lib/format/format";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProgressBar } from "@/components/progress-bar";
import { FieldReportCard } from "@/components/field-report-card";
import { ProgressForm } from "@/components/progress-form";
import { ProjectDetailsForm } from "@/components/project-details-form";
import { DetailHistory } from "@/components/detail-history";
import { ProjectHistory } from "@/components/project-history";
import { ProjectResponsibility } from "@/components/project-responsibility";
import { StatusBadge } from "@/components/status-badge";
import { TabLinks } from "@/components/tab-links";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { evidenceByUpdate, evidenceForFieldReports, evidenceForProject } from "@/lib/evidence/read-evidence";
import { fieldReportsOnProject } from "@/lib/field-reports/list-field-reports";
import { MILESTONE_STATUSES } from "@/lib/schedule/milestones";
import { detailChanges } from "@/lib/figures/detail-history";
import { capitalizedName, isUntranslated, localizedName, localizedNote, type Locale } from "@/lib/i18n/locales";
import { DecreeSource } from "@/components/decree-source";
import { FactList } from "@/components/fact-list";
import { isoDate, todayInKazakhstan } from "@/lib/progress/calendar";
import { nextStatuses } from "@/lib/progress/lifecycle";
import { getProjectForUser } from "@/lib/projects/get-project";
import { assignableUsers, projectResponsibility } from "@/lib/projects/responsibility";
import { recordProgressAction, submitFieldReportAction, updateDetailsAction } from "./actions";
import { DeliverySection } from "./delivery-section";
import { proposalMilestones } from "./proposal-milestones";
import { EvidenceTab, evidenceFilterOf } from "./evidence-tab";
import { assignResponsibilityAction, watchProjectAction } from "./responsibility-actions";

type Params = Promise<{ code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await params).code };
}

const dateOrNull = (value: Date | null) => (value ? isoDate(value) : null);

const RESPONSIBILITY_OUTCOMES = ["saved", "forbidden", "notFound", "invalid", "invalidOfficer", "invalidContact"];

export default async function ProjectPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const { code } = await params;
  // Next hands the segment over decoded; anything that is not a project code is simply not found.
  const project = await getProjectForUser(user, code);
  if (!project) notFound();
  const scope = { oblastIds: project.oblasts.map((link) => link.oblastId) };
  const canAssign = can(user, "project.assignResponsibility");
  const locale = (await getLocale()) as Locale;
  const [t, format, fieldReports, responsibility, assignable, query, evidence] = await Promise.all([
    getTranslations(),
    getFormatter(),
    fieldReportsOnProject(user, project.id),
    projectResponsibility(user, project.id),
    canAssign ? assignableUsers(scope.oblastIds) : null,
    searchParams,
    evidenceForProject(user, project.id, locale),
  ]);
  const reportEvidence = await evidenceForFieldReports(
    user,
    fieldReports.reports.map((report) => report.id),
    locale,
  );
  // The page's tabs (`?tab=evidence`): the overview (the project, its delivery, its forms and timeline) or its files.
  const tab = query.tab === "evidence" ? "evidence" : "overview";
  const outcome = typeof query.responsibility === "string" ? query.responsibility : "";
  const responsibilityMessage = RESPONSIBILITY_OUTCOMES.includes(outcome)
    ? outcome === "saved"
      ? t("notifications.responsibility.saved")
      : t(`notifications.responsibility.errors.${outcome as "forbidden"}`)
    : null;
  const unitLabel = project.unit ? t(`units.${project.unit}` as "units.km") : null;
  const quantity = (value: number | null) =>
    value === null || !unitLabel ? t("common.notAvailable") : `${format.number(value)} ${unitLabel}`;
  const money = (value: number | null) =>
    value === null
      ? t("common.notAvailable")
      : format.number(value, { style: "currency", currency: "KZT", maximumFractionDigits: 0 });
  const date = (value: Date | null) => (value ? formatDate(locale, value) : t("common.notAvailable"));
  const today = todayInKazakhstan();
  const sourceNote = localizedNote(
    { noteKk: project.sourceNoteKk, noteRu: project.sourceNoteRu, noteEn: project.sourceNoteEn },
    locale,
  );
  const formProject = {
    code: project.code,
    version: project.version,
    status: project.status,
    percentComplete: project.percentComplete,
    quantityDone: project.quantityDone,
    plannedQuantity: project.plannedQuantity,
    unitLabel,
    forecastFinish: dateOrNull(project.forecastFinish),
    pauseReason: project.pauseReason,
  };

  const facts: [string, React.ReactNode][] = [
    [t("project.kind"), t(`kinds.${project.kind}`)],
    [
      t("project.category"),
      `${localizedName(project.category.sector, locale)} › ${localizedName(project.category, locale)}`,
    ],
    [t("project.action"), t(`actions.${project.action}`)],
    [t("horizon.label"), project.horizon ? t("horizon.year", { year: String(project.horizon) }) : t("horizon.none")],
    [t("project.oblasts"), project.oblasts.map((link) => localizedName(link.oblast, locale)).join(", ")],
    [t("project.district"), project.district ? localizedName(project.district, locale) : t("common.notAvailable")],
    [t("project.place"), project.place ?? t("common.notAvailable")],
    [t("project.plannedQuantity"), quantity(project.plannedQuantity)],
    [t("project.quantityDone"), quantity(project.quantityDone)],
    [t("details.responsibleOrganisation"), project.responsibleOrganisation ?? t("common.notAvailable")],
    [t("details.baselineFinish"), date(project.baselineFinish)],
    [t("details.forecastFinish"), date(project.forecastFinish)],
    [t("details.budgetForecast"), money(project.budgetForecast)],
    [t("details.budgetSpent"), money(project.budgetSpent)],
    [t("confidence.label"), project.confidence ? t(`confidence.${project.confidence}`) : t("confidence.none")],
  ];

  return (
    <article>
      <Link href="/projects" className="text-sm text-brand hover:underline no-print">
        ← {t("project.back")}
      </Link>
      <p className="mt-3 font-mono text-sm text-slate-600">{project.code}</p>
      <h1 className="text-2xl font-bold" lang={isUntranslated(project, locale) ? "kk" : locale}>
        {localizedName(project, locale)}
      </h1>
      {/\[[^\]]+\]$/.test(project.nameKk) && <p className="mt-1 text-xs text-slate-600">{t("catalogNames.added")}</p>}
      {locale !== "kk" && (
        <p className="mt-1 text-sm text-slate-600" lang="kk">
          <span className="font-semibold">{t("common.kazakhOriginal")}:</span> {capitalizedName(project.nameKk)}
        </p>
      )}
      {project.withdrawnAt && (
        <p className="mt-2 rounded bg-amber-100 px-3 py-1 text-sm text-amber-900">{t("projects.withdrawn")}</p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <StatusBadge status={project.status} />
        <ProgressBar percent={project.percentComplete} label={t("project.percentComplete")} />
        {project.pauseReason && (
          <span className="text-sm text-slate-700">
            {t("history.pauseReason", { reason: t(`pauseReasons.${project.pauseReason}`) })}
          </span>
        )}
      </div>

      <div className="mt-6">
        <TabLinks
          label={t("projectTabs.tabs")}
          selected={tab}
          panelId="project-panel"
          tabs={[
            { id: "overview", label: t("projectTabs.overview"), href: `/projects/${project.code}` },
            {
              id: "evidence",
              label: t("projectTabs.evidence", { count: evidence.filter((file) => !file.withdrawn).length }),
              href: `/projects/${project.code}?tab=evidence`,
            },
          ]}
        />
      </div>
      <div role="tabpanel" id="project-panel" aria-labelledby={`tab-${tab}`}>
        {tab === "evidence" ? (
          <div className="mt-6">
            <EvidenceTab project={project} files={evidence} filter={evidenceFilterOf(query.kind)} />
          </div>
        ) : (
          <>
            <div className="mt-6 grid gap-6 lg:grid-cols-2">
              <FactList facts={facts} />
              <DecreeSource
                title={t("project.source")}
                pointLabel={t("project.point", { point: project.sourcePoint })}
                lineLabel={t("project.line", { line: String(project.sourceLine) })}
                line={project.sourceLine}
                excerpt={project.sourceExcerpt}
                note={sourceNote}
                noteLabel={t("project.note")}
                decreeLinkLabel={t("decreeText.open")}
              />
            </div>

            <ProjectResponsibility
              projectCode={project.code}
              officer={responsibility.officer}
              contacts={responsibility.contacts}
              watching={responsibility.watching}
              canWatch={can(user, "project.watch", scope)}
              watchAction={watchProjectAction}
              message={responsibilityMessage}
              assign={
                assignable
                  ? {
                      officers: assignable.officers,
                      contactOptions: assignable.contacts,
                      action: assignResponsibilityAction,
                    }
                  : null
              }
              labels={{
                title: t("notifications.responsibility.title"),
                officer: t("notifications.responsibility.officer"),
                contacts: t("notifications.responsibility.contacts"),
                none: t("notifications.responsibility.none"),
                watch: t("notifications.responsibility.watch"),
                unwatch: t("notifications.responsibility.unwatch"),
                watching: t("notifications.responsibility.watching"),
                notWatching: t("notifications.responsibility.notWatching"),
                assign: t("notifications.responsibility.assign"),
                chooseOfficer: t("notifications.responsibility.chooseOfficer"),
                chooseContacts: t("notifications.responsibility.chooseContacts"),
                clear: t("notifications.responsibility.clear"),
              }}
            />

            <DeliverySection user={user} project={project} evidence={evidence} />

            {can(user, "project.recordProgress", scope) && !project.withdrawnAt && (
              <FormSection id="progress-heading" title={t("progress.title")}>
                <ProgressForm
                  project={formProject}
                  statuses={nextStatuses(project.status)}
                  today={today}
                  mode="record"
                  action={recordProgressAction}
                  withEvidence
                />
              </FormSection>
            )}
            {can(user, "fieldReport.submit", scope) && !project.withdrawnAt && (
              <FormSection id="report-heading" title={t("fieldReports.submitTitle")}>
                <ProgressForm
                  project={formProject}
                  statuses={nextStatuses(project.status)}
                  today={today}
                  mode="fieldReport"
                  action={submitFieldReportAction}
                  withEvidence
                  milestones={await proposalMilestones(project.id, t)}
                  milestoneStatuses={MILESTONE_STATUSES}
                />
              </FormSection>
            )}
            {fieldReports.reports.length > 0 && (
              <section
                className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4"
                aria-labelledby="reports-heading"
                data-testid="project-field-reports"
              >
                <h2 id="reports-heading" className="text-lg font-semibold">
                  {fieldReports.mode === "review" ? t("fieldReports.pendingOnProject") : t("progressChange.own.title")}
                </h2>
                {fieldReports.mode === "review" && (
                  <Link href="/field-reports" className="text-sm text-brand underline">
                    {t("fieldReports.title")}
                  </Link>
                )}
                <ol className="mt-2 space-y-3">
                  {fieldReports.reports.map((report) => (
                    <li key={report.id}>
                      <FieldReportCard
                        report={report}
                        locale={locale}
                        showProject={false}
                        evidence={reportEvidence[report.id] ?? []}
                      />
                    </li>
                  ))}
                </ol>
              </section>
            )}
            {can(user, "project.editDetails", scope) && !project.withdrawnAt && (
              <details className="mt-6 rounded-lg border border-slate-200 bg-white p-4 no-print">
                <summary className="cursor-pointer text-lg font-semibold">{t("details.edit")}</summary>
                <div className="mt-3">
                  <ProjectDetailsForm
                    action={updateDetailsAction}
                    project={{
                      code: project.code,
                      version: project.version,
                      responsibleOrganisation: project.responsibleOrganisation,
                      baselineStart: dateOrNull(project.baselineStart),
                      baselineFinish: dateOrNull(project.baselineFinish),
                      forecastStart: dateOrNull(project.forecastStart),
                      forecastFinish: dateOrNull(project.forecastFinish),
                      actualStart: dateOrNull(project.actualStart),
                      actualFinish: dateOrNull(project.actualFinish),
                      budgetBaseline: project.budgetBaseline,
                      budgetForecast: project.budgetForecast,
                      budgetSpent: project.budgetSpent,
                      budgetNote: project.budgetNote,
                      confidence: project.confidence,
                      confidenceReason: project.confidenceReason,
                      baselineFrozen:
                        project.status === "IN_PROGRESS" ||
                        project.status === "COMPLETED" ||
                        project.actualStart !== null,
                    }}
                  />
                </div>
              </details>
            )}

            <section className="mt-6" aria-labelledby="history-heading">
              <h2 id="history-heading" className="text-lg font-semibold">
                {t("project.history")}
              </h2>
              <ProjectHistory
                updates={project.progressUpdates}
                unitLabel={unitLabel}
                evidence={evidenceByUpdate(evidence)}
              />
            </section>

            <DetailHistory
              changes={await detailChanges(project.id)}
              locale={locale}
              labels={{
                title: t("figures.detailHistory.title"),
                empty: t("figures.detailHistory.empty"),
                by: (name) => t("history.by", { name }),
                field: (field) =>
                  field === "confidence"
                    ? t("figures.detailHistory.confidence")
                    : t(`details.${field}` as "details.title"),
              }}
              confidenceLabel={(value) => t(`confidence.${value}` as "confidence.none")}
            />
          </>
        )}
      </div>
    </article>
  );
}

/** A form's card on the project page (progress, field report): its heading names the section. */
function FormSection({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="mt-6 rounded-lg border border-slate-200 bg-white p-4 no-print" aria-labelledby={id}>
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
