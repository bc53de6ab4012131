"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, ZSignInInput } from "@/lib/auth/sign-in-schema";

type FieldErrors = Partial<Record<"email" | "password", string>>;

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("signIn");
  const tv = useTranslations("validation");
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = ZSignInInput.safeParse({ email: form.get("email"), password: form.get("password") });
    setFormError(null);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof FieldErrors;
        const key = ["required", "tooLong", "invalidEmail"].includes(issue.message) ? issue.message : "invalid";
        errors[field] ??= tv(key as "required");
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    setPending(true);
    try {
      const result = await signIn("credentials", { ...parsed.data, redirect: false });
      if (!result || result.error) {
        setFormError(
          result?.error === "SignInLocked"
            ? t("locked")
            : result?.error === "CredentialsSignin" || result?.status === 401
              ? t("invalidCredentials")
              : t("failed"),
        );
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setFormError(t("failed"));
    } finally {
      setPending(false);
    }
  }

  return (
    // method="post": a submit before the page has loaded its script must not put the password in the URL.
    <form
      onSubmit={onSubmit}
      method="post"
      noValidate
      className="space-y-4"
      aria-describedby={formError ? "sign-in-error" : undefined}
    >
      {formError && (
        <p
          id="sign-in-error"
          role="alert"
          className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {formError}
        </p>
      )}
      <div>
        <label htmlFor="email" className="block text-sm font-semibold text-slate-700">
          {t("email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          maxLength={MAX_EMAIL_LENGTH * 4}
          aria-invalid={Boolean(fieldErrors.email)}
          aria-describedby={fieldErrors.email ? "email-error" : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
        {fieldErrors.email && (
          <p id="email-error" className="mt-1 text-sm text-red-700">
            {fieldErrors.email}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-semibold text-slate-700">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          maxLength={MAX_PASSWORD_LENGTH * 16}
          aria-invalid={Boolean(fieldErrors.password)}
          aria-describedby={fieldErrors.password ? "password-error" : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
        {fieldErrors.password && (
          <p id="password-error" className="mt-1 text-sm text-red-700">
            {fieldErrors.password}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
