"use client";

import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ImportReport, RowResult, SheetEvent } from "@/lib/progress/import-progress";

type Progress = { phase: "upload" | "check" | "apply"; done: number; total: number };
const PROBLEMS = ["invalid", "conflict", "notFound", "forbidden", "duplicate", "withdrawn"] as const;

/** Sends the sheet to the upload route and follows its stream of JSON lines until the report (or an error). */
async function sendSheet(
  file: File,
  mode: "check" | "apply",
  onProgress: (progress: Progress) => void,
): Promise<SheetEvent> {
  const body = new FormData();
  body.set("mode", mode);
  body.set("file", file);
  const response = await fetch("/projects/import/upload", { method: "POST", body });
  if (!response.body) throw new Error("no answer");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  let last: SheetEvent | null = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += value;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const text of lines.filter(Boolean)) {
      const event = JSON.parse(text) as SheetEvent;
      if (event.type === "progress") onProgress(event);
      else last = event;
    }
    if (done) break;
  }
  if (!last) throw new Error("the answer ended early");
  return last;
}

/** Upload of a filled-in progress sheet: check it, see every row's outcome, then save all its updates at once. */
export function ProgressSheetUpload() {
  const t = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(mode: "check" | "apply") {
    if (!file) {
      setError(t("progressSheet.errors.noFile"));
      return;
    }
    setError(null);
    setProgress({ phase: "upload", done: 0, total: 0 });
    try {
      const answer = await sendSheet(file, mode, setProgress);
      if (answer.type === "error") {
        setError(answer.message);
        setReport(null);
      } else if (answer.type === "result") {
        setReport(answer.report);
        if (answer.report.applied) router.refresh();
      }
    } catch {
      setError(t("progressSheet.errors.failed"));
    } finally {
      setProgress(null);
    }
  }

  const busy = progress !== null;
  // An akimat officer's sheet becomes field reports for the ministry to review, not progress updates.
  const reports = report?.target === "fieldReports";
  const outcomeLabel = (outcome: RowResult["outcome"]) =>
    outcome !== "update"
      ? outcome
      : reports
        ? report?.applied
          ? "reported"
          : "report"
        : report?.applied
          ? "updated"
          : "update";
  const problems = report ? PROBLEMS.reduce((sum, outcome) => sum + report.counts[outcome], 0) : 0;
  // Rows with problems first (they are what the user has to fix), then the updates, each in sheet order.
  const shown = [...(report?.rows.filter((row) => row.outcome !== "unchanged") ?? [])].sort(
    (a, b) => Number(a.outcome === "update") - Number(b.outcome === "update") || a.line - b.line,
  );
  const percent = (value: number) => format.number(value / 100, { style: "percent" });
  const change = (row: RowResult) =>
    row.before && row.after
      ? [
          row.before.status !== row.after.status
            ? `${t(`statuses.${row.before.status}` as "statuses.PLANNED")} → ${t(`statuses.${row.after.status}` as "statuses.PLANNED")}`
            : null,
          row.before.percentComplete !== row.after.percentComplete
            ? `${percent(row.before.percentComplete)} → ${percent(row.after.percentComplete)}`
            : null,
          row.before.quantityDone !== row.after.quantityDone
            ? `${t("progress.quantityDone")}: ${row.before.quantityDone ?? "—"} → ${row.after.quantityDone ?? "—"}`
            : null,
        ]
          .filter(Boolean)
          .join("; ")
      : "";
  const column = (field: string) =>
    t(`progressSheet.columns.${field === "projectCode" ? "code" : field}` as "progressSheet.columns.code");

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void run("check");
        }}
      >
        <label className="flex min-w-0 flex-col gap-1 text-sm font-semibold text-slate-800">
          {t("progressSheet.file")}
          <input
            type="file"
            name="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            className="max-w-full text-sm font-normal file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-semibold file:text-slate-800 hover:file:bg-slate-50"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setReport(null);
              setError(null);
            }}
          />
        </label>
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white disabled:opacity-60"
        >
          {t("progressSheet.check")}
        </button>
      </form>

      {progress && (
        <div className="mt-4" role="status" aria-live="polite">
          <p className="text-sm text-slate-700">
            {progress.phase === "upload"
              ? t("progressSheet.uploading")
              : t(progress.phase === "check" ? "progressSheet.checking" : "progressSheet.applying", {
                  done: progress.done,
                  total: progress.total,
                })}
          </p>
          <progress
            className="mt-1 h-2 w-full"
            max={progress.total || 1}
            value={progress.phase === "upload" ? undefined : progress.done}
            aria-label={t("progressSheet.file")}
          />
        </div>
      )}
      {error && (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {error}
        </p>
      )}

      {report && !busy && (
        <div className="mt-4 space-y-3" data-testid="sheet-report">
          <p className="text-sm font-semibold">
            {t(reports ? "progressSheet.summaryReports" : "progressSheet.summary", {
              update: report.counts.update,
              unchanged: report.counts.unchanged,
              problems,
            })}
          </p>
          {report.applied ? (
            <p
              role="status"
              className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
            >
              {t(reports ? "progressSheet.appliedReports" : "progressSheet.applied", { count: report.counts.update })}
            </p>
          ) : problems > 0 ? (
            <p role="alert" className="rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
              {t("progressSheet.checkedProblems")}
            </p>
          ) : report.counts.update === 0 ? (
            <p role="status" className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-sm">
              {t("progressSheet.nothingToSave")}
            </p>
          ) : (
            <div className="flex flex-wrap items-center gap-3">
              <p role="status" className="text-sm text-slate-800">
                {t(reports ? "progressSheet.checkedCleanReports" : "progressSheet.checkedClean")}
              </p>
              <button
                type="button"
                disabled={busy}
                onClick={() => void run("apply")}
                className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white disabled:opacity-60"
              >
                {t(reports ? "progressSheet.applyReports" : "progressSheet.apply", { count: report.counts.update })}
              </button>
            </div>
          )}
          {shown.length > 0 && (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t("progressSheet.title")}</caption>
                <thead className="bg-slate-100 text-xs uppercase text-slate-700">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      {t("progressSheet.table.line")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("progressSheet.table.project")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("progressSheet.table.change")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("progressSheet.table.outcome")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((row) => (
                    <tr key={row.line} className="border-t border-slate-200 align-top" data-outcome={row.outcome}>
                      <td className="px-3 py-2 tabular-nums">{row.line}</td>
                      <td className="px-3 py-2">
                        {row.name ? (
                          <Link href={`/projects/${row.code}`} className="font-mono text-xs text-brand hover:underline">
                            {row.code}
                          </Link>
                        ) : (
                          <span className="font-mono text-xs">{row.code}</span>
                        )}
                        {row.name && <p className="text-xs text-slate-600">{row.name}</p>}
                      </td>
                      <td className="px-3 py-2">{change(row)}</td>
                      <td className="px-3 py-2">
                        <p className={row.outcome === "update" ? "text-emerald-800" : "font-semibold text-red-800"}>
                          {t(`progressSheet.outcomes.${outcomeLabel(row.outcome)}` as "progressSheet.outcomes.update")}
                        </p>
                        {row.errors && (
                          <ul className="mt-1 list-disc pl-5 text-xs text-red-900">
                            {Object.entries(row.errors).map(([field, key]) => (
                              <li key={field}>
                                {column(field)}: {t(`formErrors.${key}` as "formErrors.invalid")}
                              </li>
                            ))}
                          </ul>
                        )}
                        {row.outcome === "conflict" && (
                          <p className="mt-1 text-xs text-slate-700">{t("progressSheet.conflictHint")}</p>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
