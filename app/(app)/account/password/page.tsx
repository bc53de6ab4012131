import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/change-password-form";
import { requireUser } from "@/lib/auth/current-user";
import { changePasswordAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function ChangePasswordPage() {
  const user = await requireUser({ allowPendingPasswordChange: true });
  const t = await getTranslations("account");
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      {user.mustChangePassword && (
        <p
          role="alert"
          className="mb-4 max-w-md rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950"
        >
          {t("mustChange")}
        </p>
      )}
      <ChangePasswordForm action={changePasswordAction} />
    </>
  );
}
