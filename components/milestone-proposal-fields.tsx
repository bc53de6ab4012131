"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatDate } from "@/lib/format/format";
import type { Locale } from "@/lib/i18n/locales";
import { describedBy, FormField, INPUT_CLASS } from "./form-field";

/** A project milestone as the field report form offers it for a proposed change. */
export type ProposalMilestone = {
  id: number;
  version: number;
  name: string;
  baselineDate: string | null;
  forecastDate: string | null;
  actualDate: string | null;
  status: string;
};

const FIELDS = ["version", "forecastDate", "actualDate", "status", "note"] as const;
const fieldName = (id: number, field: (typeof FIELDS)[number]) => `milestone.${id}.${field}`;

/** Every form field name of the proposals, so their errors count as shown beside them. */
export const proposalFieldNames = (milestones: ProposalMilestone[]) =>
  milestones.flatMap((milestone) => [`milestone.${milestone.id}`, ...FIELDS.map((f) => fieldName(milestone.id, f))]);

/** The milestone's current values as the form's untouched fields. */
export function proposalDefaults(milestones: ProposalMilestone[]): Record<string, string> {
  return Object.fromEntries(
    milestones.flatMap((milestone) => [
      [fieldName(milestone.id, "version"), String(milestone.version)],
      [fieldName(milestone.id, "forecastDate"), milestone.forecastDate ?? ""],
      [fieldName(milestone.id, "actualDate"), milestone.actualDate ?? ""],
      [fieldName(milestone.id, "status"), milestone.status],
      [fieldName(milestone.id, "note"), ""],
    ]),
  );
}

/**
 * The milestones part of a field report: for any milestone, a new forecast date, actual date and/or status with a
 * note. Fields left as they are propose nothing. Open by itself when the officer already typed something or an
 * error concerns it, so a refused submit shows every value as typed beside its error.
 */
export function MilestoneProposalFields({
  milestones,
  statuses,
  today,
  initial,
  errors,
}: {
  milestones: ProposalMilestone[];
  statuses: readonly string[];
  today: string;
  initial: Record<string, string>;
  errors: Record<string, string>;
}) {
  const t = useTranslations();
  const locale = useLocale() as Locale;
  if (milestones.length === 0) return null;
  const defaults = proposalDefaults(milestones);
  const touched = Object.keys(defaults).some((key) => (initial[key] ?? "") !== defaults[key]);
  const erring = Object.keys(errors).some((key) => key.startsWith("milestone."));
  const date = (value: string | null) => (value ? formatDate(locale, value) : "—");
  return (
    <details className="rounded border border-slate-200 p-3 sm:col-span-2" open={touched || erring}>
      <summary className="cursor-pointer font-semibold" data-testid="milestone-proposals-toggle">
        {t("milestoneProposals.title", { count: milestones.length })}
      </summary>
      <p className="mt-1 text-xs text-slate-600">{t("milestoneProposals.hint")}</p>
      <ol className="mt-2 space-y-4">
        {milestones.map((milestone) => {
          const id = (field: string) => `proposal-${milestone.id}-${field}`;
          const error = (field: (typeof FIELDS)[number]) => errors[fieldName(milestone.id, field)];
          const whole = errors[`milestone.${milestone.id}`];
          return (
            <li key={milestone.id} data-testid="milestone-proposal" data-milestone={milestone.id}>
              <fieldset className="grid gap-3 sm:grid-cols-3">
                <legend className="text-sm font-semibold">{milestone.name}</legend>
                <p className="text-xs text-slate-600 sm:col-span-3">
                  {t("milestoneProposals.now", {
                    baseline: date(milestone.baselineDate),
                    forecast: date(milestone.forecastDate),
                    actual: date(milestone.actualDate),
                    status: t(`schedule.milestoneStatuses.${milestone.status}` as "schedule.milestoneStatuses.MET"),
                  })}
                </p>
                {whole && (
                  <p className="text-sm text-red-700 sm:col-span-3" role="alert" data-testid={`error-${id("form")}`}>
                    {t(
                      t.has(`formErrors.${whole}` as "app.name")
                        ? (`formErrors.${whole}` as "app.name")
                        : "formErrors.invalid",
                    )}
                  </p>
                )}
                <input type="hidden" name={fieldName(milestone.id, "version")} value={String(milestone.version)} />
                <FormField id={id("forecast")} label={t("schedule.forecastDate")} error={error("forecastDate")}>
                  <input
                    id={id("forecast")}
                    name={fieldName(milestone.id, "forecastDate")}
                    type="date"
                    min="2000-01-01"
                    max="2100-12-31"
                    defaultValue={initial[fieldName(milestone.id, "forecastDate")] ?? ""}
                    className={INPUT_CLASS}
                    {...describedBy(id("forecast"), error("forecastDate"))}
                  />
                </FormField>
                <FormField id={id("actual")} label={t("schedule.actualDate")} error={error("actualDate")}>
                  <input
                    id={id("actual")}
                    name={fieldName(milestone.id, "actualDate")}
                    type="date"
                    min="2000-01-01"
                    max={today}
                    defaultValue={initial[fieldName(milestone.id, "actualDate")] ?? ""}
                    className={INPUT_CLASS}
                    {...describedBy(id("actual"), error("actualDate"))}
                  />
                </FormField>
                <FormField id={id("status")} label={t("schedule.status")} error={error("status")}>
                  <select
                    id={id("status")}
                    name={fieldName(milestone.id, "status")}
                    defaultValue={initial[fieldName(milestone.id, "status")] ?? milestone.status}
                    className={INPUT_CLASS}
                    {...describedBy(id("status"), error("status"))}
                  >
                    {statuses.map((status) => (
                      <option key={status} value={status}>
                        {t(`schedule.milestoneStatuses.${status}` as "schedule.milestoneStatuses.MET")}
                      </option>
                    ))}
                  </select>
                </FormField>
                <div className="sm:col-span-3">
                  <FormField id={id("note")} label={t("milestoneProposals.note")} error={error("note")}>
                    <input
                      id={id("note")}
                      name={fieldName(milestone.id, "note")}
                      maxLength={2000}
                      defaultValue={initial[fieldName(milestone.id, "note")] ?? ""}
                      className={INPUT_CLASS}
                      {...describedBy(id("note"), error("note"))}
                    />
                  </FormField>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
