"use client";

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
