import type { Metadata } from "next";
import { ExportLinks } from "@/components/export-links";
import { getLocale, getTranslations } from "next-intl/server";
import { forbidden } from "next/navigation";
import { ListTable } from "@/components/list-table";
import { Pagination } from "@/components/pagination";
import { requireUser } from "@/lib/auth/current-user";
import { listAudit, parseAuditQuery } from "@/lib/audit/list-audit";
import {
  actionLabel,
  auditChanges,
  localDateTime,
  oblastLabel,
  targetNamer,
  type Translate,
} from "@/lib/audit/readable-audit";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { OBLASTS } from "@/lib/reference-data";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

// Filter choices: a prefix matches every action under it (`fieldReport` matches submit, accept and reject).
const ACTIONS = ["project.progress", "project.details", "fieldReport", "user", "auth.signIn", "catalog.import"];

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const query = parseAuditQuery(await searchParams);
  const result = await listAudit(user, query);
  if (!result) forbidden();
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  const translate = t as unknown as Translate;
  const targetOf = await targetNamer(translate, result.entries, locale);
  const { page: _page, ...filters } = query;
  const params = Object.fromEntries(
    Object.entries(filters).flatMap(([key, value]) => (value ? [[key, String(value)]] : [])),
  );
  return (
    <>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("audit.title")}</h1>
        <ExportLinks
          path="/admin/audit/export"
          params={params}
          locale={locale}
          labels={{ otherSeparator: t("exports.otherSeparator"), download: t("audit.download") }}
        />
      </div>
      <form
        method="get"
        className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6"
      >
        {[
          { name: "user", label: t("audit.user"), type: "search", value: query.user },
          { name: "project", label: t("audit.project"), type: "search", value: query.project },
          { name: "from", label: t("audit.from"), type: "date", value: query.from },
          { name: "to", label: t("audit.to"), type: "date", value: query.to },
        ].map((field) => (
          <div key={field.name}>
            <label htmlFor={`audit-${field.name}`} className="block text-xs font-semibold text-slate-700">
              {field.label}
            </label>
            <input
              id={`audit-${field.name}`}
              name={field.name}
              type={field.type}
              defaultValue={field.value ?? ""}
              maxLength={254}
              className="mt-1 w-full rounded border border-slate-300 px-2 py-2 text-sm"
            />
          </div>
        ))}
        <div>
          <label htmlFor="audit-action" className="block text-xs font-semibold text-slate-700">
            {t("audit.action")}
          </label>
          <select
            id="audit-action"
            name="action"
            defaultValue={query.action ?? ""}
            className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-2 text-sm"
          >
            <option value="">{t("common.all")}</option>
            {ACTIONS.map((action) => (
              <option key={action} value={action}>
                {actionLabel(translate, action)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-oblast" className="block text-xs font-semibold text-slate-700">
            {t("audit.oblast")}
          </label>
          <select
            id="audit-oblast"
            name="oblast"
            defaultValue={query.oblast ?? ""}
            className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-2 text-sm"
          >
            <option value="">{t("common.all")}</option>
            {OBLASTS.map((oblast) => (
              <option key={oblast.code} value={oblast.code}>
                {localizedName(oblast, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-2 sm:col-span-3 lg:col-span-6">
          <button
            type="submit"
            className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-dark"
          >
            {t("common.apply")}
          </button>
          <a href="/admin/audit" className="rounded border border-slate-300 px-4 py-2 text-sm hover:border-brand">
            {t("common.reset")}
          </a>
          <span className="ml-auto text-sm text-slate-600">{t("audit.count", { count: result.total })}</span>
        </div>
      </form>
      <ListTable
        label={t("audit.title")}
        columns={[
          { label: t("audit.at") },
          { label: t("audit.user") },
          { label: t("audit.action") },
          { label: t("audit.target") },
          { label: t("audit.oblast") },
          { label: t("audit.ip") },
          { label: t("audit.change") },
        ]}
      >
        {result.entries.map((entry) => {
          const target = targetOf(entry);
          const changes = auditChanges(translate, entry, locale, result.oblastCodes);
          return (
            <tr key={entry.id} className="border-t border-slate-200 align-top">
              <td className="whitespace-nowrap px-3 py-2">{localDateTime(entry.at)}</td>
              <td className="px-3 py-2">{entry.actor?.name ?? t("audit.system")}</td>
              <td className="px-3 py-2">{actionLabel(translate, entry.action)}</td>
              <td className="px-3 py-2">
                {target.href ? (
                  <a href={target.href} className="text-brand underline">
                    {target.label}
                  </a>
                ) : (
                  target.label
                )}
              </td>
              <td className="px-3 py-2">{oblastLabel(entry.oblastId, locale, result.oblastCodes)}</td>
              <td className="px-3 py-2 font-mono text-xs">{entry.ip ?? ""}</td>
              <td className="max-w-md px-3 py-2 text-xs break-words">
                {changes.length > 0 ? (
                  <ul className="space-y-0.5">
                    {changes.map((change) => (
                      <li key={change.field}>
                        <span className="font-semibold">{change.field}:</span>{" "}
                        {change.before ? <span className="text-slate-600">{change.before} → </span> : null}
                        {change.after}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          );
        })}
      </ListTable>
      <Pagination page={result.page} pages={result.pages} params={params} />
    </>
  );
}
