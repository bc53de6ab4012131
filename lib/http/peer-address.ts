// The address of the TCP peer (the browser, or the nearest proxy), for route handlers and server actions.
// Next gives them only headers: `next start` copies the socket's address into X-Forwarded-For, but only when the
// request has none (`??=`), so a client that sends its own X-Forwarded-For hides its address. This hook runs
// before Next sees a request (it wraps the HTTP server's "request" event, installed by instrumentation.ts) and
// writes the socket's address into a header of our own, overwriting whatever the client sent under that name,
// with a per-process secret beside it: a request that reached Next before the hook was installed (the first
// instants of start-up) carries no valid proof and counts as "address unknown", never as a client's claim.
// No `server-only` import: instrumentation.ts is bundled outside the React server layer.
import crypto from "node:crypto";
import http from "node:http";
import https from "node:https";

export const PEER_ADDRESS_HEADER = "x-batys-peer-address";
export const PEER_PROOF_HEADER = "x-batys-peer-proof";

const SECRET_KEY = Symbol.for("batys.peerAddressSecret");
const INSTALLED_KEY = Symbol.for("batys.peerAddressInstalled");
type Globals = { [SECRET_KEY]?: string; [INSTALLED_KEY]?: boolean };

/** The per-process secret the hook writes beside the address (shared through globalThis across Next's bundles). */
export function peerProofSecret(): string {
  const globals = globalThis as Globals;
  globals[SECRET_KEY] ??= crypto.randomBytes(24).toString("base64url");
  return globals[SECRET_KEY];
}

type RequestLike = { headers: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string } };

/** Stamps one incoming request with its socket's address (exported for tests). */
export function stampPeerAddress(request: RequestLike): void {
  request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
  request.headers[PEER_PROOF_HEADER] = peerProofSecret();
}

/** Installs the hook on every HTTP(S) server of this process, once. */
export function installPeerAddressHook(): void {
  const globals = globalThis as Globals;
  if (globals[INSTALLED_KEY]) return;
  globals[INSTALLED_KEY] = true;
  for (const Server of [http.Server, https.Server]) {
    const original = Server.prototype.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    Server.prototype.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request" && args[0]) stampPeerAddress(args[0] as RequestLike);
      return original.call(this, event, ...args);
    } as typeof Server.prototype.emit;
  }
}
