import "server-only";
import { isIP } from "node:net";
import { headers } from "next/headers";
import { PEER_ADDRESS_HEADER, PEER_PROOF_HEADER, peerProofSecret } from "./peer-address";

type HeaderReader = { get(name: string): string | null };

/**
 * How many reverse proxies of our own stand in front of the app (TRUSTED_PROXY_HOPS, default 0). Each of them
 * appends the address it received the request from to X-Forwarded-For, so the client is the N-th entry from the
 * right; everything left of it was written by the client and proves nothing.
 */
export function trustedProxyHops(): number {
  const hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(hops) && hops > 0 && hops <= 10 ? hops : 0;
}

/** A literal IP address in canonical form ("::ffff:127.0.0.1" → "127.0.0.1"), or null for anything else. */
export function normaliseAddress(value: string | null | undefined): string | null {
  let text = value?.trim() ?? "";
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(text)) text = text.slice(7);
  return isIP(text) ? text.toLowerCase() : null;
}

/**
 * The client's address from a request's headers: the socket's peer (stamped by lib/http/peer-address.ts), or with
 * TRUSTED_PROXY_HOPS = N the N-th X-Forwarded-For entry from the right. Null when it cannot be known. Whatever the
 * client writes into X-Forwarded-For or X-Real-IP itself is never taken on its word.
 */
export function clientIpFrom(all: HeaderReader, hops: number = trustedProxyHops()): string | null {
  const peer = all.get(PEER_PROOF_HEADER) === peerProofSecret() ? normaliseAddress(all.get(PEER_ADDRESS_HEADER)) : null;
  if (hops === 0) return peer;
  const forwarded = (all.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request entered after the first proxy, whose entry is then the leftmost.
  const entry = forwarded.length >= hops ? forwarded[forwarded.length - hops] : forwarded[0];
  return normaliseAddress(entry) ?? peer;
}

/** The client's address of the current request (server actions, route handlers), for throttling and the audit log. */
export async function clientIp(): Promise<string | null> {
  return clientIpFrom(await headers());
}
