import { expect, test, type APIResponse } from "@playwright/test";
import { translator } from "./i18n";
import { signInTo } from "./sign-in-to";
import { chooseLanguage, DEMO } from "./support";

const t = translator("kk");

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

/** Checks every security header of one response and returns the CSP nonce. */
function expectSecurityHeaders(response: APIResponse, what: string): string {
  const headers = response.headers();
  const policy = headers["content-security-policy"];
  expect(policy, `${what}: Content-Security-Policy`).toBeTruthy();
  const csp = directives(policy!);
  const scripts = csp.get("script-src");
  expect(scripts, `${what}: script-src`).toBeDefined();
  const nonce = scripts!.map((value) => /^'nonce-([A-Za-z0-9+/=_-]+)'$/.exec(value)?.[1]).find(Boolean);
  expect(nonce, `${what}: script-src carries a nonce`).toBeTruthy();
  expect(nonce!.length, `${what}: the nonce is long enough to be unguessable`).toBeGreaterThanOrEqual(16);
  expect(policy, `${what}: no 'unsafe-eval'`).not.toContain("'unsafe-eval'");
  expect(scripts, `${what}: scripts run only with the nonce`).not.toContain("'unsafe-inline'");
  expect(csp.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(csp.get("object-src"), `${what}: object-src`).toEqual(["'none'"]);
  expect(csp.get("base-uri"), `${what}: base-uri`).toEqual(["'self'"]);
  expect(csp.get("default-src"), `${what}: default-src`).toEqual(["'self'"]);

  expect(headers["referrer-policy"], `${what}: Referrer-Policy`).toMatch(
    /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
  );
  expect(headers["x-content-type-options"], `${what}: X-Content-Type-Options`).toBe("nosniff");
  const permissions = headers["permissions-policy"];
  expect(permissions, `${what}: Permissions-Policy`).toBeTruthy();
  for (const feature of ["camera", "microphone", "geolocation"])
    expect(permissions, `${what}: ${feature} is off`).toContain(`${feature}=()`);
  expect(headers["x-powered-by"], `${what}: no X-Powered-By`).toBeUndefined();
  return nonce!;
}

/** Signs of a leaked stack trace or internal detail in a page's HTML. */
const LEAKS = [
  /\bat [\w.<>]+ \(/,
  /node_modules/,
  /\.(ts|tsx|js):\d+:\d+/,
  /\bTypeError\b|\bReferenceError\b|\bPrismaClient/,
  /\/work\/|\/app\/\.next/,
];

test.describe("security headers", () => {
  for (const path of ["/sign-in", "/", "/projects", "/no-such-page", "/public", "/public/projects"]) {
    test(`an anonymous request for ${path} carries the Content-Security-Policy with a nonce and the other security headers`, async ({
      request,
    }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), `${path} answers`).toBeLessThan(500);
      expectSecurityHeaders(response, path);
    });
  }

  test("each page gets a fresh nonce, and the page's own scripts carry exactly that nonce", async ({ request }) => {
    const first = await request.get("/sign-in");
    const second = await request.get("/sign-in");
    const nonce = expectSecurityHeaders(first, "first /sign-in");
    expect(expectSecurityHeaders(second, "second /sign-in")).not.toBe(nonce);

    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length, "the page has scripts").toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, "every script tag carries the nonce").toContain(`nonce="${nonce}"`);
  });

  test("signed-in pages carry the same headers", async ({ page }) => {
    await signInTo(page, DEMO.admin, "/projects");
    for (const path of ["/", "/projects", "/admin/users", "/admin/audit/export"]) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      expectSecurityHeaders(response, path);
    }
  });

  test("the browser enforces the policy: an injected inline event handler does not run and is reported as a violation", async ({
    page,
  }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("signIn.title"));
    // The classic injection: markup with an inline handler. Without 'unsafe-inline' the handler must not run.
    await page.evaluate(() => {
      const state = window as unknown as { injected: boolean; violations: string[] };
      state.injected = false;
      state.violations = [];
      document.addEventListener("securitypolicyviolation", (event) => state.violations.push(event.effectiveDirective));
      const holder = document.createElement("div");
      holder.innerHTML = '<img src="/no-such-image.png" alt="" onerror="window.injected = true">';
      document.body.append(holder);
    });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { violations: string[] }).violations))
      .toContainEqual(expect.stringMatching(/^script-src/));
    expect(await page.evaluate(() => (window as unknown as { injected: boolean }).injected)).toBe(false);
  });
});

