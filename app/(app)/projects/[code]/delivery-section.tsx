import { formatDate, formatDay, formatDateTime } from "@/lib/format/format";
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { EvidenceGallery } from "@/components/evidence-gallery";
import { type BlockerFormValues, BlockerForm } from "@/components/schedule/blocker-form";
import { type MilestoneFormValues, MilestoneForm } from "@/components/schedule/milestone-form";
import { type Actor, can } from "@/lib/auth/permissions";
import { type EvidenceView, evidenceBy } from "@/lib/evidence/read-evidence";
import {
  BLOCKER_CATEGORIES,
  BLOCKER_STATUSES,
  type BlockerView,
  ESCALATION_LEVELS,
  projectBlockers,
  responsibleCandidates,
} from "@/lib/schedule/blockers";
import { MILESTONE_STATUSES, MILESTONE_TYPES, type MilestoneView, projectMilestones } from "@/lib/schedule/milestones";
import { confidenceStory } from "@/lib/schedule/confidence-story";
import { slipDays } from "@/lib/schedule/slip";

/** The rating's colour, with a text label always beside it (never colour alone). */
const CONFIDENCE_STYLE = {
  GREEN: "bg-green-100 text-green-900",
  AMBER: "bg-amber-100 text-amber-900",
  RED: "bg-red-100 text-red-900",
  none: "bg-slate-100 text-slate-800",
} as const;
import { saveBlockerAction, saveMilestoneAction } from "./schedule-actions";

type Project = {
  id: number;
  code: string;
  status: string;
  withdrawnAt: Date | null;
  baselineFinish: Date | null;
  forecastFinish: Date | null;
  actualFinish: Date | null;
  oblasts: { oblastId: number }[];
};

const milestoneValues = (milestone?: MilestoneView): MilestoneFormValues => ({
  milestoneId: milestone ? String(milestone.id) : "",
  version: milestone ? String(milestone.version) : "",
  type: milestone?.type ?? "DESIGN_APPROVED",
  title: milestone?.title ?? "",
  baselineDate: milestone?.baselineDate ?? "",
  forecastDate: milestone?.forecastDate ?? "",
  actualDate: milestone?.actualDate ?? "",
  status: milestone?.status ?? "SCHEDULED",
  evidenceUrl: milestone?.evidenceUrl ?? "",
  reason: "",
});

const blockerValues = (blocker?: BlockerView): BlockerFormValues => ({
  blockerId: blocker ? String(blocker.id) : "",
  version: blocker ? String(blocker.version) : "",
  category: blocker?.category ?? "LAND",
  description: blocker?.description ?? "",
  responsibleAgency: blocker?.responsibleAgency ?? "",
  responsibleUserId: blocker?.responsibleUserId ? String(blocker.responsibleUserId) : "",
  dueDate: blocker?.dueDate ?? "",
  escalation: blocker?.escalation ?? "DISTRICT",
  status: blocker?.status ?? "OPEN",
  resolutionNote: blocker?.resolutionNote ?? "",
  note: "",
});

/**
 * The delivery story of a project on one screen: milestones with their slip, the finish against its baseline, and
 * the blockers in its way, each with who holds it and until when; forms for those who may change them.
 */
