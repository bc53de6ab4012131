"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/http/action-state";
import { ActionMessage } from "./action-message";
import { describedBy, FormField, INPUT_CLASS } from "./form-field";

export function ChangePasswordForm({
  action,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const t = useTranslations("account");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const fields = [
    { id: "current-password", name: "currentPassword", autoComplete: "current-password" },
    { id: "new-password", name: "newPassword", autoComplete: "new-password" },
    { id: "confirm-password", name: "confirmPassword", autoComplete: "new-password" },
  ] as const;
  return (
    <form action={formAction} className="max-w-md space-y-4" noValidate data-testid="password-form">
      {fields.map((field) => (
        <FormField
          key={field.id}
          id={field.id}
          label={t(field.name)}
          error={errors[field.name]}
          {...(field.name === "newPassword" ? { hint: t("hint") } : {})}
        >
          <input
            id={field.id}
            name={field.name}
            type="password"
            autoComplete={field.autoComplete}
            maxLength={1024}
            className={INPUT_CLASS}
            {...describedBy(field.id, errors[field.name], field.name === "newPassword")}
          />
        </FormField>
      ))}
      <ActionMessage state={state} />
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
      >
        {t("save")}
      </button>
    </form>
  );
}
