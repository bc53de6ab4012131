import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { MAIL_DELIVERIES, NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import { getPreferences } from "@/lib/notifications/preferences";
import { savePreferencesAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications.preferences"))("title") };
}

export default async function NotificationPreferencesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const [t, preferences, params] = await Promise.all([
    getTranslations("notifications"),
    getPreferences(user),
    searchParams,
  ]);
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("preferences.title")}</h1>
      <p className="mb-4 max-w-3xl text-sm text-slate-700">{t("preferences.intro")}</p>
      {params.saved === "1" && (
        <p role="status" className="mb-4 max-w-md rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm">
          {t("preferences.saved")}
        </p>
      )}
      {params.error === "1" && (
        <p role="alert" className="mb-4 max-w-md rounded border border-red-300 bg-red-50 px-3 py-2 text-sm">
          {t("responsibility.errors.invalid")}
        </p>
      )}
      <form action={savePreferencesAction} className="max-w-3xl rounded-lg border border-slate-200 bg-white p-4">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left">
              <th scope="col" className="py-2 pr-3">
                {t("preferences.kind")}
              </th>
              <th scope="col" className="py-2">
                {t("preferences.delivery")}
              </th>
            </tr>
          </thead>
          <tbody>
            {NOTIFICATION_KINDS.map((kind) => (
              <tr key={kind} className="border-b border-slate-100 last:border-0">
                <td className="py-2 pr-3">
                  <label htmlFor={`delivery-${kind}`}>{t(`kinds.${kind}`)}</label>
                </td>
                <td className="py-2">
                  <select
                    id={`delivery-${kind}`}
                    name={kind}
                    defaultValue={preferences[kind]}
                    className="w-full rounded border border-slate-300 bg-white px-2 py-1"
                  >
                    {MAIL_DELIVERIES.map((delivery) => (
                      <option key={delivery} value={delivery}>
                        {t(`preferences.deliveries.${delivery}`)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" className="mt-4 rounded bg-brand px-4 py-2 text-sm font-semibold text-white">
          {t("preferences.save")}
        </button>
      </form>
    </>
  );
}
