import { describe, expect, it } from "vitest";
import { clientIpFrom } from "@/lib/http/client-ip";
import { PEER_ADDRESS_HEADER, PEER_PROOF_HEADER, peerProofSecret } from "@/lib/http/peer-address";
import { pathDecodes } from "@/lib/http/request-guards";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { isCalendarDay, parseIntId, ZIsoDay } from "@/lib/forms/input-pieces";

const ORIGIN = "http://localhost:3000";

describe("callbackUrl after sign-in", () => {
  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\\evil.example",
    "//evil.example",
    "/.//evil.example",
    "https://evil.example/x",
    "javascript:alert(1)",
    "\\\\evil.example",
    "",
  ])("%j leads to our own home page", (value) => {
    expect(safeRedirectPath(value, ORIGIN)).toBe("/");
  });

  it("keeps a path of our own, with its query", () => {
    expect(safeRedirectPath("/projects?q=x#top", ORIGIN)).toBe("/projects?q=x#top");
    expect(safeRedirectPath("http://localhost:3000/reports", ORIGIN)).toBe("/reports");
    expect(safeRedirectPath("/%09/evil.example", ORIGIN)).toBe("/%09/evil.example");
    expect(safeRedirectPath(["/projects"], ORIGIN)).toBe("/");
    // A scheme-relative path on our own scheme stays on our origin, as a browser resolves it.
    expect(safeRedirectPath("http:evil.example", ORIGIN)).toBe("/evil.example");
  });
});

describe("client address", () => {
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });
  const stamped = { [PEER_ADDRESS_HEADER]: "::ffff:10.0.0.5", [PEER_PROOF_HEADER]: peerProofSecret() };

  it("is the socket's address; X-Forwarded-For and X-Real-IP written by the client are ignored", () => {
    expect(clientIpFrom(headers({ ...stamped, "x-forwarded-for": "1.2.3.4", "x-real-ip": "1.2.3.4" }), 0)).toBe(
      "10.0.0.5",
    );
  });

  it("a peer header without the process's proof is no address at all", () => {
    expect(clientIpFrom(headers({ [PEER_ADDRESS_HEADER]: "1.2.3.4", [PEER_PROOF_HEADER]: "guess" }), 0)).toBeNull();
  });

  it("with N trusted proxies, is the N-th X-Forwarded-For entry from the right", () => {
    const forwarded = { ...stamped, "x-forwarded-for": "6.6.6.6, 198.51.100.1, 10.0.0.9" };
    expect(clientIpFrom(headers(forwarded), 1)).toBe("10.0.0.9");
    expect(clientIpFrom(headers(forwarded), 2)).toBe("198.51.100.1");
    expect(clientIpFrom(headers({ ...stamped, "x-forwarded-for": "not-an-address" }), 1)).toBe("10.0.0.5");
  });
});

describe("shared input pieces", () => {
  it("days must exist and lie between 2000 and 2100", () => {
    expect(isCalendarDay("2026-02-30")).toBe(false);
    expect(isCalendarDay("2028-02-29")).toBe(true);
    expect(ZIsoDay.safeParse("0001-01-01").success).toBe(false);
    expect(ZIsoDay.safeParse("9999-12-31").success).toBe(false);
    expect(ZIsoDay.safeParse("2026-03-31").success).toBe(true);
  });

  it("ids fit int4", () => {
    expect(parseIntId("2147483647")).toBe(2147483647);
    expect(parseIntId("2147483648")).toBeNull();
    expect(parseIntId("1e3")).toBeNull();
    expect(parseIntId("\u0000")).toBeNull();
  });

  it("paths with malformed percent-encoding are recognised", () => {
    expect(pathDecodes("/projects/%E0%A4%A")).toBe(false);
    expect(pathDecodes("/projects/%D0%B6")).toBe(true);
  });
});
