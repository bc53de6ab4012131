import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import { escapeRegExp, translator } from "./i18n";
import { signInTo } from "./sign-in-to";
import { DEMO, query } from "./support";
import { parseCsv } from "../tests/support/csv";

const t = translator("kk");

const mainNav = (page: Page) => page.getByRole("navigation", { name: t("nav.main") });
const userForm = (page: Page) => page.getByTestId("user-form");
const uniqueEmail = (label: string) => `${label}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@batys.demo`;

type UserRow = {
  id: number;
  name: string;
  role: string;
  oblast: string | null;
  active: boolean;
  must_change_password: boolean;
};

async function userByEmail(email: string): Promise<UserRow | undefined> {
  const [row] = await query<UserRow>(
    `SELECT u.id, u.name, u.role::text AS role, o.code AS oblast, u.active, u.must_change_password
       FROM users u LEFT JOIN oblasts o ON o.id = u.oblast_id WHERE u.email = $1`,
    [email],
  );
  return row;
}

/** The one-time password inside the translated "account created" message. */
function passwordIn(message: string, key: "users.created" | "users.passwordReset"): string {
  const [prefix, suffix] = t(key, { password: "\u0000" }).split("\u0000");
  const match = new RegExp(`^${escapeRegExp(prefix!)}(\\S+)${escapeRegExp(suffix!)}$`).exec(message.trim());
  expect(match, `"${message}" is the ${key} message`).not.toBeNull();
  return match![1]!;
}

