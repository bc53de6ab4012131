import "server-only";
import type { Actor } from "../auth/permissions";
import { dateFromIso } from "../progress/calendar";
import { type Locale, localizedName } from "../i18n/locales";
import { allBlockers, type TBlockerQuery } from "./blockers";

type Translate = (key: string) => string;

/** Column headers of the blockers register download: the screen's columns plus the rest of each blocker. */
export function blockerExportHeader(t: Translate): string[] {
  return [
    t("projects.columnCode"),
    t("projects.columnName"),
    t("schedule.description"),
    t("schedule.category"),
    t("schedule.escalation"),
    t("schedule.status"),
    t("schedule.raisedOn"),
    t("schedule.dueDate"),
    t("schedule.age"),
    t("schedule.responsibleAgency"),
    t("schedule.responsibleUser"),
    t("schedule.resolutionNote"),
  ];
}

/** The register's rows in words, dates typed as dates and the age as a number of days. */
export async function* blockerExportRows(
  user: Actor,
  query: TBlockerQuery,
  t: Translate,
  locale: Locale,
): AsyncGenerator<unknown[]> {
  for await (const blocker of allBlockers(user, query)) {
    yield [
      blocker.projectCode,
      localizedName(blocker.projectName, locale),
      blocker.description,
      t(`schedule.categories.${blocker.category}`),
      t(`schedule.escalations.${blocker.escalation}`),
      t(`schedule.blockerStatuses.${blocker.status}`),
      dateFromIso(blocker.raisedOn),
      blocker.dueDate ? dateFromIso(blocker.dueDate) : "",
      blocker.ageDays,
      blocker.responsibleAgency ?? "",
      blocker.responsibleName ?? "",
      blocker.resolutionNote ?? "",
    ];
  }
}
