// Percentiles and timing helpers shared by the HTTP and in-process measurements.
export type Latency = { samples: number; p50: number | null; p95: number | null; p99: number | null };

/** Nearest-rank percentile of a list of milliseconds. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function latencyOf(values: number[]): Latency {
  const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
  return {
    samples: values.length,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` repeatedly (after one warm-up call) until `maxRuns` runs or `budgetMs` elapse, at least `minRuns`. */
export async function repeat(
  work: () => Promise<unknown>,
  options: { budgetMs: number; maxRuns: number; minRuns: number },
): Promise<Latency> {
  await work();
  const times: number[] = [];
  const started = performance.now();
  while (
    times.length < options.minRuns ||
    (times.length < options.maxRuns && performance.now() - started < options.budgetMs)
  ) {
    const begin = performance.now();
    await work();
    times.push(performance.now() - begin);
  }
  return latencyOf(times);
}
