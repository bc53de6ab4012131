// Where the browser may be sent after sign-in: a path on our own site, never another origin. Hand-written prefix
// checks miss what browsers forgive ("/\evil", "/%09/evil" whose tab the URL parser drops, "/.//evil"), so the
// value is parsed the way a browser parses it, against our own origin, and only its path is kept.
const MAX_LENGTH = 2048;

/** Our own origin: NEXTAUTH_URL's, or a placeholder (only the path of the result is ever used). */
function ownOrigin(): string {
  try {
    return new URL(process.env.NEXTAUTH_URL ?? "").origin;
  } catch {
    return "http://batys.invalid";
  }
}

/** The path (with query and fragment) `value` leads to on `origin`, or "/" when it leads anywhere else. */
export function safeRedirectPath(value: unknown, origin: string = ownOrigin()): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return "/";
  // Control characters are dropped or misread differently by different parsers: refuse them outright.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: this is the check for them
  if (/[\u0000-\u001f\u007f]/.test(value)) return "/";
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(value, base);
  } catch {
    return "/";
  }
  if (target.origin !== base.origin || (target.protocol !== "http:" && target.protocol !== "https:")) return "/";
  const path = `${target.pathname}${target.search}${target.hash}`;
  // "//host" or "/\host" as a path would be read as another host by the browser that follows it.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  return path;
}

/** An absolute URL on `baseUrl` for next-auth's redirect callback: same-origin targets only, else the home page. */
export function safeRedirectUrl(url: unknown, baseUrl: string): string {
  return new URL(safeRedirectPath(url, baseUrl), baseUrl).toString();
}
