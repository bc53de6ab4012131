"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { IDLE, type ActionState } from "@/lib/http/action-state";
import { MAX_COMMENT_LENGTH, PAUSE_REASONS } from "@/lib/progress/progress-input";
import type { ProjectStatusCode } from "@/lib/reference-data";
import { ActionMessage } from "./action-message";
import { EvidencePicker } from "./evidence-picker";
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
};

type Mode = "record" | "fieldReport";

/**
 * One form for both ways progress enters the tracker: ministry staff record it directly, an akimat officer sends
 * it as a field report. The form carries the version it was loaded with, so a save never overwrites another.
 */
export function ProgressForm({
  project,
  statuses,
  today,
  mode,
  action,
  withEvidence = false,
}: {
  project: ProgressFormProject;
  statuses: ProjectStatusCode[];
  today: string;
  mode: Mode;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Offer photo and document uploads (lib/evidence) with the save. */
  withEvidence?: boolean;
}) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [status, setStatus] = useState<ProjectStatusCode>(project.status);
  // Evidence: a fresh picker after each successful save; the form waits while files are still uploading.
  const [savedRounds, setSavedRounds] = useState(0);
  const [uploading, setUploading] = useState(false);
  useEffect(() => {
    if (state.status === "saved") setSavedRounds((rounds) => rounds + 1);
  }, [state]);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const prefix = mode === "record" ? "progress" : "report";
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate data-testid={`${prefix}-form`}>
      <input type="hidden" name="projectCode" value={project.code} />
      {mode === "record" && <input type="hidden" name="version" value={project.version} />}
      <FormField id={id("status")} label={t("progress.status")} error={errors.status}>
        <select
          id={id("status")}
          name="status"
          value={status}
          onChange={(event) => setStatus(event.target.value as ProjectStatusCode)}
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
          type="number"
          min={0}
          max={100}
          step={1}
          defaultValue={project.percentComplete}
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
            defaultValue={project.quantityDone ?? ""}
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
          max={today}
          defaultValue={today}
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
            defaultValue=""
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
      {mode === "record" && (
        <FormField id={id("forecast-finish")} label={t("progress.forecastFinish")} error={errors.forecastFinish}>
          <input
            id={id("forecast-finish")}
            name="forecastFinish"
            type="date"
            defaultValue={project.forecastFinish ?? ""}
            className={INPUT_CLASS}
            {...describedBy(id("forecast-finish"), errors.forecastFinish)}
          />
        </FormField>
      )}
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
            className={INPUT_CLASS}
            {...describedBy(id("evidence"), errors.evidenceUrl)}
          />
        </FormField>
      </div>
      {withEvidence && (
        <div className="sm:col-span-2">
          <EvidencePicker
            key={savedRounds}
            projectCode={project.code}
            error={errors.evidenceFileIds}
            onBusyChange={setUploading}
          />
        </div>
      )}
      <div className="space-y-3 sm:col-span-2">
        <ActionMessage state={state} />
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
