import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";

// The roll-ups' self-check and repair. Both use the database's own recomputation (rollup_*_expected(), defined
// once in the migration next to the triggers), so the check and the rebuild can never disagree about what the
// roll-ups should hold.

export type RollupDifference = { table: string; key: Record<string, unknown>; stored: unknown; expected: unknown };

const TABLES = [
  {
    table: "rollup_projects",
    key: ["oblast_id", "category_id", "horizon", "kind", "status", "confidence", "unit"],
    values: ["projects", "percent_sum", "planned_quantity", "done_quantity"],
  },
  {
    table: "rollup_districts",
    key: ["oblast_id", "district_id", "category_id", "kind", "status"],
    values: ["projects", "percent_sum"],
  },
  {
    table: "rollup_months",
    key: ["oblast_id", "sector_id", "kind", "month"],
    values: ["updates", "completions", "percent_gained"],
  },
] as const;

/** The SQL comparing one roll-up table with its recomputation. Names are the constants above, never input. */
function differenceSql({ table, key, values }: (typeof TABLES)[number]): string {
  const nonZero = (alias: string) => values.map((value) => `${alias}.${value} <> 0`).join(" OR ");
  const valueObject = (alias: string) =>
    `CASE WHEN ${alias}.${values[0]} IS NULL THEN NULL ELSE jsonb_build_object(${values.map((value) => `'${value}', ${alias}.${value}`).join(", ")}) END`;
  return `
    WITH stored AS (SELECT * FROM ${table} s WHERE ${nonZero("s")}),
         expected AS (SELECT * FROM ${table}_expected() e WHERE ${nonZero("e")})
    SELECT jsonb_build_object(${key.map((column) => `'${column}', ${column}`).join(", ")}) AS k,
           ${valueObject("s")} AS stored, ${valueObject("e")} AS expected
    FROM stored s FULL JOIN expected e USING (${key.join(", ")})
    WHERE ${values.map((value) => `s.${value} IS DISTINCT FROM e.${value}`).join(" OR ")}
    LIMIT 1000`;
}

const FIGURE_DAYS = ["milestone_risk_from", "overdue_from", "at_risk_from", "stalled_from"];
const FIGURE_DAYS_DIFFERENCE = `
  SELECT jsonb_build_object('id', p.id, 'code', p.code) AS k,
         jsonb_build_object(${FIGURE_DAYS.map((day) => `'${day}', p.${day}`).join(", ")}) AS stored,
         jsonb_build_object(${FIGURE_DAYS.map((day) => `'${day}', e.${day}`).join(", ")}) AS expected
  FROM projects p JOIN figure_thresholds_expected() e ON e.id = p.id
  WHERE ${FIGURE_DAYS.map((day) => `p.${day} IS DISTINCT FROM e.${day}`).join(" OR ")}
  LIMIT 1000`;

/**
 * Recomputes every roll-up from the base tables and lists each row that differs (rows that sum to zero count as
 * absent). Runs in one repeatable-read transaction, so the roll-ups and the base tables are read at one moment.
 */
export async function checkRollups(): Promise<RollupDifference[]> {
  return prisma.$transaction(
    async (tx) => {
      const differences: RollupDifference[] = [];
      for (const definition of TABLES) {
        const rows = await tx.$queryRawUnsafe<{ k: Record<string, unknown>; stored: unknown; expected: unknown }[]>(
          differenceSql(definition),
        );
        for (const row of rows)
          differences.push({ table: definition.table, key: row.k, stored: row.stored, expected: row.expected });
      }
      // Each project's first days in the date-dependent figures (lib/figures/definitions.ts), kept by triggers.
      const days =
        await tx.$queryRawUnsafe<{ k: Record<string, unknown>; stored: unknown; expected: unknown }[]>(
          FIGURE_DAYS_DIFFERENCE,
        );
      for (const row of days)
        differences.push({ table: "projects (figure days)", key: row.k, stored: row.stored, expected: row.expected });
      return differences;
    },
    { isolationLevel: "RepeatableRead", timeout: 600_000, maxWait: 60_000 },
  );
}

/**
 * Replaces every roll-up (and each project's figure days) by its recomputation from the base tables, within the
 * caller's transaction.
 */
export async function rebuildRollupsIn(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT rollups_rebuild()`;
  await tx.$executeRaw`SELECT figure_thresholds_rebuild()`;
}

/** The repair: every roll-up replaced by its recomputation from the base tables, in one transaction. */
export async function rebuildRollups(): Promise<void> {
  await prisma.$transaction((tx) => rebuildRollupsIn(tx), { timeout: 600_000 });
}
