import "server-only";
import { loadCatalog } from "./load-catalog";
import { reconcile, type Reconciliation } from "./reconcile";

let cached: Reconciliation[] | null = null;

/** The reconciliation of the reviewed catalog files; they only change with a deployment, so it is computed once. */
export function getSourceCheck(): Reconciliation[] {
  if (!cached) {
    const catalog = loadCatalog();
    cached = reconcile(catalog.records, catalog.totals);
  }
  return cached;
}
