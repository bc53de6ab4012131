import { expect, test, type Page } from "@playwright/test";
import { translator } from "./i18n";
import { signInAs } from "./session";
import { DEMO, DEMO_PASSWORD, query, signIn } from "./support";

// Kazakh is the default language: a fresh browser sees every string in Kazakh.
const t = translator("kk");

const ACCOUNTS: { key: keyof typeof DEMO; who: string }[] = [
  { key: "admin", who: "the administrator" },
  { key: "ministry", who: "ministry staff" },
  { key: "manager", who: "a manager" },
  { key: "akimatAktobe", who: "the Aktobe akimat officer" },
  { key: "akimatAtyrau", who: "the Atyrau akimat officer" },
  { key: "akimatWestKazakhstan", who: "the West Kazakhstan akimat officer" },
  { key: "akimatMangystau", who: "the Mangystau akimat officer" },
];

type AccountRow = { name: string; role: string; oblast_name: string | null };

async function account(email: string): Promise<AccountRow> {
  const rows = await query<AccountRow>(
    "SELECT u.name, u.role::text AS role, o.name_kk AS oblast_name FROM users u LEFT JOIN oblasts o ON o.id = u.oblast_id WHERE u.email = $1",
    [email],
  );
  expect(rows, `demo account ${email} exists`).toHaveLength(1);
  return rows[0]!;
}

const mainNav = (page: Page) => page.getByRole("navigation", { name: t("nav.main") });
const signInForm = (page: Page) => page.locator("main form");

/** Collects every 5xx answer the page receives, so a test can prove none happened. */
function serverErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

