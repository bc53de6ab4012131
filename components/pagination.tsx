import Link from "next/link";
import { useTranslations } from "next-intl";

/** Previous/next links that keep every other filter of the current URL. */
export function Pagination({ page, pages, params }: { page: number; pages: number; params: Record<string, string> }) {
  const t = useTranslations("common");
  const href = (target: number) => `?${new URLSearchParams({ ...params, page: String(target) }).toString()}`;
  const linkClass = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:border-brand";
  return (
    <nav aria-label={t("pageOf", { page, pages })} className="mt-4 flex items-center justify-between gap-2">
      {page > 1 ? (
        <Link className={linkClass} href={href(page - 1)} rel="prev">
          {t("previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600">{t("pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link className={linkClass} href={href(page + 1)} rel="next">
          {t("next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
