import { expect, test, type Page } from "@playwright/test";
import { DEFAULT_LOCALE, formatNumber, LOCALES, messagesOf, translator, type Locale } from "./i18n";
import { signInAs } from "./session";
import { chooseLanguage, DEMO, displayName, noteText, query, saveScreenshot, signIn } from "./support";

const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

// Links every administrator has; the navigation may hold more, but each of its labels must come from `nav`.
const NAV_KEYS = ["dashboard", "projects", "reports", "sourceCheck", "users"] as const;

async function expectInterfaceIn(page: Page, locale: Locale, headingKey: string): Promise<void> {
  const t = translator(locale);
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  const nav = page.getByRole("navigation", { name: t("nav.main") });
  for (const key of NAV_KEYS) await expect(nav.getByRole("link", { name: t(`nav.${key}`), exact: true })).toBeVisible();
  const navLabels = Object.values(messagesOf(locale).nav as Record<string, string>);
  for (const label of await nav.getByRole("link").allTextContents())
    expect(navLabels, `navigation label "${label}" is a ${locale} message`).toContain(label);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t(headingKey));
  await expect(page.getByRole("button", { name: t("header.signOut") })).toBeVisible();
}

async function activeProjectCount(): Promise<number> {
  const [row] = await query<{ count: string }>("SELECT count(*) FROM projects WHERE withdrawn_at IS NULL");
  return Number(row!.count);
}

test.describe("interface languages", () => {
  test("a fresh browser sees the interface in Kazakh", async ({ page }) => {
    await signInAs(page, DEMO.admin);
    await expectInterfaceIn(page, DEFAULT_LOCALE, "dashboard.title");
  });

  for (const locale of LOCALES) {
    test(`choosing ${locale} with the switcher translates the navigation and headings, is remembered, and formats numbers in ${locale}`, async ({
      page,
      context,
    }) => {
      const t = translator(locale);
      await signInAs(page, DEMO.admin);
      // Start from a different language so that the switch to this one is a real change.
      const start: Locale = locale === DEFAULT_LOCALE ? "en" : DEFAULT_LOCALE;
      if (start !== DEFAULT_LOCALE) await chooseLanguage(page, start);
      await expectInterfaceIn(page, start, "dashboard.title");

      await chooseLanguage(page, locale);
      await expectInterfaceIn(page, locale, "dashboard.title");
      await expect(page.getByTestId("language-switcher")).toHaveValue(locale);
      expect((await context.cookies()).find((cookie) => cookie.name === "NEXT_LOCALE")?.value).toBe(locale);

      await page.reload();
      await expectInterfaceIn(page, locale, "dashboard.title");
      await expect(page.getByTestId("language-switcher")).toHaveValue(locale);

      const total = await activeProjectCount();
      await page
        .getByRole("navigation", { name: t("nav.main") })
        .getByRole("link", { name: t("nav.projects"), exact: true })
        .click();
      await expect(page).toHaveURL((url) => url.pathname === "/projects");
      await expectInterfaceIn(page, locale, "projects.title");
      const count = page.getByTestId("project-count");
      await expect(count).toHaveText(t("projects.count", { count: total }));
      // The total is written the way this language writes numbers (e.g. "1 211" or "1,211").
      await expect(count).toContainText(formatNumber(locale, total));

      for (const [name, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await page.goto("/");
        await expectInterfaceIn(page, locale, "dashboard.title");
        await saveScreenshot(page, `dashboard-${locale}-${name}`);
        await page.goto("/projects");
        await expect(count).toHaveText(t("projects.count", { count: total }));
        await saveScreenshot(page, `projects-${locale}-${name}`);
      }
    });
  }

  test("a project page gives the project's name and the catalog's note on its source in the reader's language", async ({
    page,
  }) => {
    const [project] = await query<{
      code: string;
      name_kk: string;
      name_ru: string;
      name_en: string;
      source_note_kk: string;
      source_note_ru: string;
      source_note_en: string;
    }>(
      `SELECT code, name_kk, name_ru, name_en, source_note_kk, source_note_ru, source_note_en FROM projects
        WHERE withdrawn_at IS NULL AND source_note_en IS NOT NULL AND name_ru IS NOT NULL AND name_en IS NOT NULL ORDER BY code LIMIT 1`,
    );
    expect(project, "a project with a note").toBeDefined();
    await signInAs(page, DEMO.admin);
    for (const locale of LOCALES) {
      // A fresh browser starts in Kazakh, the first of LOCALES.
      if (locale !== DEFAULT_LOCALE) await chooseLanguage(page, locale);
      await page.goto(`/projects/${project!.code}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(displayName(project![`name_${locale}`], locale));
      const source = page.getByRole("region", { name: translator(locale)("project.source") });
      await expect(source).toContainText(noteText(project![`source_note_${locale}`]));
      for (const other of LOCALES.filter((candidate) => candidate !== locale))
        await expect(source).not.toContainText(noteText(project![`source_note_${other}`]));
    }
  });

  test("the sign-in page can be switched before signing in, and the choice carries into the app", async ({ page }) => {
    const ru = translator("ru");
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(translator(DEFAULT_LOCALE)("signIn.title"));
    await chooseLanguage(page, "ru");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ru("signIn.title"));
    await expect(page.getByText(ru("signIn.email"), { exact: true })).toBeVisible();
    await signIn(page, DEMO.admin);
    await expectInterfaceIn(page, "ru", "dashboard.title");
  });
});
