"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { chooseLocale } from "@/app/actions/locale";
import { LOCALES } from "@/lib/i18n/locales";

const LOCALE_LABELS: Record<(typeof LOCALES)[number], string> = { kk: "Қазақша", ru: "Русский", en: "English" };

export function LanguageSwitcher({ tone = "dark" }: { tone?: "dark" | "light" }) {
  const t = useTranslations("header");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className={tone === "dark" ? "text-white/80" : "text-slate-600"}>{t("language")}</span>
      <select
        className={`rounded border px-2 py-1 text-sm ${tone === "dark" ? "border-white/40 bg-brand-dark text-white" : "border-slate-300 bg-white text-slate-900"}`}
        value={locale}
        disabled={pending}
        data-testid="language-switcher"
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            await chooseLocale(next);
            router.refresh();
          });
        }}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_LABELS[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
