"use client";

export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded border border-slate-400 px-3 py-2 text-sm font-semibold hover:border-brand"
    >
      {label}
    </button>
  );
}