export async function DeliverySection({
  user,
  project,
  evidence = [],
}: {
  user: Actor;
  project: Project;
  /** The project's files the user may see (lib/evidence): those of milestones and blockers show beside them. */
  evidence?: EvidenceView[];
}) {
  const byMilestone = evidenceBy(evidence, "milestoneId");
  const byBlocker = evidenceBy(evidence, "blockerId");
  const scope = { oblastIds: project.oblasts.map((link) => link.oblastId) };
  const [t, locale, milestones, blockers, confidence] = await Promise.all([
    getTranslations(),
    getLocale() as Promise<Locale>,
    projectMilestones(project.id),
    projectBlockers(project.id),
    confidenceStory(project.id),
  ]);
  const editsMilestones = can(user, "milestone.edit", scope) && !project.withdrawnAt;
  const managesBlockers = can(user, "blocker.manage", scope) && !project.withdrawnAt;
  const raisesBlockers = can(user, "blocker.raise", scope) && !project.withdrawnAt;
  const people = managesBlockers || raisesBlockers ? await responsibleCandidates(scope.oblastIds) : [];
  const day = (iso: string | null) => (iso ? formatDate(locale, iso) : "—");
  const slipText = (days: number | null) =>
    days === null ? "—" : days === 0 ? t("schedule.onTime") : t("schedule.slip", { days });
  const finishSlip = slipDays(project.baselineFinish, project.forecastFinish, project.actualFinish);
  const milestoneName = (milestone: MilestoneView) =>
    milestone.type === "CUSTOM" ? (milestone.title ?? "") : t(`schedule.milestoneTypes.${milestone.type}`);
  const formProps = {
    types: MILESTONE_TYPES,
    statuses: MILESTONE_STATUSES,
    action: saveMilestoneAction,
    projectCode: project.code,
  };
  const blockerProps = {
    categories: BLOCKER_CATEGORIES,
    escalations: ESCALATION_LEVELS,
    statuses: BLOCKER_STATUSES,
    people,
    action: saveBlockerAction,
    projectCode: project.code,
  };
  return (
    <section className="mt-6 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="delivery-heading">
      <h2 id="delivery-heading" className="text-lg font-semibold">
        {t("schedule.deliveryTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-700" data-testid="finish-slip">
        {t("schedule.finishSlip")}: {slipText(finishSlip)}
      </p>

      <h3 className="mt-4 font-semibold">{t("deliveryStory.confidenceTitle")}</h3>
      {confidence.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{t("deliveryStory.noConfidence")}</p>
      ) : (
        <ol className="mt-2 space-y-1 text-sm" data-testid="confidence-story">
          {confidence.map((change) => (
            <li key={change.at.toISOString()} className="flex flex-wrap items-baseline gap-x-2">
              <span
                className={`rounded px-2 py-0.5 text-xs font-semibold ${CONFIDENCE_STYLE[change.confidence ?? "none"]}`}
              >
                {t(`confidence.${change.confidence ?? "none"}`)}
              </span>
              <span className="text-xs text-slate-600">
                {t("deliveryStory.changedBy", {
                  date: formatDay(locale, change.at),
                  who: change.actor ?? "—",
                })}
              </span>
              {change.reason && <span className="basis-full text-slate-800 sm:basis-auto">{change.reason}</span>}
            </li>
          ))}
        </ol>
      )}

      <h3 className="mt-4 font-semibold">{t("schedule.milestones")}</h3>
      {milestones.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{t("schedule.noMilestones")}</p>
      ) : (
        <div className="mt-2 overflow-x-auto" role="region" aria-label={t("schedule.milestones")} tabIndex={0}>
          <table className="min-w-full text-sm" data-testid="milestones">
            <thead>
              <tr className="text-left text-slate-700">
                <th className="px-2 py-1">{t("schedule.milestoneType")}</th>
                <th className="px-2 py-1">{t("schedule.baselineDate")}</th>
                <th className="px-2 py-1">{t("schedule.forecastDate")}</th>
                <th className="px-2 py-1">{t("schedule.actualDate")}</th>
                <th className="px-2 py-1">{t("schedule.status")}</th>
                <th className="px-2 py-1">{t("schedule.slipColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {milestones.map((milestone) => (
                <tr key={milestone.id} className="border-t border-slate-200 align-top">
                  <td className="px-2 py-1">
                    {milestoneName(milestone)}
                    {byMilestone[milestone.id] && (
                      <div className="mt-1 min-w-48" data-testid={`milestone-evidence-${milestone.id}`}>
                        <EvidenceGallery files={byMilestone[milestone.id]!} />
                      </div>
                    )}
                    {milestone.changes.length > 1 && (
                      <details className="mt-1 text-xs text-slate-600">
                        <summary>{t("schedule.history", { count: milestone.changes.length })}</summary>
                        <ul className="mt-1 space-y-0.5">
                          {milestone.changes.map((change) => (
                            <li key={change.at.toISOString()}>
                              {formatDateTime(locale, change.at)} · {change.actor} · {t("schedule.baselineDate")}{" "}
                              {day(change.baselineDate)}
                              {change.reason ? ` · ${change.reason}` : ""}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </td>
                  <td className="px-2 py-1">{day(milestone.baselineDate)}</td>
                  <td className="px-2 py-1">{day(milestone.forecastDate)}</td>
                  <td className="px-2 py-1">{day(milestone.actualDate)}</td>
                  <td className="px-2 py-1">{t(`schedule.milestoneStatuses.${milestone.status}`)}</td>
                  <td className="px-2 py-1">{slipText(milestone.slipDays)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editsMilestones && (
        <div className="no-print mt-3 space-y-2">
          {milestones.map((milestone) => (
            <details key={`${milestone.id}-${milestone.version}`} className="rounded border border-slate-200 p-2">
              <summary className="cursor-pointer text-sm font-semibold text-brand">
                {t("schedule.editMilestone", { name: milestoneName(milestone) })}
              </summary>
              <div className="mt-2">
                <MilestoneForm
                  {...formProps}
                  heldFiles={byMilestone[milestone.id]?.length ?? 0}
                  initial={milestoneValues(milestone)}
                  baselineFrozen={milestone.baselineDate !== null && project.status === "IN_PROGRESS"}
                />
              </div>
            </details>
          ))}
          <details className="rounded border border-slate-200 p-2">
            <summary className="cursor-pointer text-sm font-semibold text-brand">{t("schedule.addMilestone")}</summary>
            <div className="mt-2">
              <MilestoneForm
                key={`new-${milestones.length}`}
                {...formProps}
                initial={milestoneValues()}
                baselineFrozen={false}
              />
            </div>
          </details>
        </div>
      )}

      <h3 className="mt-6 font-semibold">{t("schedule.blockers")}</h3>
      {blockers.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{t("schedule.noBlockers")}</p>
      ) : (
        <ul className="mt-2 space-y-2" data-testid="blockers">
          {blockers.map((blocker) => {
            const owns = blocker.responsibleUserId === user.id && can(user, "blocker.updateOwn", scope);
            return (
              <li key={blocker.id} className="rounded border border-slate-200 p-3 text-sm">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-semibold">
                    {t(`schedule.categories.${blocker.category}`)}
                  </span>
                  <span className="font-semibold">{t(`schedule.blockerStatuses.${blocker.status}`)}</span>
                  <span>{t(`schedule.escalations.${blocker.escalation}`)}</span>
                  {blocker.overdue && (
                    <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800">
                      {t("schedule.overdue")}
                    </span>
                  )}
                </p>
                <p className="mt-1">{blocker.description}</p>
                <p className="mt-1 text-xs text-slate-600">
                  {t("schedule.blockerMeta", {
                    raised: day(blocker.raisedOn),
                    by: blocker.raisedBy,
                    due: day(blocker.dueDate),
                    owner: blocker.responsibleName ?? blocker.responsibleAgency ?? "—",
                  })}
                </p>
                {blocker.resolutionNote && <p className="mt-1 text-xs">{blocker.resolutionNote}</p>}
                {byBlocker[blocker.id] && (
                  <div className="mt-2" data-testid={`blocker-evidence-${blocker.id}`}>
                    <EvidenceGallery files={byBlocker[blocker.id]!} />
                  </div>
                )}
                {(managesBlockers || owns) && !project.withdrawnAt && (
                  <details className="no-print mt-2">
                    <summary className="cursor-pointer text-sm font-semibold text-brand">
                      {t("schedule.updateBlocker")}
                    </summary>
                    <div className="mt-2">
                      <BlockerForm
                        key={`${blocker.id}-${blocker.version}`}
                        {...blockerProps}
                        heldFiles={byBlocker[blocker.id]?.length ?? 0}
                        initial={blockerValues(blocker)}
                        ownerOnly={!managesBlockers}
                      />
                    </div>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {raisesBlockers && (
        <details className="no-print mt-3 rounded border border-slate-200 p-2">
          <summary className="cursor-pointer text-sm font-semibold text-brand">{t("schedule.raiseBlocker")}</summary>
          <div className="mt-2">
            <BlockerForm key={`new-${blockers.length}`} {...blockerProps} initial={blockerValues()} ownerOnly={false} />
          </div>
        </details>
      )}
    </section>
  );
}
