import "server-only";
import { headers } from "next/headers";

/**
 * The client's address for the audit log: the first X-Forwarded-For hop set by the load balancer, else
 * X-Real-IP. Behind no proxy, Next gives neither and the audit row records null.
 */
export async function clientIp(): Promise<string | null> {
  const all = await headers();
  const forwarded = all.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || all.get("x-real-ip")?.trim() || null;
  return ip ? ip.slice(0, 64) : null;
}
