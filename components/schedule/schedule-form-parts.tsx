"use client";

import type { ActionState } from "@/lib/http/action-state";
import { ActionMessage } from "../action-message";
import { EvidencePicker } from "../evidence-picker";
import { INPUT_CLASS } from "../form-field";

/** A select whose options are a code list translated by `label`. */
export function CodeSelect({
  id,
  name,
  codes,
  value,
  label,
  onChange,
  disabled,
  blank,
  error,
}: {
  id: string;
  name: string;
  codes: readonly string[];
  value: string;
  label: (code: string) => string;
  onChange: (value: string) => void;
  disabled?: boolean;
  blank?: string;
  error?: string | undefined;
}) {
  return (
    <select
      id={id}
      name={name}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
      className={INPUT_CLASS}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      {blank !== undefined && <option value="">{blank}</option>}
      {codes.map((code) => (
        <option key={code} value={code}>
          {label(code)}
        </option>
      ))}
    </select>
  );
}

/** Props of a controlled text/date input that keeps what the user typed, whatever the server answered. */
export function bind<T extends Record<string, string>>(
  values: T,
  setValues: (update: (previous: T) => T) => void,
  name: keyof T & string,
  id: string,
  error: string | undefined,
) {
  return {
    id,
    name,
    value: values[name],
    onChange: (event: { target: { value: string } }) => {
      const value = event.target.value;
      setValues((previous) => ({ ...previous, [name]: value }));
    },
    className: INPUT_CLASS,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
  };
}

/**
 * The end of a milestone or blocker form: the evidence picker, then the submit button (held while a file uploads
 * or the save runs) beside the answer of the last save.
 */
export function ScheduleFormFooter({
  projectCode,
  evidenceError,
  heldFiles,
  pending,
  uploading,
  onUploadingChange,
  submitLabel,
  state,
}: {
  projectCode: string;
  evidenceError: string | undefined;
  heldFiles: number;
  pending: boolean;
  uploading: boolean;
  onUploadingChange: (busy: boolean) => void;
  submitLabel: string;
  state: ActionState;
}) {
  return (
    <>
      <div className="sm:col-span-3">
        <EvidencePicker
          projectCode={projectCode}
          error={evidenceError}
          onBusyChange={onUploadingChange}
          held={heldFiles}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
        <button
          type="submit"
          disabled={pending || uploading}
          className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
        >
          {submitLabel}
        </button>
        <div aria-live="polite" className="min-w-0 flex-1">
          <ActionMessage state={state} />
        </div>
      </div>
    </>
  );
}
