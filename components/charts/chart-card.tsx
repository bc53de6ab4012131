"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";

/**
 * Every chart has a title and a "show as table" view with the same numbers, for screen readers, printing and
 * anyone who prefers figures to shapes.
 */
export function ChartCard({ title, description, table, children }: { title: string; description?: string; table: React.ReactNode; children: React.ReactNode }) {
  const t = useTranslations("common");
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`${id}-title`}>
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold">{title}</h2>
          {description && <p className="text-xs text-slate-600">{description}</p>}
        </div>
        <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)} className="no-print rounded border border-slate-300 px-2 py-1 text-xs hover:border-brand">
          {asTable ? t("showAsChart") : t("showAsTable")}
        </button>
      </div>
      {asTable ? <div className="overflow-x-auto">{table}</div> : <div role="img" aria-label={title}>{children}</div>}
    </section>
  );
}

export function DataTable({ head, rows }: { head: string[]; rows: (string | number)[][] }) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="bg-slate-100 text-slate-700">
        <tr>{head.map((cell, index) => <th key={index} scope="col" className="px-2 py-1">{cell}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((row, rowIndex) => (
          <tr key={rowIndex} className="border-t border-slate-200">
            {row.map((cell, index) => (index === 0 ? <th key={index} scope="row" className="px-2 py-1 text-left font-normal">{cell}</th> : <td key={index} className="px-2 py-1 tabular-nums">{cell}</td>))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
