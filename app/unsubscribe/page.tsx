import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { isLocale } from "@/lib/i18n/locales";
import { describeUnsubscribe } from "@/lib/notifications/preferences";
import { unsubscribeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications.unsubscribe"))("title") };
}

// Reached from a mail without signing in. A GET only shows the question (mail scanners follow links); the button
// posts, and the signed token decides whose setting changes.
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const token = typeof params.token === "string" ? params.token : "";
  const claim = await describeUnsubscribe(token);
  const locale = claim && isLocale(claim.locale) ? claim.locale : await getLocale();
  const t = await getTranslations({ locale, namespace: "notifications" });
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16" lang={locale}>
      <h1 className="text-2xl font-bold">{t("unsubscribe.title")}</h1>
      {!claim ? (
        <p role="alert" className="mt-4 text-slate-700">
          {t("unsubscribe.invalid")}
        </p>
      ) : params.done === "1" ? (
        <p role="status" className="mt-4 text-slate-700" data-testid="unsubscribed">
          {t("unsubscribe.done", { kind: t(`kinds.${claim.kind}`) })}
        </p>
      ) : (
        <form action={unsubscribeAction} className="mt-4">
          <p className="text-slate-700">
            {t("unsubscribe.confirm", { kind: t(`kinds.${claim.kind}`), email: claim.email })}
          </p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="mt-4 rounded bg-brand px-4 py-2 text-sm font-semibold text-white">
            {t("unsubscribe.button")}
          </button>
        </form>
      )}
    </main>
  );
}