test.describe("signing in and out", () => {
  for (const { key, who } of ACCOUNTS) {
    test(`${who} signs in, sees their name, role and oblast in the header, and signs out back to the sign-in page`, async ({
      page,
    }) => {
      const email = DEMO[key];
      const row = await account(email);
      await signIn(page, email);
      await expect(page).toHaveURL((url) => url.pathname === "/");

      const oblast = row.oblast_name ?? t("header.allOblasts");
      await expect(page.getByTestId("current-user")).toHaveText(`${row.name} · ${t(`roles.${row.role}`)} · ${oblast}`);
      if (row.role === "AKIMAT") expect(row.oblast_name, "an akimat officer has an oblast").not.toBeNull();
      else expect(row.oblast_name, "only akimat officers are bound to an oblast").toBeNull();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("dashboard.title"));

      await page.getByRole("button", { name: t("header.signOut") }).click();
      await expect(page).toHaveURL((url) => url.pathname === "/sign-in");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("signIn.title"));
      // The session is really gone: the dashboard sends the visitor back to sign-in.
      await page.goto("/");
      await expect(page).toHaveURL((url) => url.pathname === "/sign-in");
      await expect(page.getByTestId("current-user")).toHaveCount(0);
    });
  }

  for (const path of ["/projects", "/"]) {
    test(`an anonymous visit to ${path} lands on the sign-in page`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL((url) => url.pathname === "/sign-in");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("signIn.title"));
      await expect(page.getByTestId("current-user")).toHaveCount(0);
      await expect(page.locator("#email")).toBeVisible();
    });
  }

  test("a wrong password and an unknown email get the same translated message", async ({ page }) => {
    const messages: string[] = [];
    for (const [email, password] of [
      [DEMO.admin, "not-the-password"],
      ["nobody.at.all@batys.demo", DEMO_PASSWORD],
    ] as const) {
      await page.goto("/sign-in");
      await page.locator("#email").fill(email);
      await page.locator("#password").fill(password);
      await page.locator("button[type=submit]").click();
      const alert = signInForm(page).getByRole("alert");
      await expect(alert).toHaveText(t("signIn.invalidCredentials"));
      messages.push((await alert.textContent()) ?? "");
      await expect(page).toHaveURL((url) => url.pathname === "/sign-in");
      await expect(page.getByTestId("current-user")).toHaveCount(0);
    }
    expect(messages[0]).toBe(messages[1]);
    // Neither attempt left a session behind.
    await page.goto("/projects");
    await expect(page).toHaveURL((url) => url.pathname === "/sign-in");
  });

  test("an empty field shows a field error beside it and sends nothing", async ({ page }) => {
    const authCalls: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/auth/callback")) authCalls.push(request.url());
    });
    await page.goto("/sign-in");
    await page.locator("button[type=submit]").click();
    await expect(page.locator("#email-error")).toHaveText(t("validation.required"));
    await expect(page.locator("#password-error")).toHaveText(t("validation.required"));
    await expect(page.locator("#email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#email")).toHaveAttribute("aria-describedby", "email-error");

    await page.locator("#email").fill(DEMO.admin);
    await page.locator("button[type=submit]").click();
    await expect(page.locator("#password-error")).toHaveText(t("validation.required"));
    await expect(page.locator("#email-error")).toHaveCount(0);
    await expect(page.locator("#email")).toHaveAttribute("aria-invalid", "false");
    expect(authCalls).toEqual([]);
  });

  test("a 10 000-character email or password gets a translated message, never a server error", async ({ page }) => {
    const errors = serverErrors(page);
    const domain = "@batys.demo";
    const longEmail = `${"a".repeat(10_000 - domain.length)}${domain}`;
    const longPassword = "p".repeat(10_000);

    await page.goto("/sign-in");
    await page.locator("#email").fill(longEmail);
    await page.locator("#password").fill(DEMO_PASSWORD);
    await page.locator("button[type=submit]").click();
    await expect(page.locator("#email-error")).toHaveText(t("validation.tooLong"));

    await page.locator("#email").fill(DEMO.admin);
    await page.locator("#password").fill(longPassword);
    await page.locator("button[type=submit]").click();
    await expect(page.locator("#password-error")).toHaveText(t("validation.tooLong"));
    await expect(page.locator("#email-error")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: t("errors.genericTitle") })).toHaveCount(0);
    await expect(page.getByTestId("current-user")).toHaveCount(0);

    // The server decides too: the same values posted straight to the credentials endpoint are refused with
    // the ordinary "wrong credentials" answer, not an exception.
    const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    for (const [email, password] of [
      [longEmail, DEMO_PASSWORD],
      [DEMO.admin, longPassword],
      [longEmail, longPassword],
    ] as const) {
      const response = await page.request.post("/api/auth/callback/credentials", {
        form: { email, password, csrfToken: csrf.csrfToken, callbackUrl: "/", json: "true" },
      });
      expect(response.status()).toBe(401);
      const body = (await response.json()) as { url: string };
      expect(new URL(body.url).searchParams.get("error")).toBe("CredentialsSignin");
    }
    expect(errors).toEqual([]);
  });
});

test.describe("the user administration page", () => {
  test("the administrator sees the Users link and the accounts list", async ({ page }) => {
    await signInAs(page, DEMO.admin);
    const link = mainNav(page).getByRole("link", { name: t("nav.users"), exact: true });
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL((url) => url.pathname === "/admin/users");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("users.title"));
    // Other specs create accounts meanwhile, so the list is checked for the demo accounts, not for an exact size.
    for (const email of Object.values(DEMO))
      await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();

    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(200);
  });

  for (const { key, who } of ACCOUNTS.filter((candidate) => candidate.key !== "admin")) {
    test(`${who} has no Users link and is refused /admin/users with the forbidden page`, async ({ page }) => {
      await signInAs(page, DEMO[key]);
      await expect(mainNav(page).getByRole("link", { name: t("nav.projects"), exact: true })).toBeVisible();
      await expect(mainNav(page).getByRole("link", { name: t("nav.users"), exact: true })).toHaveCount(0);

      const response = await page.goto("/admin/users");
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("errors.forbiddenTitle"));
      await expect(page.getByText(t("errors.forbiddenBody"))).toBeVisible();
      // Nothing of the list leaks: no account's email is on the page.
      await expect(page.getByText("@batys.demo")).toHaveCount(0);
    });
  }
});
