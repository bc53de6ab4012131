"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { DataTable } from "../data-table";

/**
 * Every chart has a title and a "show as table" view with the same numbers, for screen readers, printing and
 * anyone who prefers figures to shapes.
 */
export function ChartCard({
  title,
  description,
  table,
  children,
}: {
  title: string;
  description?: string;
  table: { head: string[]; rows: (string | number | null)[][] };
  children: React.ReactNode;
}) {
  const t = useTranslations("common");
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`${id}-title`}>
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {title}
          </h2>
          {description && <p className="text-xs text-slate-600">{description}</p>}
        </div>
        <button
          type="button"
          aria-pressed={asTable}
          onClick={() => setAsTable(!asTable)}
          className="no-print rounded border border-slate-300 px-2 py-1 text-xs hover:border-brand"
        >
          {asTable ? t("showAsChart") : t("showAsTable")}
        </button>
      </div>
      {asTable ? (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={title}>
          <DataTable head={table.head} rows={table.rows} />
        </div>
      ) : (
        <div role="img" aria-label={title}>
          {children}
        </div>
      )}
    </section>
  );
}
