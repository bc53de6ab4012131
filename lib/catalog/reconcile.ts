// Sets every total the decree states beside the sum of the catalog records it covers. Pure, so the Source check
// page and the tests compute exactly the same thing.
import type { TCatalogRecord, TStatedTotal } from "./catalog-schema";

export type Reconciliation = {
  total: TStatedTotal & { file: string };
  catalogValue: number;
  recordCodes: string[];
  difference: number;
  /** False for an indicator the catalog has no records for (an empty `codes` list): shown, not compared. */
  comparable: boolean;
  agrees: boolean;
  /** Other stated totals that say the same thing with another number: the decree disagrees with itself. */
  conflicts: (TStatedTotal & { file: string })[];
};

/** Numbers in the decree carry up to three decimals; anything closer than this is the same number. */
const TOLERANCE = 0.0005;

export function recordsMatching(records: TCatalogRecord[], total: TStatedTotal): TCatalogRecord[] {
  const match = total.match;
  if (match.codes) return records.filter((record) => match.codes!.includes(record.code));
  return records.filter(
    (record) =>
      (!match.categories || match.categories.includes(record.category)) &&
      (!match.actions || match.actions.includes(record.action)) &&
      (match.horizon === undefined || record.horizon === match.horizon) &&
      (!match.oblasts || record.oblasts.some((oblast) => match.oblasts!.includes(oblast))) &&
      (total.aggregate === "count" || record.unit === total.unit),
  );
}

export function reconcile(records: TCatalogRecord[], totals: (TStatedTotal & { file: string })[]): Reconciliation[] {
  return totals.map((total) => {
    const matching = recordsMatching(records, total);
    const catalogValue =
      total.aggregate === "count"
        ? matching.length
        : roundTo3(matching.reduce((sum, record) => sum + (record.quantity ?? 0), 0));
    const difference = roundTo3(catalogValue - total.value);
    const conflicts = totals.filter(
      (other) => other.id !== total.id && (other.conflictsWith === total.id || total.conflictsWith === other.id),
    );
    const comparable = !(total.match.codes && total.match.codes.length === 0);
    return {
      total,
      catalogValue,
      recordCodes: matching.map((record) => record.code),
      difference,
      comparable,
      agrees: comparable && Math.abs(difference) < TOLERANCE,
      conflicts,
    };
  });
}

function roundTo3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export type SourceCheckSummary = {
  /** Totals the decree states. */
  stated: number;
  /** Of them, totals the catalog's records can be summed against. */
  compared: number;
  agree: number;
  differ: number;
  /** Differences explained by a contradiction inside the decree itself. */
  differByDecree: number;
  /** Differences with no such explanation: the catalog must be checked. */
  differByCatalog: number;
  /** Levels and demand figures the catalog has no records for. */
  informational: number;
  /** Places where the decree contradicts itself (contradictions.json). */
  contradictions: number;
};

/** The numbers of the Source check page's opening paragraph. */
export function summariseSourceCheck(rows: Reconciliation[], contradictionCount: number): SourceCheckSummary {
  const compared = rows.filter((row) => row.comparable);
  const differing = compared.filter((row) => !row.agrees);
  const byDecree = differing.filter((row) => row.total.contradiction !== undefined).length;
  return {
    stated: rows.length,
    compared: compared.length,
    agree: compared.length - differing.length,
    differ: differing.length,
    differByDecree: byDecree,
    differByCatalog: differing.length - byDecree,
    informational: rows.length - compared.length,
    contradictions: contradictionCount,
  };
}
