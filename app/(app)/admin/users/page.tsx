import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ExportLinks } from "@/components/export-links";
import { ListTable } from "@/components/list-table";
import { Pagination } from "@/components/pagination";
import { ListFilters } from "@/components/list-filters";
import { requireUser } from "@/lib/auth/current-user";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { OBLASTS } from "@/lib/reference-data";
import { ROLES } from "@/lib/users/create-user";
import { listUsersForAdmin } from "@/lib/users/manage-users";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const result = await listUsersForAdmin(user, await searchParams);
  if (!result) forbidden();
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  const { page: _page, ...filters } = result.query;
  const params = Object.fromEntries(
    Object.entries(filters).flatMap(([key, value]) => (value ? [[key, String(value)]] : [])),
  );
  return (
    <>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("users.title")}</h1>
        <div className="flex items-center gap-4">
          <p className="text-sm text-slate-600">{t("users.count", { count: result.total })}</p>
          <ExportLinks
            path="/admin/users/export"
            params={params}
            locale={locale}
            labels={{ otherSeparator: t("exports.otherSeparator"), download: t("listExports.download") }}
          />
          <Link
            href="/admin/users/new"
            className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-dark"
          >
            {t("users.new")}
          </Link>
        </div>
      </div>
      <ListFilters
        search={result.query.q ?? ""}
        searchLabel={t("users.search")}
        fields={[
          {
            name: "role",
            label: t("users.role"),
            value: result.query.role,
            options: ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) })),
          },
          {
            name: "oblast",
            label: t("users.oblast"),
            value: result.query.oblast,
            options: OBLASTS.map((oblast) => ({ value: oblast.code, label: localizedName(oblast, locale) })),
          },
          {
            name: "active",
            label: t("users.filterActive"),
            value: result.query.active,
            options: [
              { value: "yes", label: t("users.activeOnly") },
              { value: "no", label: t("users.inactiveOnly") },
            ],
          },
        ]}
      />
      {result.users.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center">{t("users.empty")}</p>
      ) : (
        <ListTable
          label={t("users.title")}
          columns={[
            { label: t("users.name") },
            { label: t("users.email") },
            { label: t("users.role") },
            { label: t("users.oblast") },
            { label: t("users.active") },
          ]}
        >
          {result.users.map((row) => (
            <tr key={row.id} className="border-t border-slate-200">
              <td className="px-3 py-2">
                <Link href={`/admin/users/${row.id}`} className="text-brand hover:underline">
                  {row.name}
                </Link>
              </td>
              <td className="px-3 py-2">{row.email}</td>
              <td className="px-3 py-2">{t(`roles.${row.role}`)}</td>
              <td className="px-3 py-2">{row.oblast ? localizedName(row.oblast, locale) : t("common.notAvailable")}</td>
              <td className="px-3 py-2">
                {row.active ? t("users.yes") : t("users.no")}
                {row.mustChangePassword && (
                  <span className="ml-2 text-xs text-amber-800">({t("users.pendingPassword")})</span>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={result.page} pages={result.pages} params={params} />
    </>
  );
}
