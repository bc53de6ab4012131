import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe";
import { DEFAULT_LOCALE, translator } from "./i18n";
import { signInAs } from "./session";
import { DEMO, displayName, query } from "./support";

const t = translator(DEFAULT_LOCALE);
async function firstProject(): Promise<{ code: string; name_kk: string }> {
  const [project] = await query<{ code: string; name_kk: string }>(
    "SELECT code, name_kk FROM projects WHERE withdrawn_at IS NULL AND source_note_kk IS NOT NULL ORDER BY code LIMIT 1",
  );
  expect(project, "a project to look at").toBeDefined();
  return project!;
}

test.describe("accessibility in Kazakh", () => {
  // axe reads every node of the page twice (desktop and phone width); long tables take a while on a busy machine.
  test.describe.configure({ timeout: 120_000 });

  test("the sign-in page has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", DEFAULT_LOCALE);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("signIn.title"));
    await expectNoSeriousViolations(page);
    // With its error messages showing, too.
    await page.locator("button[type=submit]").click();
    await expect(page.locator("#email-error")).toHaveText(t("validation.required"));
    await expectNoSeriousViolations(page);
  });

  test("the dashboard, with its charts and with them shown as tables, has no serious or critical accessibility violations", async ({
    page,
  }) => {
    await signInAs(page, DEMO.admin);
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page.locator("html")).toHaveAttribute("lang", DEFAULT_LOCALE);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("dashboard.title"));
    await expectNoSeriousViolations(page);

    const showAsTable = page.getByRole("button", { name: t("common.showAsTable"), exact: true });
    const charts = await showAsTable.count();
    expect(charts, "the dashboard has charts").toBeGreaterThan(0);
    for (let shown = 1; shown <= charts; shown++) {
      await showAsTable.first().click();
      await expect(page.getByRole("button", { name: t("common.showAsChart"), exact: true })).toHaveCount(shown);
    }
    expect(await page.locator("main table").count()).toBeGreaterThanOrEqual(charts);
    await expectNoSeriousViolations(page);
  });

  const PAGES: { what: string; target: () => Promise<{ path: string; heading: string }> }[] = [
    { what: "the project list", target: async () => ({ path: "/projects", heading: t("projects.title") }) },
    {
      what: "a filtered project list with no result",
      target: async () => ({ path: "/projects?status=CANCELLED&q=zzzz", heading: t("projects.title") }),
    },
    {
      what: "a project page",
      target: async () =>
        firstProject().then((project) => ({
          path: `/projects/${project.code}`,
          heading: displayName(project.name_kk),
        })),
    },
    { what: "the reports page", target: async () => ({ path: "/reports", heading: t("reports.title") }) },
    {
      what: "the source check",
      target: async () => ({ path: "/catalog/source-check", heading: t("sourceCheck.title") }),
    },
    { what: "the user administration page", target: async () => ({ path: "/admin/users", heading: t("users.title") }) },
  ];

  for (const { what, target } of PAGES) {
    test(`${what} has no serious or critical accessibility violations for the administrator`, async ({ page }) => {
      const { path, heading } = await target();
      await signInAs(page, DEMO.admin);
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.locator("html")).toHaveAttribute("lang", DEFAULT_LOCALE);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      await expectNoSeriousViolations(page);
    });
  }
});
