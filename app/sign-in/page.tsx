import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LanguageSwitcher } from "@/components/language-switcher";
import { SignInForm } from "@/components/sign-in-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Only same-origin paths are followed after sign-in, so the page cannot be used to redirect elsewhere.
  const callbackUrl = safeRedirectPath((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const t = await getTranslations();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <div className="mb-6 flex items-start justify-between gap-4">
          <div>
            <p className="text-lg font-bold text-brand">{t("app.name")}</p>
            <p className="mt-1 text-xs text-slate-600">{t("app.tagline")}</p>
          </div>
        </div>
        <h1 className="text-2xl font-bold">{t("signIn.title")}</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">{t("signIn.subtitle")}</p>
        <SignInForm callbackUrl={callbackUrl} />
        <div className="mt-6 flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4">
          <LanguageSwitcher tone="light" />
          <Link href="/public" className="text-sm text-brand underline">
            {t("publicView.publicLink")}
          </Link>
        </div>
      </div>
    </main>
  );
}
