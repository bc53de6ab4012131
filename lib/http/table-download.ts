import "server-only";
import type { Locale } from "../i18n/locales";
import { csvResponse, csvSeparator } from "./csv";
import { xlsxResponse } from "./xlsx";

/** A list's filters as the title line says them: `oblast=ATY, sector=energy` (empty ones left out). */
export function filtersText(filters: Record<string, unknown>): string {
  return Object.entries(filters)
    .flatMap(([key, value]) => (value === undefined || value === null || value === "" ? [] : [`${key}=${value}`]))
    .join(", ");
}

/**
 * A table or list as the download it was asked for: `?format=xlsx` a workbook of one sheet (title lines, frozen
 * header with an autofilter, widths, typed cells), otherwise CSV with the separator of the reader's Excel
 * (`?sep=comma|semicolon` overrides it). The rows should come from `startRows`, so a failing query answers an error
 * instead of a download that breaks off. The title is only built for the workbook.
 */
export function tableDownload(options: {
  params: Record<string, string | undefined>;
  locale: Locale;
  /** The file name's start, e.g. `batys-users`; the day and the extension are added. */
  stem: string;
  sheet: string;
  title: () => string[];
  header: string[];
  rows: AsyncIterable<unknown[]>;
  widths?: number[];
}): Response {
  const { params, locale, header, rows } = options;
  const filename = `${options.stem}-${new Date().toISOString().slice(0, 10)}`;
  if (params.format !== "xlsx") return csvResponse(`${filename}.csv`, header, rows, csvSeparator(locale, params.sep));
  return xlsxResponse(`${filename}.xlsx`, [
    { name: options.sheet, title: options.title(), header, rows, widths: options.widths },
  ]);
}
