import "server-only";
import { deliverMail } from "../mail/deliver";
import { runDigests } from "../notifications/digests";
import { processNotificationEvents } from "../notifications/fan-out";
import { raiseStaleProjectEvents } from "../notifications/stale-projects";

// The background worker every app instance runs (started from instrumentation.ts): it fans notification events
// out, makes digests, looks for stale projects and sends mail. All its state is in PostgreSQL and every step
// claims rows with SKIP LOCKED or dedupe keys, so any number of instances share the work without doing it twice.

const TICK_MS = Number(process.env.NOTIFICATION_POLL_MS ?? 1000);
const SLOW_EVERY_MS = 10 * 60 * 1000;

type WorkerState = { timer: NodeJS.Timeout | null; running: Promise<void> | null; lastSlow: number; stopped: boolean };
const globalForWorker = globalThis as unknown as { batysWorker?: WorkerState };

/** One pass of the worker: what a tick does. Exported for tests and scripts. */
export async function runWorkerOnce(options: { slow?: boolean; now?: Date } = {}): Promise<void> {
  await processNotificationEvents();
  if (options.slow) {
    await raiseStaleProjectEvents(options.now);
    await processNotificationEvents();
    await runDigests("DAILY", options.now);
    await runDigests("WEEKLY", options.now);
  }
  await deliverMail();
}

export function startWorker(): void {
  if (globalForWorker.batysWorker) return;
  const state: WorkerState = { timer: null, running: null, lastSlow: 0, stopped: false };
  globalForWorker.batysWorker = state;
  const tick = () => {
    if (state.stopped) return;
    const slow = Date.now() - state.lastSlow >= SLOW_EVERY_MS;
    if (slow) state.lastSlow = Date.now();
    state.running = runWorkerOnce({ slow })
      .catch((error) => console.error("notification worker:", error))
      .finally(() => {
        state.running = null;
        if (!state.stopped) state.timer = setTimeout(tick, TICK_MS);
      });
  };
  state.timer = setTimeout(tick, TICK_MS);
  state.timer.unref?.();
}

/** Stops polling and waits for the pass in progress; claimed but unsent mail is retried after its lease. */
export async function stopWorker(): Promise<void> {
  const state = globalForWorker.batysWorker;
  if (!state) return;
  state.stopped = true;
  if (state.timer) clearTimeout(state.timer);
  await state.running;
  globalForWorker.batysWorker = undefined;
}
