"use client";

import { formatMoneyInput } from "@/lib/format/format";
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useRef, useState } from "react";
import { IDLE, type ActionState } from "@/lib/http/action-state";
import type { Locale } from "@/lib/i18n/locales";
import { MAX_COMMENT_LENGTH } from "@/lib/progress/progress-input";
import { ActionMessage } from "./action-message";
import { describedBy, FormField, INPUT_CLASS } from "./form-field";
import { useFocusFirstError } from "./progress-form";

export type ProjectDetailsValues = {
  code: string;
  version: number;
  responsibleOrganisation: string | null;
  baselineStart: string | null;
  baselineFinish: string | null;
  forecastStart: string | null;
  forecastFinish: string | null;
  actualStart: string | null;
  actualFinish: string | null;
  budgetBaseline: number | null;
  budgetForecast: number | null;
  budgetSpent: number | null;
  budgetNote: string | null;
  confidence: "GREEN" | "AMBER" | "RED" | null;
  confidenceReason: string | null;
  baselineFrozen: boolean;
};

const DATE_FIELDS = [
  "baselineStart",
  "baselineFinish",
  "forecastStart",
  "forecastFinish",
  "actualStart",
  "actualFinish",
] as const;
const MONEY_FIELDS = ["budgetBaseline", "budgetForecast", "budgetSpent"] as const;

export function ProjectDetailsForm({
  project,
  action,
}: {
  project: ProjectDetailsValues;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const t = useTranslations();
  const locale = useLocale() as Locale;
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [dismissed, setDismissed] = useState<ActionState | null>(null);
  const shown = state === dismissed ? IDLE : state;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, shown);
  const errors = shown.status === "error" ? (shown.fieldErrors ?? {}) : {};
  // On a refusal every field shows what the user typed, never the stored value.
  const typed = shown.status === "error" ? shown.values : undefined;
  const value = (field: keyof ProjectDetailsValues, stored: string | number | null) =>
    typed ? (typed[field] ?? "") : stored === null ? "" : String(stored);
  const version = shown.status === "error" && shown.current ? shown.current.version : project.version;
  const id = (name: string) => `details-${name}`;
  return (
    <form ref={formRef} action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate data-testid="details-form">
      <input type="hidden" name="projectCode" value={project.code} />
      <input type="hidden" name="version" value={version} />
      <div key={`${project.version}|${shown.status}|${JSON.stringify(typed ?? {})}`} className="contents">
        <div className="sm:col-span-2">
          <FormField
            id={id("organisation")}
            label={t("details.responsibleOrganisation")}
            error={errors.responsibleOrganisation}
          >
            <input
              id={id("organisation")}
              name="responsibleOrganisation"
              defaultValue={value("responsibleOrganisation", project.responsibleOrganisation)}
              maxLength={300}
              className={INPUT_CLASS}
              {...describedBy(id("organisation"), errors.responsibleOrganisation)}
            />
          </FormField>
        </div>
        {DATE_FIELDS.map((field) => {
          const frozen = project.baselineFrozen && field.startsWith("baseline") && project[field] !== null;
          return (
            <FormField
              key={field}
              id={id(field)}
              label={t(`details.${field}`)}
              error={errors[field]}
              {...(frozen ? { hint: t("details.frozenHint") } : {})}
            >
              <input
                id={id(field)}
                name={field}
                type="date"
                defaultValue={value(field, project[field])}
                readOnly={frozen}
                className={`${INPUT_CLASS} read-only:bg-slate-100`}
                {...describedBy(id(field), errors[field], frozen)}
              />
            </FormField>
          );
        })}
        {MONEY_FIELDS.map((field) => (
          <FormField key={field} id={id(field)} label={t(`details.${field}`)} error={errors[field]}>
            <input
              id={id(field)}
              name={field}
              inputMode="decimal"
              defaultValue={
                typed || project[field] === null
                  ? value(field, project[field])
                  : formatMoneyInput(locale, project[field])
              }
              className={INPUT_CLASS}
              {...describedBy(id(field), errors[field])}
            />
          </FormField>
        ))}
        <div className="sm:col-span-2">
          <FormField id={id("budget-note")} label={t("details.budgetNote")} error={errors.budgetNote}>
            <textarea
              id={id("budget-note")}
              name="budgetNote"
              rows={2}
              maxLength={MAX_COMMENT_LENGTH}
              defaultValue={value("budgetNote", project.budgetNote)}
              className={INPUT_CLASS}
              {...describedBy(id("budget-note"), errors.budgetNote)}
            />
          </FormField>
        </div>
        <FormField id={id("confidence")} label={t("confidence.label")} error={errors.confidence}>
          <select
            id={id("confidence")}
            name="confidence"
            defaultValue={value("confidence", project.confidence)}
            className={INPUT_CLASS}
            {...describedBy(id("confidence"), errors.confidence)}
          >
            <option value="">{t("confidence.none")}</option>
            {(["GREEN", "AMBER", "RED"] as const).map((level) => (
              <option key={level} value={level}>
                {t(`confidence.${level}`)}
              </option>
            ))}
          </select>
        </FormField>
        {/* Left empty on purpose: a new confidence level needs a new reason; the current one is shown as a hint. */}
        <FormField
          id={id("confidence-reason")}
          label={t("details.confidenceReason")}
          error={errors.confidenceReason}
          {...(project.confidenceReason ? { hint: project.confidenceReason } : {})}
        >
          <input
            id={id("confidence-reason")}
            name="confidenceReason"
            maxLength={MAX_COMMENT_LENGTH}
            defaultValue={typed?.confidenceReason ?? ""}
            className={INPUT_CLASS}
            {...describedBy(id("confidence-reason"), errors.confidenceReason, Boolean(project.confidenceReason))}
          />
        </FormField>
      </div>
      <div className="space-y-3 sm:col-span-2">
        <ActionMessage
          state={shown}
          fields={[
            ...DATE_FIELDS,
            ...MONEY_FIELDS,
            "responsibleOrganisation",
            "budgetNote",
            "confidence",
            "confidenceReason",
          ]}
          onDiscard={() => setDismissed(state)}
          reapplyLabel={t("progressChange.reapply")}
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
        >
          {t("details.save")}
        </button>
      </div>
    </form>
  );
}
