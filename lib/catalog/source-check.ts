import "server-only";
import { loadCatalog } from "./load-catalog";
import { reconcile, type Reconciliation } from "./reconcile";

let cached: Reconciliation[] | null = null;

/** The reconciliation of the reviewed catalog files; they only change with a deployment, so it is computed once. */
export function getSourceCheck(): Reconciliation[] {
  if (!cached) {
    const catalog = loadCatalog();
    // What a reader must look at first: differences, then agreements, then indicators given for information.
    const rank = (row: Reconciliation) => (!row.comparable ? 2 : row.agrees ? 1 : 0);
    cached = reconcile(catalog.records, catalog.totals).sort((a, b) => rank(a) - rank(b));
  }
  return cached;
}
