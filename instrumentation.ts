// Runs once when the Next server starts (`next start`, `next dev`, the standalone server of the Docker image).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddressHook } = await import("./lib/http/peer-address");
  installPeerAddressHook();
}