test.describe("account administration", () => {
  test("the administrator creates an akimat officer, who signs in with the one-time password, must change it, and is signed out on the next click once deactivated", async ({
    page,
    browser,
  }) => {
    const email = uniqueEmail("officer");
    const name = "Жаңа Әкімдік Қызметкері";
    const [atyrau] = await query<{ name_kk: string }>("SELECT name_kk FROM oblasts WHERE code = 'ATY'");

    await signInTo(page, DEMO.admin, "/admin/users");
    await mainNav(page)
      .getByRole("link", { name: t("nav.users"), exact: true })
      .click();
    await page.getByRole("link", { name: t("users.new"), exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/admin/users/new");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("users.new"));

    const form = userForm(page);
    await form.getByLabel(t("users.email"), { exact: true }).fill(email);
    await form.getByLabel(t("users.name"), { exact: true }).fill(name);
    // The oblast field appears only for an akimat officer.
    await expect(form.getByLabel(t("users.oblast"), { exact: true })).toHaveCount(0);
    await form.getByLabel(t("users.role"), { exact: true }).selectOption({ label: t("roles.AKIMAT") });
    await form.getByLabel(t("users.oblast"), { exact: true }).selectOption({ label: atyrau!.name_kk });
    await form.getByRole("button", { name: t("users.create"), exact: true }).click();

    const message = form.getByRole("status");
    await expect(message).toContainText(t("users.created", { password: "" }).trim().slice(0, 20));
    const oneTimePassword = passwordIn((await message.textContent()) ?? "", "users.created");
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);

    const created = await userByEmail(email);
    expect(created).toMatchObject({ name, role: "AKIMAT", oblast: "ATY", active: true, must_change_password: true });
    const [audit] = await query<{ count: string }>(
      "SELECT count(*) FROM audit_logs WHERE action = 'user.create' AND target_id = $1",
      [String(created!.id)],
    );
    expect(Number(audit!.count)).toBe(1);
    // The password is stored only as a hash.
    const [stored] = await query<{ password_hash: string }>("SELECT password_hash FROM users WHERE id = $1", [
      created!.id,
    ]);
    expect(stored!.password_hash).not.toContain(oneTimePassword);

    // The officer, in their own browser, signs in and is sent to change the password before anything else.
    const officerContext = await browser.newContext();
    const officer = await officerContext.newPage();
    try {
      await signInTo(officer, email, "/", oneTimePassword);
      await expect(officer).toHaveURL((url) => url.pathname === "/account/password");
      await expect(officer.getByRole("heading", { level: 1 })).toHaveText(t("account.title"));
      await expect(officer.getByRole("alert").filter({ hasText: t("account.mustChange") })).toBeVisible();
      await officer.goto("/projects");
      await expect(officer).toHaveURL((url) => url.pathname === "/account/password");

      const newPassword = `Атырау жолы ${Date.now()} жақсы`;
      const passwordForm = officer.getByTestId("password-form");
      await passwordForm.getByLabel(t("account.currentPassword"), { exact: true }).fill(oneTimePassword);
      await passwordForm.getByLabel(t("account.newPassword"), { exact: true }).fill(newPassword);
      await passwordForm.getByLabel(t("account.confirmPassword"), { exact: true }).fill(newPassword);
      await passwordForm.getByRole("button", { name: t("account.save"), exact: true }).click();
      await expect(passwordForm.getByRole("status")).toHaveText(t("account.saved"));
      expect((await userByEmail(email))!.must_change_password).toBe(false);

      await mainNav(officer)
        .getByRole("link", { name: t("nav.dashboard"), exact: true })
        .click();
      await expect(officer).toHaveURL((url) => url.pathname === "/");
      await expect(officer.getByRole("heading", { level: 1 })).toHaveText(t("dashboard.title"));
      await expect(officer.getByTestId("current-user")).toHaveText(
        `${name} · ${t("roles.AKIMAT")} · ${atyrau!.name_kk}`,
      );

      // The administrator deactivates the account.
      await page.goto("/admin/users");
      await page.getByRole("link", { name, exact: true }).click();
      await expect(page).toHaveURL((url) => url.pathname === `/admin/users/${created!.id}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
      await page.getByRole("button", { name: t("users.deactivate"), exact: true }).click();
      await expect(page.getByRole("button", { name: t("users.reactivate"), exact: true })).toBeVisible();
      await expect(
        page.getByText(`${email} · ${t("users.inactiveOnly")} · ${t("users.openSessions", { count: 0 })}`, {
          exact: true,
        }),
      ).toBeVisible();
      const after = await userByEmail(email);
      expect(after!.active).toBe(false);
      const [open] = await query<{ count: string }>(
        "SELECT count(*) FROM sessions WHERE user_id = $1 AND revoked_at IS NULL",
        [created!.id],
      );
      expect(Number(open!.count)).toBe(0);
      const [deactivation] = await query<{ count: string }>(
        "SELECT count(*) FROM audit_logs WHERE action = 'user.deactivate' AND target_id = $1",
        [String(created!.id)],
      );
      expect(Number(deactivation!.count)).toBe(1);

      // The officer's open tab is sent to sign-in on their next click.
      await mainNav(officer)
        .getByRole("link", { name: t("nav.projects"), exact: true })
        .click();
      await expect(officer).toHaveURL((url) => url.pathname === "/sign-in");
      await expect(officer.getByRole("heading", { level: 1 })).toHaveText(t("signIn.title"));
      await expect(officer.getByTestId("current-user")).toHaveCount(0);
    } finally {
      await officerContext.close();
    }
  });

  test("bad values on the new-user form show translated errors and create no account", async ({ page }) => {
    await signInTo(page, DEMO.admin, "/admin/users/new");
    const attempted: string[] = [];

    const cases: {
      what: string;
      errors: Record<string, string>;
      fill: (page: Page, email: string) => Promise<void>;
    }[] = [
      {
        what: "an empty form",
        errors: { "user-email": "required", "user-name": "nameTooShort" },
        fill: async () => {},
      },
      {
        what: "a 100 KB name",
        errors: { "user-name": "tooLong" },
        fill: async (page, email) => {
          await userForm(page).getByLabel(t("users.email"), { exact: true }).fill(email);
          await page.evaluate(() => {
            const input = document.querySelector<HTMLInputElement>("#user-name")!;
            input.removeAttribute("maxlength");
            input.value = "Ә".repeat(100 * 1024);
          });
        },
      },
      {
        what: "a role that is not on the list",
        errors: { "user-role": "unknownRole" },
        fill: async (page, email) => {
          await userForm(page).getByLabel(t("users.email"), { exact: true }).fill(email);
          await userForm(page).getByLabel(t("users.name"), { exact: true }).fill("Белгісіз Рөл");
          // A crafted request: the list offers four roles, the page is edited to send a fifth.
          await page.evaluate(() => {
            const option = document.querySelector<HTMLOptionElement>("#user-role option[value=MANAGER]")!;
            option.value = "SUPERUSER";
          });
          await userForm(page).getByLabel(t("users.role"), { exact: true }).selectOption("SUPERUSER");
        },
      },
      {
        what: "an akimat officer without an oblast",
        errors: { "user-oblast": "oblastForAkimatOnly" },
        fill: async (page, email) => {
          await userForm(page).getByLabel(t("users.email"), { exact: true }).fill(email);
          await userForm(page).getByLabel(t("users.name"), { exact: true }).fill("Облыссыз Әкімдік");
          await userForm(page)
            .getByLabel(t("users.role"), { exact: true })
            .selectOption({ label: t("roles.AKIMAT") });
        },
      },
    ];

    for (const { what, errors, fill } of cases) {
      await test.step(what, async () => {
        const email = uniqueEmail("refused");
        attempted.push(email);
        await page.goto("/admin/users/new");
        await fill(page, email);
        await userForm(page)
          .getByRole("button", { name: t("users.create"), exact: true })
          .click();
        for (const [field, key] of Object.entries(errors)) {
          await expect(page.getByTestId(`error-${field}`)).toHaveText(t(`formErrors.${key}`));
          await expect(page.locator(`#${field}`)).toHaveAttribute("aria-invalid", "true");
        }
        // The fields explain the refusal, so the banner only points to them; every typed value is kept.
        await expect(userForm(page).getByRole("alert")).toHaveText(t("progressChange.fixFields"));
        if (what === "an akimat officer without an oblast") {
          await expect(page.locator("#user-email")).toHaveValue(email);
          await expect(page.locator("#user-name")).toHaveValue("Облыссыз Әкімдік");
          await expect(page.locator("#user-role")).toHaveValue("AKIMAT");
        }
        await expect(userForm(page).getByRole("status")).toHaveCount(0);
        expect(await userByEmail(email), `${what} created no account`).toBeUndefined();
      });
    }
    const [created] = await query<{ count: string }>(
      "SELECT count(*) FROM audit_logs WHERE action = 'user.create' AND after->>'email' = ANY($1::text[])",
      [attempted],
    );
    expect(Number(created!.count)).toBe(0);
    const [named] = await query<{ count: string }>(
      "SELECT count(*) FROM users WHERE name IN ('Белгісіз Рөл', 'Облыссыз Әкімдік') OR length(name) > 200",
    );
    expect(Number(named!.count)).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------

async function auditCount(prefix: string): Promise<number> {
  const [row] = await query<{ count: string }>("SELECT count(*) FROM audit_logs WHERE action LIKE $1", [`${prefix}%`]);
  return Number(row!.count);
}

test.describe("the audit log", () => {
  test("filters by action and downloads the filtered log as CSV with a UTF-8 byte-order mark and translated headers", async ({
    page,
  }) => {
    await signInTo(page, DEMO.admin, "/admin/users");
    await mainNav(page)
      .getByRole("link", { name: t("nav.audit"), exact: true })
      .click();
    await expect(page).toHaveURL((url) => url.pathname === "/admin/audit");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("audit.title"));

    await page.getByLabel(t("audit.action"), { exact: true }).selectOption("user");
    await page.getByRole("button", { name: t("common.apply"), exact: true }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get("action") === "user");
    await expect(page.getByLabel(t("audit.action"), { exact: true })).toHaveValue("user");

    const rows = page.locator("main table tbody tr");
    // Other tests write to the log at the same time: compare with the database until a reload agrees.
    await expect(async () => {
      const total = await auditCount("user");
      await page.reload();
      await expect(page.getByText(t("audit.count", { count: total }), { exact: true })).toBeVisible({ timeout: 2_000 });
      await expect(rows).toHaveCount(Math.min(total, 50), { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    expect(await auditCount("user"), "the seed's accounts are in the log").toBeGreaterThan(0);
    // Actions read in words: every shown one is the label of a user.* action.
    const userActionLabels = new Set(
      ["create", "update", "deactivate", "reactivate", "resetPassword", "changePassword", "signOutEverywhere"].map(
        (action) => t(`auditActions.user_${action}`),
      ),
    );
    for (const action of await rows.locator("td:nth-child(3)").allTextContents())
      expect(userActionLabels.has(action), action).toBe(true);

    // The export carries the filter.
    const link = page.getByRole("link", { name: "CSV", exact: true });
    await expect(link).toHaveAttribute("href", /[?&]action=user(&|$)/);
    const countBefore = await auditCount("user");
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const bytes = fs.readFileSync((await download.path())!);
    const countAfter = await auditCount("user");
    expect(download.suggestedFilename()).toMatch(/^batys-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...bytes.subarray(0, 3)], "UTF-8 byte-order mark").toEqual([0xef, 0xbb, 0xbf]);

    // Kazakh Excel splits CSV on semicolons: the export uses them for a Kazakh reader.
    const csv = parseCsv(bytes.subarray(3).toString("utf8"), ";");
    expect(csv[0]).toEqual(
      ["at", "user", "email", "action", "target", "oblast", "ip", "change"].map((key) => t(`audit.${key}`)),
    );
    const data = csv.slice(1);
    expect(data.length).toBeGreaterThanOrEqual(countBefore);
    expect(data.length).toBeLessThanOrEqual(countAfter);
    for (const row of data) {
      expect(row).toHaveLength(8);
      expect(userActionLabels.has(row[3]!), row[3]).toBe(true);
    }
    // Kazakh letters survive the round trip: the demo accounts' names are in the export.
    const [admin] = await query<{ name: string }>("SELECT name FROM users WHERE email = $1", [DEMO.admin]);
    expect(data.some((row) => row.some((cell) => cell.includes(admin!.name)))).toBe(true);

    const response = await page.request.get((await link.getAttribute("href"))!);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="batys-audit-/);
  });
});
