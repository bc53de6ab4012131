import { expect, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const DEMO_PASSWORD = "batys-demo-2026";
export const DEMO = {
  admin: "admin@batys.demo",
  ministry: "ministry@batys.demo",
  manager: "manager@batys.demo",
  akimatAktobe: "akimat.akt@batys.demo",
  akimatAtyrau: "akimat.aty@batys.demo",
  akimatWestKazakhstan: "akimat.zko@batys.demo",
  akimatMangystau: "akimat.man@batys.demo",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("button[type=submit]").click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/** Chooses the interface language the way a person does, with the switcher. */
export async function chooseLanguage(page: Page, locale: "kk" | "ru" | "en"): Promise<void> {
  await page.getByTestId("language-switcher").first().selectOption(locale);
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

const SCREENSHOT_DIR = path.join(process.cwd(), "e2e", "output", "screenshots");

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Direct SQL against the e2e database, to check what the browser shows and that refusals changed nothing. */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A catalog name as the app displays it: the decree's text with a capital first letter. */
export function displayName(name: string, locale: "kk" | "ru" | "en" = "kk"): string {
  const first = String.fromCodePoint(name.codePointAt(0)!);
  return first.toLocaleUpperCase(locale) + name.slice(first.length);
}

/** A catalog note as the reader sees it: "[point 56, 2030 list](line:2331)" shows as "point 56, 2030 list". */
export function noteText(note: string): string {
  return note.replace(/\[([^\]]+)\]\(line:\d+\)/g, "$1");
}
