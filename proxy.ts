import { NextResponse, type NextRequest } from "next/server";
import { actionBodyDecodes, pathDecodes } from "./lib/http/request-guards";

// Every page gets a Content-Security-Policy with a fresh nonce: Next puts the nonce on its own scripts, so only
// they run. No 'unsafe-eval' in production; styles allow inline attributes (charts set sizes inline).
// This is a header, not an access check: pages and actions check the session themselves.
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
