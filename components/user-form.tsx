"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef, useState } from "react";
import { IDLE, type ActionState } from "@/lib/http/action-state";
import { ActionMessage } from "./action-message";
import { describedBy, FormField, INPUT_CLASS } from "./form-field";
import { useFocusFirstError } from "./progress-form";

type Option = { value: string; label: string };
export type UserFormValues = { userId?: number; email?: string; name: string; role: string; oblast: string };

/** Creating an account (email, name, role, oblast) or changing one (name, role, oblast). */
export function UserForm({
  values,
  roles,
  oblasts,
  action,
  submitLabel,
}: {
  values: UserFormValues;
  roles: Option[];
  oblasts: Option[];
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, state);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  // On a refusal the fields show what the admin typed; after a save, the account as it now is.
  const typed = state.status === "error" ? state.values : undefined;
  const creating = values.userId === undefined;
  return (
    <form
      ref={formRef}
      action={formAction}
      className="grid max-w-2xl gap-4 sm:grid-cols-2"
      noValidate
      data-testid="user-form"
    >
      {!creating && <input type="hidden" name="userId" value={values.userId} />}
      <UserFields
        key={`${state.status}|${JSON.stringify(typed ?? values)}`}
        creating={creating}
        values={typed ? { ...values, ...typed, oblast: typed.oblast ?? "" } : values}
        errors={errors}
        roles={roles}
        oblasts={oblasts}
      />
      <div className="space-y-3 sm:col-span-2">
        <ActionMessage state={state} fields={["email", "name", "role", "oblast"]} />
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
        >
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

function UserFields({
  creating,
  values,
  errors,
  roles,
  oblasts,
}: {
  creating: boolean;
  values: UserFormValues;
  errors: Record<string, string>;
  roles: Option[];
  oblasts: Option[];
}) {
  const t = useTranslations();
  const [role, setRole] = useState(values.role);
  return (
    <>
      {creating && (
        <FormField id="user-email" label={t("users.email")} error={errors.email}>
          <input
            id="user-email"
            name="email"
            type="email"
            autoComplete="off"
            maxLength={254}
            defaultValue={values.email ?? ""}
            className={INPUT_CLASS}
            {...describedBy("user-email", errors.email)}
          />
        </FormField>
      )}
      <FormField id="user-name" label={t("users.name")} error={errors.name}>
        <input
          id="user-name"
          name="name"
          defaultValue={values.name}
          maxLength={200}
          className={INPUT_CLASS}
          {...describedBy("user-name", errors.name)}
        />
      </FormField>
      <FormField id="user-role" label={t("users.role")} error={errors.role}>
        <select
          id="user-role"
          name="role"
          defaultValue={values.role}
          onChange={(event) => setRole(event.target.value)}
          className={INPUT_CLASS}
          {...describedBy("user-role", errors.role)}
        >
          {roles.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </FormField>
      {role === "AKIMAT" && (
        <FormField id="user-oblast" label={t("users.oblast")} error={errors.oblast}>
          <select
            id="user-oblast"
            name="oblast"
            defaultValue={values.oblast}
            className={INPUT_CLASS}
            {...describedBy("user-oblast", errors.oblast)}
          >
            <option value="">—</option>
            {oblasts.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </FormField>
      )}
    </>
  );
}

/** One button posting one field, with its answer underneath (deactivate, reset password, sign out everywhere). */
export function UserActionButton({
  userId,
  fields,
  label,
  action,
  tone = "neutral",
}: {
  userId: number;
  fields?: Record<string, string>;
  label: string;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  tone?: "neutral" | "danger";
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        disabled={pending}
        className={`rounded border px-4 py-2 text-sm font-semibold disabled:opacity-60 ${tone === "danger" ? "border-status-cancelled text-status-cancelled hover:bg-red-50" : "border-slate-400 hover:bg-slate-100"}`}
      >
        {label}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
