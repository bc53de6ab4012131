import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { LanguageSwitcher } from "@/components/language-switcher";

// The shell of the public view: no session is read anywhere under /public (proxy.ts lets it through and throttles
// it per address); the language switcher sets the same cookie as everywhere else.
export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations();
  return (
    <>
      <header className="bg-brand text-white no-print">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-dark"
        >
          {t("nav.skipToContent")}
        </a>
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div>
            <Link href="/public" className="text-lg font-bold tracking-tight">
              {t("app.name")}
            </Link>
            <p className="text-xs text-white/80">{t("publicView.home")}</p>
          </div>
          <nav aria-label={t("nav.main")} className="flex flex-wrap items-center gap-4 text-sm">
            <Link href="/public" className="underline-offset-2 hover:underline">
              {t("publicView.region")}
            </Link>
            <Link href="/public/projects" className="underline-offset-2 hover:underline">
              {t("publicView.projects")}
            </Link>
            <a href="#open-data" className="underline-offset-2 hover:underline">
              {t("publicView.openData")}
            </a>
            <LanguageSwitcher />
            <Link href="/sign-in" className="rounded border border-white/40 px-2 py-1 hover:bg-brand-dark">
              {t("publicView.staffSignIn")}
            </Link>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
      <footer id="open-data" className="border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-7xl space-y-2 px-4 py-6 text-sm">
          <h2 className="text-base font-semibold">{t("publicView.openData")}</h2>
          <p className="text-slate-700">{t("publicView.openDataIntro")}</p>
          <ul className="flex flex-wrap gap-x-6 gap-y-1" data-testid="open-data">
            <li>
              <a href="/public/data/oc4ids" className="text-brand underline" download>
                {t("publicView.oc4ids")}
              </a>
            </li>
            <li>
              <a href="/public/data/projects?format=csv" className="text-brand underline" download>
                {t("publicView.csv")}
              </a>
            </li>
            <li>
              <a href="/public/data/projects?format=xlsx" className="text-brand underline" download>
                {t("publicView.xlsx")}
              </a>
            </li>
          </ul>
          <p className="text-slate-700" data-testid="licence">
            {t("publicView.licence")}{" "}
            <a href="https://creativecommons.org/licenses/by/4.0/" rel="license" className="text-brand underline">
              {t("publicView.licenceLink")}
            </a>
          </p>
          <p className="text-slate-600">{t("publicView.geometryLicence")}</p>
          <p className="text-slate-600">{t("publicView.notPublic")}</p>
        </div>
      </footer>
    </>
  );
}
