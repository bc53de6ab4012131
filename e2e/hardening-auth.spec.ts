import { hash } from "@node-rs/argon2";
import { expect, test, type APIRequestContext } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { signInAs } from "./session";
import { DEMO, DEMO_PASSWORD, query, saveScreenshot } from "./support";

// Attacks on sign-in and bad input, against the production build: each is refused with a 4xx or a translated
// message, never a 500, and the database shows nothing changed.

const EVIL_CALLBACKS = [
  "/%09/evil.example",
  "/%0a/evil.example",
  "/\\evil.example",
  "//evil.example",
  "/%2F%2Fevil.example",
  "/\t/evil.example",
  "/.//evil.example",
  "https://evil.example/",
  "http:evil.example",
  "javascript:alert(1)",
  "%2F%2Fevil.example",
];

/** An account of the test's own (so no other spec's counters or sessions mix in), with an Argon2id password. */
async function ownAccount(name: string, password = DEMO_PASSWORD): Promise<string> {
  const email = `${name}-${Date.now()}@hardening.test`;
  await query(
    `INSERT INTO users (email, name, role, password_hash, must_change_password, active, updated_at)
     VALUES ($1, 'Hardening E2E', 'MANAGER', $2, false, true, now())`,
    [email, await hash(password)],
  );
  return email;
}

/** Signs in through next-auth's own endpoint, as the form does; extra headers are what an attacker adds. */
async function postCredentials(
  request: APIRequestContext,
  fields: { email: string; password: string; callbackUrl?: string },
  headers: Record<string, string> = {},
): Promise<{ status: number; url: string }> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { ...fields, csrfToken, json: "true", callbackUrl: fields.callbackUrl ?? "/" },
    headers,
    maxRedirects: 0,
  });
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  return { status: response.status(), url: body.url ?? response.headers().location ?? "" };
}

function expectOwnOrigin(target: string, base: string, what: string) {
  expect(new URL(target, base).origin, what).toBe(new URL(base).origin);
}

test.describe("open redirect after sign-in", () => {
  test("strange callbackUrl values never lead the signed-in browser to another origin", async ({ page, baseURL }) => {
    for (const callback of ["/%09/evil.example", "/\\evil.example", "https://evil.example/"]) {
      await page.context().clearCookies();
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callback)}`);
      await page.locator("#email").fill(DEMO.manager);
      await page.locator("#password").fill(DEMO_PASSWORD);
      await page.locator("button[type=submit]").click();
      // A same-origin path that names no page ends on our not-found page: still our origin.
      await page.waitForURL((url) => url.pathname !== "/sign-in", { timeout: 30_000 });
      await page.waitForLoadState("load");
      expectOwnOrigin(page.url(), baseURL!, `form with ${callback}`);
    }
  });

  test("an already signed-in user visiting /sign-in is redirected to a path of our own only", async ({
    page,
    baseURL,
  }) => {
    await signInAs(page, DEMO.manager);
    for (const callback of EVIL_CALLBACKS) {
      const response = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent(callback)}`, {
        maxRedirects: 0,
      });
      expect(response.status(), callback).toBeLessThan(500);
      const location = response.headers().location;
      expect(location, `${callback} redirects`).toBeTruthy();
      expectOwnOrigin(location!, baseURL!, callback);
      expect(location!.startsWith("//") || location!.startsWith("/\\"), callback).toBe(false);
    }
    // A same-origin path is still followed.
    const response = await page.request.get("/sign-in?callbackUrl=%2Fprojects%3Fq%3Dx", { maxRedirects: 0 });
    expect(new URL(response.headers().location!, baseURL).pathname).toBe("/projects");
  });

  test("next-auth's redirect callback answers our own origin for every strange callbackUrl", async ({
    playwright,
    baseURL,
  }) => {
    for (const callback of EVIL_CALLBACKS) {
      const request = await playwright.request.newContext({ baseURL });
      const { status, url } = await postCredentials(request, {
        email: DEMO.manager,
        password: DEMO_PASSWORD,
        callbackUrl: callback,
      });
      expect(status, callback).toBeLessThan(500);
      expectOwnOrigin(url, baseURL!, callback);
      await request.dispose();
    }
  });
});

