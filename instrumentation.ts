// Runs once when the Next server starts (`next start`, `next dev`, the standalone server of the Docker image): the
// socket-address hook for throttling and audit, then the notification worker (fan-out, digests, stale projects,
// mail) in the background. BATYS_WORKER=off leaves the worker to other instances.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddressHook } = await import("./lib/http/peer-address");
  installPeerAddressHook();
  if (process.env.BATYS_WORKER === "off" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startWorker } = await import("./lib/jobs/worker");
  startWorker();
}
