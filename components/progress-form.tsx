"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { type ActionState, IDLE } from "@/lib/http/action-state";
import { MAX_COMMENT_LENGTH, PAUSE_REASONS } from "@/lib/progress/progress-input";
import type { ProjectStatusCode } from "@/lib/reference-data";
import { ActionMessage } from "./action-message";
import { EvidencePicker } from "./evidence-picker";
import {
  MilestoneProposalFields,
  type ProposalMilestone,
  proposalDefaults,
  proposalFieldNames,
} from "./milestone-proposal-fields";
import { describedBy, FormField, INPUT_CLASS } from "./form-field";

export type ProgressFormProject = {
  code: string;
  version: number;
  status: ProjectStatusCode;
  percentComplete: number;
  quantityDone: number | null;
  plannedQuantity: number | null;
  unitLabel: string | null;
  forecastFinish: string | null;
  pauseReason: string | null;
};

type Mode = "record" | "fieldReport";
type Values = Record<string, string>;

const FIELDS = [
  "status",
  "percentComplete",
  "quantityDone",
  "asOf",
  "forecastFinish",
  "confirmPastForecast",
  "pauseReason",
  "comment",
  "evidenceUrl",
];

/** Moves focus to the first field marked invalid after a refused submit, so keyboard and screen reader users land there. */
export function useFocusFirstError(form: React.RefObject<HTMLFormElement | null>, state: ActionState) {
  useEffect(() => {
    if (state.status !== "error" || !state.fieldErrors || Object.keys(state.fieldErrors).length === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, state]);
}

/**
 * One form for both ways a progress change enters the tracker: ministry staff record it directly, an akimat officer
 * sends it as a field report. It carries the version it was loaded with, so a save never overwrites another. On a
 * refusal every field keeps what the user typed; after a save it shows the new current values.
 */
export function ProgressForm({
  project,
  statuses,
  today,
  mode,
  action,
  withEvidence = false,
  milestones = [],
  milestoneStatuses = [],
}: {
  project: ProgressFormProject;
  statuses: ProjectStatusCode[];
  today: string;
  mode: Mode;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Offer photo and document uploads (lib/evidence) with the save. */
  withEvidence?: boolean;
  /** A field report may also propose changes to these milestones (lib/field-reports/milestone-proposals.ts). */
  milestones?: ProposalMilestone[];
  milestoneStatuses?: readonly string[];
}) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, IDLE);
  // "Discard my values" after a conflict forgets the answer, so the form shows the project as it now stands.
  const [dismissed, setDismissed] = useState<ActionState | null>(null);
  const shown = state === dismissed ? IDLE : state;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, shown);
  const typed = shown.status === "error" ? shown.values : undefined;
  const stored: Values = {
    status: project.status,
    percentComplete: String(project.percentComplete),
    quantityDone: project.quantityDone === null ? "" : String(project.quantityDone),
    asOf: today,
    forecastFinish: project.forecastFinish ?? "",
    pauseReason: project.pauseReason ?? "",
    comment: "",
    evidenceUrl: "",
    ...proposalDefaults(milestones),
  };
  const initial: Values = typed
    ? { ...stored, ...typed, confirmPastForecast: typed.confirmPastForecast ?? "" }
    : stored;
  const errors = shown.status === "error" ? (shown.fieldErrors ?? {}) : {};
  // Evidence: a fresh picker after each successful save (on a refusal it keeps the files already uploaded); the
  // form waits while files are still uploading.
  const [savedRounds, setSavedRounds] = useState(0);
  const [uploading, setUploading] = useState(false);
  useEffect(() => {
    if (state.status === "saved") setSavedRounds((rounds) => rounds + 1);
  }, [state]);
  const prefix = mode === "record" ? "progress" : "report";
  // A new answer or a new version re-creates the fields with the values they must show.
  const fieldsKey = `${project.version}|${shown.status}|${JSON.stringify(typed ?? {})}`;
  const version = shown.status === "error" && shown.current ? shown.current.version : project.version;
  return (
    <form
      ref={formRef}
      action={formAction}
      className="grid gap-4 sm:grid-cols-2"
      noValidate
      data-testid={`${prefix}-form`}
    >
      <input type="hidden" name="projectCode" value={project.code} />
      {mode === "record" && <input type="hidden" name="version" value={version} />}
      <ProgressFields
        key={fieldsKey}
        prefix={prefix}
        mode={mode}
        project={project}
        statuses={statuses}
        today={today}
        initial={initial}
        errors={errors}
      />
      {mode === "fieldReport" && (
        <MilestoneProposalFields
          key={`milestones|${fieldsKey}`}
          milestones={milestones}
          statuses={milestoneStatuses}
          today={today}
          initial={initial}
          errors={errors}
        />
      )}
      {withEvidence && (
        <div className="sm:col-span-2">
          <EvidencePicker
            key={savedRounds}
            projectCode={project.code}
            error={errors.evidence}
            onBusyChange={setUploading}
          />
        </div>
      )}
      <div className="space-y-3 sm:col-span-2">
        <ActionMessage
          state={shown}
          fields={[...FIELDS, ...(withEvidence ? ["evidence"] : []), ...proposalFieldNames(milestones)]}
          onDiscard={() => setDismissed(state)}
          {...(mode === "record" ? { reapplyLabel: t("progressChange.reapply") } : {})}
        />
        <button
          type="submit"
          disabled={pending || uploading}
          className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
        >
          {pending ? t("progress.saving") : mode === "record" ? t("progress.save") : t("fieldReports.submit")}
        </button>
      </div>
    </form>
  );
}

