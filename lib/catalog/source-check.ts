import "server-only";
import type { TContradiction } from "./catalog-schema";
import { loadCatalog } from "./load-catalog";
import { type Reconciliation, reconcile, type SourceCheckSummary, summariseSourceCheck } from "./reconcile";

export type SourceCheck = { rows: Reconciliation[]; contradictions: TContradiction[]; summary: SourceCheckSummary };

let cached: SourceCheck | null = null;

/** The reconciliation of the reviewed catalog files; they only change with a deployment, so it is computed once. */
export function getSourceCheck(): SourceCheck {
  if (!cached) {
    const catalog = loadCatalog();
    // What a reader must look at first: differences, then agreements, then indicators given for information.
    const rank = (row: Reconciliation) => (!row.comparable ? 2 : row.agrees ? 1 : 0);
    const rows = reconcile(catalog.records, catalog.totals).sort((a, b) => rank(a) - rank(b));
    cached = {
      rows,
      contradictions: catalog.contradictions,
      summary: summariseSourceCheck(rows, catalog.contradictions.length),
    };
  }
  return cached;
}
