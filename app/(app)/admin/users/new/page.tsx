import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { UserForm } from "@/components/user-form";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { OBLASTS } from "@/lib/reference-data";
import { ROLES } from "@/lib/users/create-user";
import { createUserAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("new") };
}

export default async function NewUserPage() {
  const user = await requireUser();
  if (!can(user, "user.manage")) forbidden();
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  return (
    <>
      <Link href="/admin/users" className="text-sm text-brand hover:underline">
        ← {t("users.back")}
      </Link>
      <h1 className="mb-4 mt-2 text-2xl font-bold">{t("users.new")}</h1>
      <UserForm
        values={{ name: "", role: "MINISTRY", oblast: "" }}
        roles={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        oblasts={OBLASTS.map((oblast) => ({ value: oblast.code, label: localizedName(oblast, locale) }))}
        action={createUserAction}
        submitLabel={t("users.create")}
      />
    </>
  );
}
