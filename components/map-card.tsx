"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";

/**
 * A map with its "show as table" view, like every chart. Unlike a chart the map holds links, so its region is a
 * group rather than an image.
 */
export function MapCard({
  title,
  description,
  controls,
  table,
  children,
}: {
  title: string;
  description?: string;
  controls?: React.ReactNode;
  table: React.ReactNode;
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
        <div className="no-print flex flex-wrap items-center gap-2">
          {controls}
          <button
            type="button"
            aria-pressed={asTable}
            onClick={() => setAsTable(!asTable)}
            className="rounded border border-slate-300 px-2 py-1 text-xs hover:border-brand"
          >
            {asTable ? t("showAsChart") : t("showAsTable")}
          </button>
        </div>
      </div>
      {asTable ? (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={title}>
          {table}
        </div>
      ) : (
        children
      )}
    </section>
  );
}