test.describe("unknown routes", () => {
  test("an unknown route answers 404 with the translated not-found page and no stack trace", async ({ page }) => {
    const response = await page.goto("/no-such-page/at-all");
    expect(response?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "kk");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("errors.notFoundTitle"));
    await expect(page.getByText(t("errors.notFoundBody"), { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: t("errors.backHome") })).toHaveAttribute("href", "/");
    const html = await response!.text();
    for (const leak of LEAKS) expect(html, `no ${leak}`).not.toMatch(leak);
  });

  test("the not-found page follows the chosen language, signed in or not", async ({ page }) => {
    await page.goto("/sign-in");
    await chooseLanguage(page, "en");
    const en = translator("en");
    let response = await page.goto("/nothing-here");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en("errors.notFoundTitle"));

    await signInTo(page, DEMO.manager, "/projects");
    await chooseLanguage(page, "ru");
    const ru = translator("ru");
    for (const path of [
      "/nothing-here",
      "/projects/NOPE-2030-999",
      "/oblasts/XXX",
      "/sectors/no-such-sector",
      "/admin/users/999999999",
    ]) {
      response = await page.goto(path);
      expect(response?.status(), path).toBeGreaterThanOrEqual(400);
      expect(response?.status(), path).toBeLessThan(500);
      await expect(page.getByRole("heading", { level: 1 }), path).toHaveText(
        response?.status() === 403 ? ru("errors.forbiddenTitle") : ru("errors.notFoundTitle"),
      );
      const html = await response!.text();
      for (const leak of LEAKS) expect(html, `${path}: no ${leak}`).not.toMatch(leak);
    }
  });

  test("malformed project codes and ids get the not-found page, never a server error", async ({ page }) => {
    await signInTo(page, DEMO.admin, "/projects");
    for (const path of [
      "/projects/%00",
      `/projects/${"A".repeat(5000)}`,
      "/admin/users/-1",
      "/admin/users/1e400",
      "/oblasts/%3Cscript%3E",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 }), path).toHaveText(t("errors.notFoundTitle"));
      const html = await response!.text();
      for (const leak of LEAKS) expect(html, `${path}: no ${leak}`).not.toMatch(leak);
    }
  });

  test("a malformed escape in a project or oblast URL leaks no stack trace or internal path", async ({ page }) => {
    // Next answers these itself, before the proxy and the page run (with Next 16.4 a bare plain-text
    // "Internal Server Error"): whatever the status, nothing of the server's internals may show.
    await signInTo(page, DEMO.admin, "/projects");
    for (const path of ["/projects/%E0%A4%A", "/oblasts/%E0%A4%A", "/sectors/%C0"]) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBeGreaterThanOrEqual(400);
      const body = await response.text();
      for (const leak of LEAKS) expect(body, `${path}: no ${leak}`).not.toMatch(leak);
    }
  });
});

test("the sign-in page's callbackUrl never sends a signed-in user to another site", async ({ page, baseURL }) => {
  await signInTo(page, DEMO.manager, "/projects");
  // Browsers read a backslash as a slash: "/\\example.org" is the same as "//example.org", another host.
  for (const callbackUrl of ["//example.org/x", "/\\example.org/x", "https://example.org/x", "/\\/example.org"]) {
    const response = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`, {
      maxRedirects: 0,
    });
    expect(response.status(), callbackUrl).toBeGreaterThanOrEqual(300);
    expect(response.status(), callbackUrl).toBeLessThan(400);
    const location = response.headers().location!;
    expect(new URL(location, baseURL).origin, `${callbackUrl} -> ${location}`).toBe(new URL(baseURL!).origin);
  }
});
