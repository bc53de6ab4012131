import { getLocale, getTranslations } from "next-intl/server";
import type { CurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { OBLASTS } from "@/lib/reference-data";
import { LanguageSwitcher } from "./language-switcher";
import { NavLinks, type NavItem } from "./nav-links";
import { NotificationBell } from "./notification-bell";
import { SignOutButton } from "./sign-out-button";

export async function AppHeader({
  user,
  unreadNotifications = 0,
}: {
  user: CurrentUser;
  unreadNotifications?: number;
}) {
  const t = await getTranslations();
  const locale = (await getLocale()) as Locale;
  const oblast = OBLASTS.find((candidate) => candidate.code === user.oblastCode);
  const items: NavItem[] = [
    { href: "/", label: t("nav.dashboard") },
    { href: "/projects", label: t("nav.projects") },
    { href: "/timeline", label: t("nav.timeline") },
    { href: "/blockers", label: t("nav.blockers") },
    { href: "/reports", label: t("nav.reports") },
    { href: "/catalog/source-check", label: t("nav.sourceCheck") },
  ];
  if (can(user, "fieldReport.review") || can(user, "fieldReport.submit"))
    items.splice(2, 0, { href: "/field-reports", label: t("nav.fieldReports") });
  if (can(user, "audit.read")) items.push({ href: "/admin/audit", label: t("nav.audit") });
  if (can(user, "user.manage")) items.push({ href: "/admin/users", label: t("nav.users") });
  if (can(user, "mail.read")) items.push({ href: "/admin/mail", label: t("nav.mail") });
  return (
    <header className="bg-brand text-white no-print">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-dark"
      >
        {t("nav.skipToContent")}
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <a href="/" className="text-lg font-bold tracking-tight">
          {t("app.name")}
        </a>
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm" data-testid="current-user">
            <span className="font-semibold">{user.name}</span>
            <span className="text-white/80"> · {t(`roles.${user.role}`)}</span>
            <span className="text-white/80"> · {oblast ? localizedName(oblast, locale) : t("header.allOblasts")}</span>
          </p>
          <NotificationBell
            count={unreadNotifications}
            label={t("notifications.bell.label")}
            unreadLabel={t("notifications.bell.unread", { count: unreadNotifications })}
          />
          <a href="/account/password" className="text-sm text-white/90 underline-offset-2 hover:underline">
            {t("account.link")}
          </a>
          <LanguageSwitcher />
          <SignOutButton />
        </div>
      </div>
      <div className="mx-auto max-w-7xl px-4 pb-2">
        <NavLinks items={items} label={t("nav.main")} />
      </div>
    </header>
  );
}
