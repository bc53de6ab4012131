import { formatDateTime } from "@/lib/format/format";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { ExportLinks } from "@/components/export-links";
import { requireUser } from "@/lib/auth/current-user";
import type { Locale } from "@/lib/i18n/locales";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { markAllNotificationsReadAction, markNotificationReadAction, openNotificationAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications.page"))("title") };
}

export default async function NotificationsPage() {
  const user = await requireUser();
  const [t, tAll, locale] = await Promise.all([
    getTranslations("notifications.page"),
    getTranslations(),
    getLocale() as Promise<Locale>,
  ]);
  const items = await listNotifications(user, locale);
  const unread = items.filter((item) => !item.read).length;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <div className="flex flex-wrap items-center gap-3">
          <ExportLinks
            path="/notifications/export"
            params={{}}
            locale={locale}
            labels={{ otherSeparator: tAll("exports.otherSeparator"), download: tAll("listExports.download") }}
          />
          <a href="/account/notifications" className="text-sm text-brand underline">
            {t("preferences")}
          </a>
          {unread > 0 && (
            <form action={markAllNotificationsReadAction}>
              <button
                type="submit"
                className="rounded border border-slate-400 bg-white px-3 py-2 text-sm font-semibold hover:border-brand"
              >
                {t("markAllRead")}
              </button>
            </form>
          )}
        </div>
      </div>
      {items.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ol className="space-y-2" aria-label={t("title")}>
          {items.map((item) => (
            <li
              key={item.id}
              data-testid="notification"
              data-read={item.read ? "true" : "false"}
              className={`flex flex-wrap items-start justify-between gap-3 rounded-lg border p-3 ${item.read ? "border-slate-200 bg-white" : "border-brand/40 bg-sky-50"}`}
            >
              <div className="min-w-0 flex-1">
                <form action={openNotificationAction}>
                  <input type="hidden" name="id" value={item.id} />
                  <button
                    type="submit"
                    className={`text-left text-brand hover:underline ${item.read ? "" : "font-semibold"}`}
                  >
                    {!item.read && (
                      <span className="mr-2 rounded bg-brand px-1.5 py-0.5 text-xs font-semibold text-white">
                        {t("newBadge")}
                      </span>
                    )}
                    {item.text}
                  </button>
                </form>
                <p className="mt-1 text-xs text-slate-600">
                  <time dateTime={item.createdAt.toISOString()}>{formatDateTime(locale, item.createdAt)}</time>
                </p>
              </div>
              {!item.read && (
                <form action={markNotificationReadAction}>
                  <input type="hidden" name="id" value={item.id} />
                  <button type="submit" className="text-sm text-slate-700 underline hover:text-brand">
                    {t("markRead")}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
