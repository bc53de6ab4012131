// Checks proxy.ts runs before Next handles a request, for inputs that Next itself would answer with a bare 500:
// a path whose percent-encoding does not decode, and a server-action body that React cannot decode. Both are
// refused up front with a 4xx. No database, no session: these look at the request alone.

/** False when a path segment's percent-encoding is malformed ("/projects/%E0%A4%A"). */
export function pathDecodes(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

// The only "$"-escapes a form of this app sends in a server-action reply (React's encodeReply): an escaped "$",
// a FormData ("$K1"), undefined, special numbers and dates. Every other escape refers to another part of the
// reply (promises, maps, outlined objects…); none of our actions takes such arguments, and a reference to a part
// that is not there makes React's decoder fail with a 500.
const ALLOWED_ESCAPE = /^\$(?:\$|K[0-9a-f]{1,8}$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D)/;

function escapesAllowed(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") return !value.startsWith("$") || ALLOWED_ESCAPE.test(value);
  if (Array.isArray(value)) return value.every((item) => escapesAllowed(item, depth + 1));
  if (value && typeof value === "object") return Object.values(value).every((item) => escapesAllowed(item, depth + 1));
  return true;
}

function isReplyModel(text: string): boolean {
  try {
    const root: unknown = JSON.parse(text);
    return Array.isArray(root) && escapesAllowed(root);
  } catch {
    return false;
  }
}

/**
 * True when a server-action request (a POST with a Next-Action header) carries a reply React can decode: the
 * argument list as JSON, or a multipart form whose part "0" is that list. A forged or truncated body is refused
 * here with 400 instead of failing inside Next's decoder.
 */
export async function actionBodyDecodes(request: Request): Promise<boolean> {
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.toLowerCase().startsWith("multipart/form-data")) {
      const form = await request.clone().formData();
      const root = form.get("0");
      if (typeof root !== "string" || !isReplyModel(root)) return false;
      // Outlined parts (keys that are numbers) must be well-formed too.
      for (const [key, value] of form.entries())
        if (/^\d+$/.test(key) && (typeof value !== "string" || !isReplyModel(`[${value}]`))) return false;
      return true;
    }
    return isReplyModel(await request.clone().text());
  } catch {
    return false;
  }
}
