import { getLocale, getTranslations } from "next-intl/server";
import { type EvidenceFilter, EvidenceSection } from "@/components/evidence-section";
import { formatDate } from "@/lib/format/format";
import type { EvidenceView } from "@/lib/evidence/read-evidence";
import type { Locale } from "@/lib/i18n/locales";
import { projectBlockers } from "@/lib/schedule/blockers";
import { projectMilestones } from "@/lib/schedule/milestones";
import { withdrawEvidenceAction } from "./actions";

const FILTERS = { photos: "PHOTO", documents: "DOCUMENT" } as const satisfies Record<string, EvidenceFilter>;

/** `?kind=photos|documents` of the Evidence tab; anything else shows every file. */
export function evidenceFilterOf(kind: unknown): EvidenceFilter {
  return typeof kind === "string" && kind in FILTERS ? FILTERS[kind as keyof typeof FILTERS] : "all";
}

/**
 * The project page's Evidence tab: every file of the project the user may see (progress updates, field reports,
 * milestones, blockers), newest first, each saying what it belongs to; filtered by kind through the URL.
 */
export async function EvidenceTab({
  project,
  files,
  filter,
}: {
  project: { id: number; code: string; progressUpdates: { id: number; asOf: Date }[] };
  files: EvidenceView[];
  filter: EvidenceFilter;
}) {
  const [t, locale, milestones, blockers] = await Promise.all([
    getTranslations(),
    getLocale() as Promise<Locale>,
    projectMilestones(project.id),
    projectBlockers(project.id),
  ]);
  const updates = new Map(project.progressUpdates.map((update) => [update.id, update.asOf]));
  const milestoneNames = new Map(
    milestones.map((milestone) => [
      milestone.id,
      milestone.type === "CUSTOM" ? (milestone.title ?? "") : t(`schedule.milestoneTypes.${milestone.type}`),
    ]),
  );
  const blockerNames = new Map(
    blockers.map((blocker) => [
      blocker.id,
      `${t(`schedule.categories.${blocker.category}`)} — ${blocker.description.slice(0, 80)}`,
    ]),
  );
  const sourceOf = (file: EvidenceView): string => {
    if (file.milestoneId !== null)
      return t("projectTabs.sources.milestone", { name: milestoneNames.get(file.milestoneId) ?? "—" });
    if (file.blockerId !== null)
      return t("projectTabs.sources.blocker", { name: blockerNames.get(file.blockerId) ?? "—" });
    if (file.progressUpdateId !== null) {
      // The page holds the latest updates only: an older one is named without its date.
      const asOf = updates.get(file.progressUpdateId);
      return asOf
        ? t("projectTabs.sources.progressUpdate", { date: formatDate(locale, asOf) })
        : t("projectTabs.sources.progressUpdateUndated");
    }
    return file.fieldReportId !== null ? t("projectTabs.sources.fieldReport") : t("projectTabs.sources.unknown");
  };
  const base = `/projects/${project.code}?tab=evidence`;
  return (
    <section aria-labelledby="evidence-heading" id="evidence">
      <h2 id="evidence-heading" className="text-lg font-semibold">
        {t("evidence.title")}
      </h2>
      <EvidenceSection
        files={files}
        withdraw={withdrawEvidenceAction}
        filter={filter}
        filterHrefs={{ all: base, PHOTO: `${base}&kind=photos`, DOCUMENT: `${base}&kind=documents` }}
        sources={Object.fromEntries(files.map((file) => [file.id, sourceOf(file)]))}
      />
    </section>
  );
}
