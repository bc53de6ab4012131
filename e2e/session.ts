import { expect, type Cookie, type Page } from "@playwright/test";
import { signIn } from "./support";

// Signing in through the form costs a bcrypt check per test. Tests that are not about signing in reuse the session
// cookie of an earlier sign-in of the same account in this worker; a session that no longer works (signed out,
// expired) falls back to the form. Only the session cookie is reused, never the language choice.
const sessions = new Map<string, Cookie[]>();

export async function signInAs(page: Page, email: string): Promise<void> {
  const cookies = sessions.get(email);
  if (cookies) {
    await page.context().addCookies(cookies);
    await page.goto("/");
    if (new URL(page.url()).pathname !== "/sign-in") {
      await expect(page.getByTestId("current-user")).toBeVisible();
      return;
    }
    await page.context().clearCookies();
  }
  await signIn(page, email);
  sessions.set(
    email,
    (await page.context().cookies()).filter((cookie) => cookie.name.includes("session-token")),
  );
}