test.describe("the client's address comes from the socket, not from headers the client writes", () => {
  test("a spoofed X-Forwarded-For neither dodges nor inflicts an address lock, and the audit log shows the socket's address", async ({
    playwright,
    baseURL,
  }) => {
    const email = await ownAccount("spoof");
    const request = await playwright.request.newContext({ baseURL });
    // The owner signs in once from this machine: its address becomes one the account knows.
    expect((await postCredentials(request, { email, password: DEMO_PASSWORD })).url).not.toContain("error");
    // The attacker claims a new address with every guess.
    const results: string[] = [];
    for (let guess = 1; guess <= 6; guess++) {
      const spoofed = `203.0.113.${guess}`;
      const { url } = await postCredentials(
        request,
        { email, password: `wrong-guess-${guess}` },
        { "X-Forwarded-For": spoofed, "X-Real-IP": spoofed, "X-Batys-Peer-Address": spoofed },
      );
      results.push(new URL(url, baseURL).searchParams.get("error") ?? "none");
    }
    // Five guesses were checked, then the address (the real one) is locked: rotating the header did not help.
    expect(results).toEqual([...Array(5).fill("CredentialsSignin"), "SignInLocked"]);
    const rows = await query<{ key: string; locked_until: Date | null }>(
      "SELECT key, locked_until FROM sign_in_throttles WHERE key LIKE $1 OR key LIKE '%203.0.113.%'",
      [`%${email}%`],
    );
    // No counter names a claimed address (so no claim can lock anyone else out)...
    expect(rows.filter((row) => row.key.includes("203.0.113."))).toEqual([]);
    // ...and the one counter is the pair of this account and the socket's address, now locked.
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key).toMatch(/^pair:.*\|(127\.0\.0\.1|::1)$/);
    expect(rows[0]!.locked_until!.getTime()).toBeGreaterThan(Date.now());
    const audit = await query<{ ip: string | null }>("SELECT DISTINCT ip FROM audit_logs WHERE target_id = $1", [
      email,
    ]);
    expect(audit.map((row) => row.ip).sort()).toEqual([rows[0]!.key.split("|")[1]]);
    await request.dispose();
  });
});

