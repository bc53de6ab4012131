import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { requireUser } from "@/lib/auth/current-user";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

export default async function ReportsPage() {
  await requireUser();
  const t = await getTranslations("reports");
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("title")}</h1>
      <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
    </>
  );
}
