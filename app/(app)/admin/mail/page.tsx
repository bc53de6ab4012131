import { formatDateTime } from "@/lib/format/format";
import path from "node:path";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { forbidden } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { requireUser } from "@/lib/auth/current-user";
import { listOutgoingMail } from "@/lib/mail/list-mail";
import { mailDirectory, smtpConfigured } from "@/lib/mail/transport";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications.adminMail"))("title") };
}

export default async function AdminMailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const pageParam = Number((await searchParams).page);
  const page = Number.isInteger(pageParam) && pageParam > 0 && pageParam < 100_000 ? pageParam : 1;
  const result = await listOutgoingMail(user, page);
  if (!result) forbidden();
  const [t, locale] = await Promise.all([getTranslations("notifications.adminMail"), getLocale() as Promise<Locale>]);
  const when = (value: Date | null) => (value ? formatDateTime(locale, value) : "");
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      {!smtpConfigured() && (
        <p className="mb-4 max-w-3xl text-sm text-slate-700">
          {t("intro", { dir: path.relative(process.cwd(), mailDirectory()) || mailDirectory() })}
        </p>
      )}
      {result.mails.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("created")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("to")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("subject")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("status")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("attempts")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("sent")}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.mails.map((mail) => (
                <tr key={String(mail.id)} className="border-t border-slate-100 align-top" data-testid="mail-row">
                  <td className="whitespace-nowrap px-3 py-2">{when(mail.createdAt)}</td>
                  <td className="px-3 py-2">{mail.toAddress}</td>
                  <td className="px-3 py-2">
                    <details>
                      <summary className="cursor-pointer">{mail.subject}</summary>
                      <pre className="mt-2 max-w-2xl whitespace-pre-wrap break-words text-xs">{mail.bodyText}</pre>
                      {mail.filePath && (
                        <p className="mt-1 font-mono text-xs text-slate-600">
                          {path.relative(process.cwd(), mail.filePath)}
                        </p>
                      )}
                    </details>
                    {mail.lastError && (
                      <p className="mt-1 text-xs text-red-700">
                        {t("error")}: {mail.lastError}
                      </p>
                    )}
                  </td>
                  <td className="px-3 py-2">{t(`statuses.${mail.status}`)}</td>
                  <td className="px-3 py-2">{mail.attempts}</td>
                  <td className="whitespace-nowrap px-3 py-2">{when(mail.sentAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={result.page} pages={result.pages} params={{}} />
    </>
  );
}
