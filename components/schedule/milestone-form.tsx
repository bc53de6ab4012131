"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { type ActionState, IDLE } from "@/lib/http/action-state";
import { FormField } from "../form-field";
import { bind, CodeSelect, ScheduleFormFooter } from "./schedule-form-parts";

export type MilestoneFormValues = {
  milestoneId: string;
  version: string;
  type: string;
  title: string;
  baselineDate: string;
  forecastDate: string;
  actualDate: string;
  status: string;
  evidenceUrl: string;
  reason: string;
};

/**
 * Adds or edits a milestone. Every field is controlled, so a refused save keeps what the user typed; after a save
 * the page re-renders it with the new version (its `key` changes).
 */
export function MilestoneForm({
  projectCode,
  initial,
  types,
  statuses,
  baselineFrozen,
  action,
  heldFiles = 0,
}: {
  /** Files it already holds (the picker's count limit covers them too). */
  heldFiles?: number;
  projectCode: string;
  initial: MilestoneFormValues;
  types: readonly string[];
  statuses: readonly string[];
  baselineFrozen: boolean;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [values, setValues] = useState(initial);
  // The page re-creates the form (a new `key`) after a save, which gives a fresh picker; the form waits for uploads.
  const [uploading, setUploading] = useState(false);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const prefix = `milestone-${initial.milestoneId || "new"}`;
  const id = (name: string) => `${prefix}-${name}`;
  const field = (name: keyof MilestoneFormValues) => bind(values, setValues, name, id(name), errors[name]);
  return (
    <form action={formAction} className="grid gap-3 sm:grid-cols-3" noValidate data-testid={`${prefix}-form`}>
      <input type="hidden" name="projectCode" value={projectCode} />
      <input type="hidden" name="milestoneId" value={values.milestoneId} />
      <input type="hidden" name="version" value={values.version} />
      <FormField id={id("type")} label={t("schedule.milestoneType")} error={errors.type}>
        <CodeSelect
          id={id("type")}
          name="type"
          codes={types}
          value={values.type}
          label={(code) => t(`schedule.milestoneTypes.${code}` as "schedule.milestoneType")}
          onChange={(type) => setValues((previous) => ({ ...previous, type }))}
          error={errors.type}
        />
      </FormField>
      <FormField id={id("title")} label={t("schedule.milestoneTitle")} error={errors.title}>
        <input {...field("title")} maxLength={200} />
      </FormField>
      <FormField id={id("status")} label={t("schedule.status")} error={errors.status}>
        <CodeSelect
          id={id("status")}
          name="status"
          codes={statuses}
          value={values.status}
          label={(code) => t(`schedule.milestoneStatuses.${code}` as "schedule.status")}
          onChange={(status) => setValues((previous) => ({ ...previous, status }))}
          error={errors.status}
        />
      </FormField>
      <FormField
        id={id("baselineDate")}
        label={t("schedule.baselineDate")}
        error={errors.baselineDate}
        {...(baselineFrozen ? { hint: t("schedule.baselineFrozen") } : {})}
      >
        <input type="date" {...field("baselineDate")} />
      </FormField>
      <FormField id={id("forecastDate")} label={t("schedule.forecastDate")} error={errors.forecastDate}>
        <input type="date" {...field("forecastDate")} />
      </FormField>
      <FormField id={id("actualDate")} label={t("schedule.actualDate")} error={errors.actualDate}>
        <input type="date" {...field("actualDate")} />
      </FormField>
      <div className="sm:col-span-2">
        <FormField id={id("evidenceUrl")} label={t("schedule.evidenceUrl")} error={errors.evidenceUrl}>
          <input type="url" {...field("evidenceUrl")} maxLength={2000} />
        </FormField>
      </div>
      <FormField id={id("reason")} label={t("schedule.reason")} error={errors.reason}>
        <input {...field("reason")} maxLength={2000} />
      </FormField>
      <ScheduleFormFooter
        projectCode={projectCode}
        evidenceError={errors.evidence}
        heldFiles={heldFiles}
        pending={pending}
        uploading={uploading}
        onUploadingChange={setUploading}
        submitLabel={initial.milestoneId ? t("schedule.saveMilestone") : t("schedule.addMilestone")}
        state={state}
      />
    </form>
  );
}
