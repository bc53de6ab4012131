import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./support";

/**
 * Signs in through the form and lands straight on `path` (the sign-in page's callbackUrl), so a test that does not
 * need the dashboard does not wait for its aggregates; generous timeouts absorb a loaded machine.
 */
export async function signInTo(page: Page, email: string, path: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  await page.waitForLoadState("load");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("button[type=submit]").click();
  await expect(page.getByTestId("current-user")).toBeVisible({ timeout: 30_000 });
}
