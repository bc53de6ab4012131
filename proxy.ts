import { NextResponse, type NextRequest } from "next/server";
import { clientIpFrom } from "./lib/http/client-ip";
import { actionBodyDecodes, pathDecodes } from "./lib/http/request-guards";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "./lib/i18n/locales";
import { takePublicRequest } from "./lib/public/rate-limit";
import en from "./messages/en.json";
import kk from "./messages/kk.json";
import ru from "./messages/ru.json";

const PUBLIC_MESSAGES = { kk: kk.publicView, ru: ru.publicView, en: en.publicView };

/** True for the public view's pages and downloads (no sign-in; throttled per address). */
const isPublicPath = (pathname: string) => pathname === "/public" || pathname.startsWith("/public/");

/** 429 with Retry-After, in the reader's language. */
function tooManyRequests(request: NextRequest, seconds: number, policy: string): NextResponse {
  const chosen = request.cookies.get(LOCALE_COOKIE)?.value;
  const messages = PUBLIC_MESSAGES[isLocale(chosen) ? chosen : DEFAULT_LOCALE];
  return new NextResponse(`${messages.tooManyTitle}\n\n${messages.tooMany.replace("{seconds}", String(seconds))}\n`, {
    status: 429,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Retry-After": String(seconds),
      "Cache-Control": "no-store",
      "Content-Security-Policy": policy,
    },
  });
}

// Every page gets a Content-Security-Policy with a fresh nonce: Next puts the nonce on its own scripts, so only
// they run. No 'unsafe-eval' in production; styles allow inline attributes (charts set sizes inline).
// This is a header, not an access check: pages and actions check the session themselves. The public view
// (/public, no sign-in) is counted here per client address and answered 429 beyond its limit.
export async function proxy(request: NextRequest) {
  // A forged or truncated server-action body would fail inside React's decoder with a 500: refuse it here.
  if (request.method === "POST" && request.headers.has("next-action") && !(await actionBodyDecodes(request)))
    return new NextResponse("Invalid Server Action request.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const development = process.env.NODE_ENV !== "production";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  if (isPublicPath(request.nextUrl.pathname)) {
    const answer = await takePublicRequest(clientIpFrom(request.headers));
    if (!answer.ok) return tooManyRequests(request, answer.retryAfterSeconds, policy);
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  let response: NextResponse;
  if (pathDecodes(request.nextUrl.pathname)) response = NextResponse.next({ request: { headers: requestHeaders } });
  else {
    // A path whose percent-encoding does not decode ("/projects/%E0%A4%A") would fail inside Next with a bare 500:
    // it gets the not-found page (404) instead.
    const notFound = request.nextUrl.clone();
    notFound.pathname = "/not-found";
    notFound.search = "";
    response = NextResponse.rewrite(notFound, { request: { headers: requestHeaders } });
  }
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

// Not the sheet upload: while a proxy runs, Next reads a request's whole body before the route sees it, so an
// endless chunked upload would be read to its end; the route itself stops reading past its size limit.
export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|projects/import/upload).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
