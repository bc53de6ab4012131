import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { forbidden } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { listUsers } from "@/lib/users/list-users";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

export default async function UsersPage() {
  const user = await requireUser();
  if (!can(user, "user.manage")) forbidden();
  const [t, locale, users] = await Promise.all([getTranslations(), getLocale(), listUsers(user)]);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("users.title")}</h1>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">{t("users.name")}</th>
              <th scope="col" className="px-3 py-2">{t("users.email")}</th>
              <th scope="col" className="px-3 py-2">{t("users.role")}</th>
              <th scope="col" className="px-3 py-2">{t("users.oblast")}</th>
              <th scope="col" className="px-3 py-2">{t("users.active")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((row) => (
              <tr key={row.id} className="border-t border-slate-200">
                <td className="px-3 py-2">{row.name}</td>
                <td className="px-3 py-2">{row.email}</td>
                <td className="px-3 py-2">{t(`roles.${row.role}`)}</td>
                <td className="px-3 py-2">{row.oblast ? localizedName(row.oblast, locale as Locale) : t("common.notAvailable")}</td>
                <td className="px-3 py-2">{row.active ? t("users.yes") : t("users.no")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
