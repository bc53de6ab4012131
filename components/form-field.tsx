"use client";

import { useTranslations } from "next-intl";

export const INPUT_CLASS =
  "mt-1 w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600";

/** A labelled field with its translated error beside it. `error` is a message key under `formErrors`. */
export function FormField({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
}) {
  const t = useTranslations("formErrors");
  const message = error ? (t.has(error as "invalid") ? t(error as "invalid") : t("invalid")) : null;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold text-slate-700">
        {label}
      </label>
      {children}
      {hint && !message && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {message && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700" data-testid={`error-${id}`}>
          {message}
        </p>
      )}
    </div>
  );
}

/** aria attributes tying an input to its error message. */
export function describedBy(id: string, error: string | undefined, hint?: boolean) {
  return {
    "aria-invalid": Boolean(error),
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  };
}