/** The id of a server action from the build's manifest (the test runs beside the build it tests). */
function actionId(fileEnding: string, name: string): string {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  const manifest = JSON.parse(
    fs.readFileSync(path.join(process.cwd(), distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const entry = Object.entries(manifest.node).find(
    ([, action]) => action.filename?.endsWith(fileEnding) && action.exportedName === name,
  );
  if (!entry) throw new Error(`server action ${name} not found in the manifest`);
  return entry[0];
}

async function databaseFingerprint() {
  const [row] = await query<{ users: string; hashes: string; audits: string; sessions: string }>(
    `SELECT (SELECT count(*) FROM users) AS users,
            (SELECT md5(string_agg(password_hash || active::text || role::text, ',' ORDER BY id)) FROM users) AS hashes,
            (SELECT count(*) FROM audit_logs WHERE action NOT LIKE 'auth.%') AS audits,
            (SELECT count(*) FROM sessions WHERE revoked_at IS NOT NULL) AS sessions`,
  );
  return row;
}

test.describe("bad input gets a 4xx or a translated message, never a 500", () => {
  test("NUL bytes, impossible dates, huge ids and undecodable paths in pages and downloads", async ({ page }) => {
    await signInAs(page, DEMO.admin);
    const before = await databaseFingerprint();
    const pages = [
      "/projects?q=%00",
      "/projects?q=%D0%B6%00&district=%00&sort=%00&page=%00",
      "/admin/users?q=%00",
      "/admin/audit?user=%00&project=%00&action=%00",
      "/admin/audit?from=2026-02-30&to=9999-12-31",
      "/reports?from=2026-02-30&to=2026-03-31",
      "/reports?from=0001-01-01&to=9999-12-31",
      "/reports?from=%00&to=%00",
    ];
    for (const url of pages) {
      const response = await page.request.get(url);
      expect(response.status(), url).toBe(200);
    }
    for (const url of ["/admin/users/99999999999", "/admin/users/2147483648", "/admin/users/%00", "/projects/%00"]) {
      const response = await page.request.get(url);
      expect(response.status(), url).toBe(404);
    }
    for (const url of ["/projects/%E0%A4%A", "/%E0%A4%A", "/admin/users/%C0"]) {
      const response = await page.goto(url);
      expect(response!.status(), url).toBe(404);
    }
    await saveScreenshot(page, "hardening-undecodable-path-404");
    const callback = await page.request.get("/api/auth/callback/credentials");
    expect(callback.status()).toBe(404);
    // Downloads check every parameter before the first byte: a 400 with a message, never a cut-off file.
    for (const url of [
      "/projects/export?q=%00",
      "/projects/export?format=xlsx&q=%00",
      "/projects/import/sheet?q=%00",
      "/admin/audit/export?user=%00",
      "/admin/audit/export?from=2026-02-30",
      "/reports/export?table=changes&format=csv&from=2026-02-30",
      "/reports/export?table=changes&format=xlsx&to=9999-12-31",
    ]) {
      const response = await page.request.get(url);
      expect(response.status(), url).toBe(400);
      expect(response.headers()["content-disposition"], url).toBeUndefined();
    }
    // A well-formed download still works.
    expect((await page.request.get("/projects/export?q=%D0%B6%D0%BE%D0%BB")).status()).toBe(200);
    expect(await databaseFingerprint()).toEqual(before);
  });

  test("forged server-action bodies are refused with 400, or with a translated message, and change nothing", async ({
    page,
    baseURL,
  }) => {
    await signInAs(page, DEMO.admin);
    const before = await databaseFingerprint();
    const origin = new URL(baseURL!).origin;
    const post = (action: string, data: string | Record<string, string>, url: string) =>
      page.request.post(url, {
        headers: {
          "Next-Action": action,
          Origin: origin,
          ...(typeof data === "string" ? { "Content-Type": "text/plain;charset=UTF-8" } : {}),
        },
        ...(typeof data === "string" ? { data } : { multipart: data }),
      });
    const targets = [
      { url: "/account/password", action: actionId("account/password/actions.ts", "changePasswordAction") },
      { url: "/admin/users/new", action: actionId("admin/users/actions.ts", "setActiveAction") },
      { url: "/field-reports", action: actionId("field-reports/actions.ts", "acceptFieldReportsAction") },
    ];
    for (const { url, action } of targets) {
      for (const body of ["garbage{[", "", '["$@1"]', '["$Q1"]', '[{"a":"$1"}]', '"text"', "{}"]) {
        const response = await post(action, body, url);
        expect(response.status(), `${url} ${body}`).toBe(400);
      }
      const forms: Record<string, string>[] = [{ x: "y" }, { "0": "not json" }, { "0": '["$@5"]' }];
      for (const form of forms) {
        const response = await post(action, form, url);
        expect(response.status(), `${url} ${JSON.stringify(form)}`).toBe(400);
      }
      // Decodable, but not the arguments the action takes: the action answers with a message, not a 500.
      for (const body of ["[1,2,3]", "[]", '[null,"x"]', '[{"status":"idle"},{"userId":"99999999999"}]']) {
        const response = await post(action, body, url);
        expect(response.status(), `${url} ${body}`).toBeLessThan(500);
      }
    }
    expect(await databaseFingerprint()).toEqual(before);
  });

  test("the sign-in page with a refused callbackUrl looks right on a phone and a desktop", async ({ page }) => {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.context().clearCookies();
      await page.goto("/sign-in?callbackUrl=%2F%09%2Fevil.example");
      await saveScreenshot(page, `hardening-sign-in-${width}`);
    }
  });
});
