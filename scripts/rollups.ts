// `npm run rollups:check`: recomputes every roll-up from the base tables and prints each difference (exit 1 when
// there is one). `npm run rollups:rebuild`: the repair — replaces every roll-up by its recomputation.
import { runWithAppDatabase } from "./lib/with-app-database";

const command = process.argv[2];
await runWithAppDatabase(async () => {
  const { checkRollups, rebuildRollups } = await import("../lib/rollups/check-rollups");
  if (command === "rebuild") {
    await rebuildRollups();
    console.log("roll-ups rebuilt from the base tables");
  }
  const differences = await checkRollups();
  for (const difference of differences.slice(0, 50))
    console.log(
      `${difference.table} ${JSON.stringify(difference.key)}: stored ${JSON.stringify(difference.stored)}, expected ${JSON.stringify(difference.expected)}`,
    );
  console.log(`rollups:check: ${differences.length} differences`);
  return differences.length === 0 ? 0 : 1;
});
