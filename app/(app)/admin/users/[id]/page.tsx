import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { UserActionButton, UserForm } from "@/components/user-form";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { parseIntId } from "@/lib/forms/input-pieces";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { OBLASTS } from "@/lib/reference-data";
import { ROLES } from "@/lib/users/create-user";
import { getUserForAdmin } from "@/lib/users/manage-users";
import { resetPasswordAction, setActiveAction, signOutEverywhereAction, updateUserAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("edit") };
}

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (!can(user, "user.manage")) forbidden();
  const id = parseIntId((await params).id);
  const target = id === null ? null : await getUserForAdmin(user, id);
  if (!target) notFound();
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  return (
    <>
      <Link href="/admin/users" className="text-sm text-brand hover:underline">
        ← {t("users.back")}
      </Link>
      <h1 className="mt-2 text-2xl font-bold">{target.name}</h1>
      <p className="mb-4 text-sm text-slate-600">
        {target.email} · {target.active ? t("users.activeOnly") : t("users.inactiveOnly")} ·{" "}
        {t("users.openSessions", { count: target.sessions.length })}
      </p>
      <UserForm
        key={`${target.role}-${target.oblast?.code ?? ""}-${target.name}`}
        values={{ userId: target.id, name: target.name, role: target.role, oblast: target.oblast?.code ?? "" }}
        roles={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        oblasts={OBLASTS.map((oblast) => ({ value: oblast.code, label: localizedName(oblast, locale) }))}
        action={updateUserAction}
        submitLabel={t("users.save")}
      />
      <div className="mt-8 grid max-w-3xl gap-6 border-t border-slate-200 pt-6 md:grid-cols-3">
        <UserActionButton
          key={`active-${target.active}`}
          userId={target.id}
          fields={{ active: target.active ? "false" : "true" }}
          label={target.active ? t("users.deactivate") : t("users.reactivate")}
          action={setActiveAction}
          tone={target.active ? "danger" : "neutral"}
        />
        <UserActionButton userId={target.id} label={t("users.resetPassword")} action={resetPasswordAction} />
        <UserActionButton userId={target.id} label={t("users.signOutEverywhere")} action={signOutEverywhereAction} />
      </div>
    </>
  );
}
