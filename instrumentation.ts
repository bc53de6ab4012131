// Next calls register() once when a server instance starts: each instance runs the notification worker (fan-out,
// digests, stale projects, mail) in the background. BATYS_WORKER=off leaves it to other instances.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.BATYS_WORKER === "off") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startWorker } = await import("./lib/jobs/worker");
  startWorker();
}
