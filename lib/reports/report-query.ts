// The report's choices, as they appear in the URL: scope (region or one oblast), horizons, sectors and a period.
import { z } from "zod";
import { ZIsoDay } from "../forms/input-pieces";
import { KIND_CHOICES } from "../figures/figure-names";
import { todayInKazakhstan } from "../progress/calendar";
import { OBLAST_CODES, SECTORS } from "../reference-data";

const list = <T extends z.ZodType>(item: T) =>
  z
    .preprocess(
      (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : String(value).split(",")),
      z.array(item).max(20),
    )
    .catch([]);

export const ZReportQuery = z
  .object({
    scope: z
      .enum(["region", ...OBLAST_CODES])
      .catch("region")
      .default("region"),
    horizons: list(z.enum(["2030", "2040", "2050", "none"])),
    sectors: list(z.enum(SECTORS.map((sector) => sector.code) as [string, ...string[]])),
    /** Capital projects, programme measures, or both. */
    kind: z.enum(KIND_CHOICES).catch("ALL").default("ALL"),
    from: ZIsoDay.optional().catch(undefined),
    to: ZIsoDay.optional().catch(undefined),
  })
  .transform((query) => {
    // Without a period the report covers this quarter so far.
    const thisQuarter = quickPeriods(todayInKazakhstan()).thisQuarter;
    let from = query.from ?? thisQuarter.from;
    let to = query.to ?? thisQuarter.to;
    if (from > to) [from, to] = [to, from];
    return { ...query, from, to };
  });
export type TReportQuery = z.infer<typeof ZReportQuery>;

export function parseReportQuery(raw: Record<string, string | string[] | undefined>): TReportQuery {
  const flat = Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [
      key,
      Array.isArray(value) && !["horizons", "sectors"].includes(key) ? value[0] : value,
    ]),
  );
  return ZReportQuery.parse(flat);
}

/** The page of the report's changes table shown on screen (`?page=`); anything but a page number is page 1. */
export function parseReportPage(raw: Record<string, string | string[] | undefined>): number {
  const value = Array.isArray(raw.page) ? raw.page[0] : raw.page;
  return z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .catch(1)
    .parse(value ?? 1);
}

/** For downloads: the query, or null when a period day is given but is no valid day (e.g. "2026-02-30"). */
export function parseReportQueryStrictly(raw: Record<string, string>): TReportQuery | null {
  for (const key of ["from", "to"] as const)
    if (raw[key] !== undefined && raw[key] !== "" && !ZIsoDay.safeParse(raw[key]).success) return null;
  return parseReportQuery(raw);
}

/** The query as URL parameters, for links, exports and the PDF. */
export function reportSearchParams(query: TReportQuery): URLSearchParams {
  const params = new URLSearchParams({ scope: query.scope, from: query.from, to: query.to });
  if (query.horizons.length) params.set("horizons", query.horizons.join(","));
  if (query.sectors.length) params.set("sectors", query.sectors.join(","));
  if (query.kind !== "ALL") params.set("kind", query.kind);
  return params;
}

/** Quick picks: this quarter, last quarter, year to date (in Kazakhstan's calendar). */
export function quickPeriods(
  today: string,
): Record<"thisQuarter" | "lastQuarter" | "yearToDate", { from: string; to: string }> {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const quarterStart = (y: number, q: number) => `${y}-${String(q * 3 + 1).padStart(2, "0")}-01`;
  const lastYear = quarter === 0 ? year - 1 : year;
  const lastQuarter = quarter === 0 ? 3 : quarter - 1;
  const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return {
    thisQuarter: { from: quarterStart(year, quarter), to: today },
    lastQuarter: { from: quarterStart(lastYear, lastQuarter), to: dayBefore(quarterStart(year, quarter)) },
    yearToDate: { from: `${year}-01-01`, to: today },
  };
}
