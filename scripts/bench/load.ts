// HTTP load with autocannon: a fixed number of connections for a fixed time, every response's latency kept so
// p50/p95/p99 are exact (autocannon's own summary has no p95). Anything but a 2xx answer counts as an error.
import autocannon from "autocannon";
import { latencyOf, sleep, type Latency } from "./stats";

export type LoadResult = Latency & {
  connections: number;
  durationS: number;
  requestsPerSecond: number;
  errors: number;
  statusCodes: Record<string, number>;
};

export async function runLoad(options: {
  url: string;
  cookie: string;
  connections: number;
  durationS: number;
}): Promise<LoadResult> {
  // Only the bench's own local server is ever loaded.
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(options.url))
    throw new Error(`refusing to load ${options.url}: only http://127.0.0.1 is benchmarked`);
  const times: number[] = [];
  const statusCodes: Record<string, number> = {};
  let bad = 0;
  const result = await new Promise<{ duration: number; errors: number; timeouts: number }>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationS,
        timeout: 60,
        headers: { cookie: options.cookie },
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode < 200 || statusCode >= 300) bad++;
    });
  });
  // Requests cut off at the end of the run may still be finishing on the server: let it settle.
  await sleep(1500);
  const durationS = result.duration || options.durationS;
  return {
    ...latencyOf(times),
    connections: options.connections,
    durationS,
    requestsPerSecond: Math.round((times.length / durationS) * 10) / 10,
    errors: bad + result.errors,
    statusCodes,
  };
}
