import "server-only";

/**
 * True when a state-changing request comes from one of our own pages. Browsers send Origin with every POST; a
 * request without it, or from another site, is refused (server actions get the same check from Next itself).
 */
export function fromSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
