import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ProgressSheetUpload } from "@/components/progress-sheet-upload";
import { requireUser } from "@/lib/auth/current-user";
import { sheetTargetFor } from "@/lib/progress/import-progress";
import { countProjects, parseProjectListQuery, projectListParams } from "@/lib/projects/list-projects";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("progressSheet"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Progress (or, for akimat officers, field reports) for many projects at once: download the sheet (of the list's filters, when coming from the list), upload it back. */
export default async function ProgressSheetPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const target = sheetTargetFor(user);
  if (!target) forbidden();
  const query = parseProjectListQuery(await searchParams);
  const filterParams = new URLSearchParams(projectListParams(query, { sort: false }));
  const [t, count] = await Promise.all([
    getTranslations(),
    filterParams.size > 0 ? countProjects(user, query) : Promise.resolve(null),
  ]);
  return (
    <>
      <Link href={`/projects?${filterParams}`} className="text-sm text-brand hover:underline">
        ← {t("project.back")}
      </Link>
      <h1 className="mt-2 text-2xl font-bold">{t("progressSheet.title")}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">
        {t(target === "progress" ? "progressSheet.intro" : "progressSheet.introReports")}
      </p>
      <ul className="my-4 space-y-1 text-sm">
        {count !== null && (
          <li>
            <a href={`/projects/import/sheet?${filterParams}`} className="text-brand underline">
              {t("progressSheet.downloadFiltered", { count })}
            </a>
          </li>
        )}
        <li>
          <a href="/projects/import/sheet" className="text-brand underline">
            {t("progressSheet.downloadAll")}
          </a>
        </li>
      </ul>
      <ProgressSheetUpload />
    </>
  );
}