function ProgressFields({
  prefix,
  mode,
  project,
  statuses,
  today,
  initial,
  errors,
}: {
  prefix: string;
  mode: Mode;
  project: ProgressFormProject;
  statuses: ProjectStatusCode[];
  today: string;
  initial: Values;
  errors: Record<string, string>;
}) {
  const t = useTranslations();
  const [status, setStatus] = useState(initial.status);
  const [forecast, setForecast] = useState(initial.forecastFinish ?? "");
  const id = (name: string) => `${prefix}-${name}`;
  const forecastPassed = (forecast !== "" && forecast < today) || errors.forecastFinish === "forecastInPast";
  return (
    <>
      <FormField id={id("status")} label={t("progress.status")} error={errors.status}>
        <select
          id={id("status")}
          name="status"
          defaultValue={initial.status}
          onChange={(event) => setStatus(event.target.value)}
          className={INPUT_CLASS}
          {...describedBy(id("status"), errors.status)}
        >
          {statuses.map((option) => (
            <option key={option} value={option}>
              {t(`statuses.${option}`)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id={id("percent")} label={t("progress.percentComplete")} error={errors.percentComplete}>
        <input
          id={id("percent")}
          name="percentComplete"
          type="text"
          inputMode="numeric"
          defaultValue={initial.percentComplete}
          required
          className={INPUT_CLASS}
          {...describedBy(id("percent"), errors.percentComplete)}
        />
      </FormField>
      {project.unitLabel && (
        <FormField
          id={id("quantity")}
          label={t("progress.quantityDone", { unit: project.unitLabel })}
          error={errors.quantityDone}
        >
          <input
            id={id("quantity")}
            name="quantityDone"
            inputMode="decimal"
            defaultValue={initial.quantityDone}
            className={INPUT_CLASS}
            {...describedBy(id("quantity"), errors.quantityDone)}
          />
        </FormField>
      )}
      <FormField id={id("as-of")} label={t("progress.asOf")} error={errors.asOf}>
        <input
          id={id("as-of")}
          name="asOf"
          type="date"
          min="2000-01-01"
          max={today}
          defaultValue={initial.asOf}
          required
          className={INPUT_CLASS}
          {...describedBy(id("as-of"), errors.asOf)}
        />
      </FormField>
      {status === "PAUSED" && (
        <FormField id={id("pause-reason")} label={t("progress.pauseReason")} error={errors.pauseReason}>
          <select
            id={id("pause-reason")}
            name="pauseReason"
            defaultValue={initial.pauseReason}
            className={INPUT_CLASS}
            {...describedBy(id("pause-reason"), errors.pauseReason)}
          >
            <option value="" disabled>
              —
            </option>
            {PAUSE_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {t(`pauseReasons.${reason}`)}
              </option>
            ))}
          </select>
        </FormField>
      )}
      <FormField id={id("forecast-finish")} label={t("progress.forecastFinish")} error={errors.forecastFinish}>
        <input
          id={id("forecast-finish")}
          name="forecastFinish"
          type="date"
          min="2000-01-01"
          max="2100-12-31"
          defaultValue={initial.forecastFinish}
          onChange={(event) => setForecast(event.target.value)}
          className={INPUT_CLASS}
          {...describedBy(id("forecast-finish"), errors.forecastFinish)}
        />
        {forecastPassed && forecast !== (project.forecastFinish ?? "") && (
          <label className="mt-2 flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="confirmPastForecast"
              defaultChecked={initial.confirmPastForecast === "on"}
              className="mt-1"
            />
            <span>{t("progressChange.confirmPastForecast")}</span>
          </label>
        )}
      </FormField>
      <div className="sm:col-span-2">
        <FormField
          id={id("comment")}
          label={t("progress.comment")}
          error={errors.comment}
          hint={mode === "record" ? t("progress.commentHint") : t("fieldReports.commentHint")}
        >
          <textarea
            id={id("comment")}
            name="comment"
            rows={3}
            maxLength={MAX_COMMENT_LENGTH}
            defaultValue={initial.comment}
            className={INPUT_CLASS}
            {...describedBy(id("comment"), errors.comment, true)}
          />
        </FormField>
      </div>
      <div className="sm:col-span-2">
        <FormField id={id("evidence")} label={t("progress.evidenceUrl")} error={errors.evidenceUrl}>
          <input
            id={id("evidence")}
            name="evidenceUrl"
            type="url"
            inputMode="url"
            placeholder="https://"
            defaultValue={initial.evidenceUrl}
            className={INPUT_CLASS}
            {...describedBy(id("evidence"), errors.evidenceUrl)}
          />
        </FormField>
      </div>
    </>
  );
}
