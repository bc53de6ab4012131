import "server-only";

// A small bounded queue for heavy work a request asks for (printing a PDF in Chromium): at most `concurrent` jobs
// at once per server, at most `queued` waiting behind them, at most `perOwner` (running or waiting) per user, and
// each job stopped after `timeoutMs`. Beyond that the caller is told at once to come back later (HTTP 429 with
// Retry-After), instead of 8 parallel requests starting 8 browsers on 2 cores.

export type RenderQueueLimits = { concurrent: number; queued: number; perOwner: number; timeoutMs: number };

/** The queue is full, or this user already has a job in it: try again after `retryAfterSeconds`. */
export class RenderBusyError extends Error {
  override name = "RenderBusyError";
  constructor(readonly retryAfterSeconds: number) {
    super(`render queue busy: retry after ${retryAfterSeconds} s`);
  }
}

/** The job ran past its time; it was told to stop (its signal aborted) and its slot is free again. */
export class RenderTimeoutError extends Error {
  override name = "RenderTimeoutError";
  constructor(timeoutMs: number) {
    super(`render took longer than ${timeoutMs} ms`);
  }
}

export type RenderQueue = {
  /** Runs `job` when a slot is free; `job` must stop (close what it opened) when `signal` aborts. */
  run<T>(owner: string | number, job: (signal: AbortSignal) => Promise<T>): Promise<T>;
  stats(): { running: number; waiting: number; owners: number };
};

export function createRenderQueue(limits: RenderQueueLimits): RenderQueue {
  let running = 0;
  const waiting: (() => void)[] = [];
  const perOwner = new Map<string, number>();
  // A rough wait: a PDF takes a few seconds; every full round of slots ahead adds one such turn.
  const retryAfter = () => Math.max(5, Math.ceil((running + waiting.length) / limits.concurrent) * 5);

  async function run<T>(owner: string | number, job: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const key = String(owner);
    const mine = perOwner.get(key) ?? 0;
    if (mine >= limits.perOwner || (running >= limits.concurrent && waiting.length >= limits.queued))
      throw new RenderBusyError(retryAfter());
    perOwner.set(key, mine + 1);
    try {
      if (running >= limits.concurrent) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new RenderTimeoutError(limits.timeoutMs));
        }, limits.timeoutMs);
      });
      try {
        return await Promise.race([job(controller.signal), timedOut]);
      } finally {
        clearTimeout(timer);
        running--;
        waiting.shift()?.();
      }
    } finally {
      const left = (perOwner.get(key) ?? 1) - 1;
      if (left > 0) perOwner.set(key, left);
      else perOwner.delete(key);
    }
  }

  return { run, stats: () => ({ running, waiting: waiting.length, owners: perOwner.size }) };
}
