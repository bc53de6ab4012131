"use client";

import { useTranslations } from "next-intl";

// Shown for any unexpected server error: a translated message and the digest Next logs with the details,
// never a stack trace.
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  const t = useTranslations("errors");
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">{t("genericTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("genericBody")}</p>
      <p className="mt-2 font-mono text-sm" data-testid="error-reference">
        {error.digest ?? "—"}
      </p>
      <a href="/" className="mt-6 inline-block text-brand underline">
        {t("backHome")}
      </a>
    </main>
  );
}
