import "server-only";
import { randomBytes } from "node:crypto";
import type { PeriodReport } from "./period-report";

// The report a PDF is printed from. Generating a report takes ONE snapshot of its figures; the snapshot is both
// stored (saved_reports.figures) and printed, so the PDF can never show figures the snapshot does not: a progress
// save between the two changes neither. The print page (`/reports/print/[token]`) reads the snapshot from here
// instead of building the report again from the live tables.
//
// Held in this server's memory for the few seconds of the print (Chromium asks this same process: the renderer
// opens the origin the request came in on). Kept on globalThis because a route handler and a page are bundled
// separately and would otherwise each see their own Map.

const HOLD_MS = 5 * 60_000;
type Held = { ownerId: number; report: PeriodReport; expires: number };
const KEY = Symbol.for("batys.reports.printSnapshots");
const shared = globalThis as Record<symbol, Map<string, Held> | undefined>;
shared[KEY] ??= new Map<string, Held>();
const store = shared[KEY];

/** The report as stored: a JSON round trip, so what is printed is exactly what re-opens later. */
export function reportSnapshot(report: PeriodReport): PeriodReport {
  return JSON.parse(JSON.stringify(report)) as PeriodReport;
}

/** Holds a snapshot for its owner's print and answers the token its print page is opened with. */
export function holdForPrint(ownerId: number, report: PeriodReport, now = Date.now()): string {
  for (const [token, held] of store) if (held.expires <= now) store.delete(token);
  const token = randomBytes(24).toString("base64url");
  store.set(token, { ownerId, report, expires: now + HOLD_MS });
  return token;
}

/** The held snapshot, for its owner only (anyone else, or an unknown or expired token: null, a 404). */
export function heldForPrint(ownerId: number, token: string, now = Date.now()): PeriodReport | null {
  const held = store.get(token);
  if (!held || held.ownerId !== ownerId || held.expires <= now) return null;
  return held.report;
}

export function releasePrint(token: string): void {
  store.delete(token);
}
