"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { type ActionState, IDLE } from "@/lib/http/action-state";
import { FormField, INPUT_CLASS } from "../form-field";
import { bind, CodeSelect, ScheduleFormFooter } from "./schedule-form-parts";

export type BlockerFormValues = {
  blockerId: string;
  version: string;
  category: string;
  description: string;
  responsibleAgency: string;
  responsibleUserId: string;
  dueDate: string;
  escalation: string;
  status: string;
  resolutionNote: string;
  note: string;
};

/**
 * Raises or updates a blocker. `ownerOnly` (an akimat officer responsible for it) shows what it is read-only and
 * lets them move its state; the server takes only those fields from them anyway.
 */
export function BlockerForm({
  projectCode,
  initial,
  categories,
  escalations,
  statuses,
  people,
  ownerOnly,
  action,
  heldFiles = 0,
}: {
  /** Files it already holds (the picker's count limit covers them too). */
  heldFiles?: number;
  projectCode: string;
  initial: BlockerFormValues;
  categories: readonly string[];
  escalations: readonly string[];
  statuses: readonly string[];
  people: { id: number; name: string }[];
  ownerOnly: boolean;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [values, setValues] = useState(initial);
  // The page re-creates the form (a new `key`) after a save, which gives a fresh picker; the form waits for uploads.
  const [uploading, setUploading] = useState(false);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const prefix = `blocker-${initial.blockerId || "new"}`;
  const id = (name: string) => `${prefix}-${name}`;
  const field = (name: keyof BlockerFormValues) => bind(values, setValues, name, id(name), errors[name]);
  const set = (name: keyof BlockerFormValues) => (value: string) =>
    setValues((previous) => ({ ...previous, [name]: value }));
  return (
    <form action={formAction} className="grid gap-3 sm:grid-cols-3" noValidate data-testid={`${prefix}-form`}>
      <input type="hidden" name="projectCode" value={projectCode} />
      <input type="hidden" name="blockerId" value={values.blockerId} />
      <input type="hidden" name="version" value={values.version} />
      {ownerOnly && (
        <>
          <input type="hidden" name="category" value={values.category} />
          <input type="hidden" name="description" value={values.description} />
          <input type="hidden" name="responsibleAgency" value={values.responsibleAgency} />
          <input type="hidden" name="responsibleUserId" value={values.responsibleUserId} />
        </>
      )}
      {!ownerOnly && (
        <>
          <FormField id={id("category")} label={t("schedule.category")} error={errors.category}>
            <CodeSelect
              id={id("category")}
              name="category"
              codes={categories}
              value={values.category}
              label={(code) => t(`schedule.categories.${code}` as "schedule.category")}
              onChange={set("category")}
              error={errors.category}
            />
          </FormField>
          <div className="sm:col-span-2">
            <FormField id={id("description")} label={t("schedule.description")} error={errors.description}>
              <textarea {...field("description")} rows={2} maxLength={2000} />
            </FormField>
          </div>
          <FormField
            id={id("responsibleAgency")}
            label={t("schedule.responsibleAgency")}
            error={errors.responsibleAgency}
          >
            <input {...field("responsibleAgency")} maxLength={300} />
          </FormField>
          <FormField
            id={id("responsibleUserId")}
            label={t("schedule.responsibleUser")}
            error={errors.responsibleUserId}
          >
            <select
              id={id("responsibleUserId")}
              name="responsibleUserId"
              value={values.responsibleUserId}
              onChange={(event) => set("responsibleUserId")(event.target.value)}
              className={INPUT_CLASS}
            >
              <option value="">{t("schedule.nobody")}</option>
              {people.map((person) => (
                <option key={person.id} value={String(person.id)}>
                  {person.name}
                </option>
              ))}
            </select>
          </FormField>
        </>
      )}
      <FormField id={id("escalation")} label={t("schedule.escalation")} error={errors.escalation}>
        <CodeSelect
          id={id("escalation")}
          name="escalation"
          codes={escalations}
          value={values.escalation}
          label={(code) => t(`schedule.escalations.${code}` as "schedule.escalation")}
          onChange={set("escalation")}
          error={errors.escalation}
        />
      </FormField>
      <FormField id={id("status")} label={t("schedule.status")} error={errors.status}>
        <CodeSelect
          id={id("status")}
          name="status"
          codes={statuses}
          value={values.status}
          label={(code) => t(`schedule.blockerStatuses.${code}` as "schedule.status")}
          onChange={set("status")}
          error={errors.status}
        />
      </FormField>
      <FormField id={id("dueDate")} label={t("schedule.dueDate")} error={errors.dueDate}>
        <input type="date" {...field("dueDate")} />
      </FormField>
      <div className="sm:col-span-2">
        <FormField id={id("resolutionNote")} label={t("schedule.resolutionNote")} error={errors.resolutionNote}>
          <input {...field("resolutionNote")} maxLength={2000} />
        </FormField>
      </div>
      <FormField id={id("note")} label={t("schedule.changeNote")} error={errors.note}>
        <input {...field("note")} maxLength={2000} />
      </FormField>
      <ScheduleFormFooter
        projectCode={projectCode}
        evidenceError={errors.evidence}
        heldFiles={heldFiles}
        pending={pending}
        uploading={uploading}
        onUploadingChange={setUploading}
        submitLabel={initial.blockerId ? t("schedule.saveBlocker") : t("schedule.raiseBlocker")}
        state={state}
      />
    </form>
  );
}
