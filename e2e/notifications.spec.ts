import { expect, test, type Page } from "@playwright/test";
import { translator } from "./i18n";
import { signInTo } from "./sign-in-to";
import { DEMO, query, saveScreenshot } from "./support";

// Kazakh is the default language: every expected string is read from messages/kk.json.
const t = translator("kk");

/** A project of Atyrau only, far from the ones other specs touch, still untouched. */
async function atyrauProject(): Promise<{ id: number; code: string }> {
  const rows = await query<{ id: number; code: string }>(
    `SELECT p.id, p.code FROM projects p
      WHERE p.withdrawn_at IS NULL AND p.status = 'PLANNED'
        AND (SELECT array_agg(o.code) FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id
             WHERE po.project_id = p.id) = ARRAY['ATY']::text[]
        AND NOT EXISTS (SELECT 1 FROM field_reports f WHERE f.project_id = p.id)
      ORDER BY p.code OFFSET 30 LIMIT 1`,
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function bellCount(page: Page): Promise<number> {
  const badge = page.getByTestId("notification-count");
  return (await badge.count()) === 0 ? 0 : Number((await badge.textContent())?.replace("+", ""));
}

/** The worker runs in the background: reload until the bell shows more than `before`. */
async function waitForBellAbove(page: Page, before: number): Promise<number> {
  let now = before;
  await expect(async () => {
    await page.reload();
    now = await bellCount(page);
    expect(now).toBeGreaterThan(before);
  }).toPass({ timeout: 30_000, intervals: [500, 1000, 2000] });
  return now;
}

test("an akimat officer's field report rings the reviewer's bell, opens from the notification, and the decision reaches the officer", async ({
  page,
  browser,
}) => {
  const project = await atyrauProject();
  const reason = `Фото жоқ ${Date.now()}`;

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  try {
    await signInTo(reviewer, DEMO.ministry, "/notifications");
    const before = await bellCount(reviewer);

    // The officer sends a field report from the project page.
    await signInTo(page, DEMO.akimatAtyrau, `/projects/${project.code}`);
    const form = page.getByTestId("report-form");
    await form.getByLabel(t("progress.status"), { exact: true }).selectOption({ label: t("statuses.DESIGN") });
    await form.getByLabel(t("progress.percentComplete"), { exact: true }).fill("15");
    await form.getByLabel(t("progress.comment"), { exact: true }).fill("Жобалау басталды");
    await form.getByRole("button", { name: t("fieldReports.submit") }).click();
    await expect(form.getByRole("status")).toHaveText(t("fieldReports.submitted"));
    const [report] = await query<{ id: number }>("SELECT id FROM field_reports WHERE project_id = $1", [project.id]);

    // The reviewer's bell count rises; the notification opens the report in the review queue.
    await waitForBellAbove(reviewer, before);
    await reviewer.goto("/notifications");
    const entry = reviewer.getByTestId("notification").filter({ hasText: project.code });
    await expect(entry).toHaveCount(1);
    await expect(entry).toHaveAttribute("data-read", "false");
    await saveScreenshot(reviewer, "notifications-reviewer-desktop");
    await reviewer.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(reviewer, "notifications-reviewer-phone");
    await reviewer.setViewportSize({ width: 1280, height: 900 });
    await entry.getByRole("button").first().click();
    await expect(reviewer).toHaveURL(
      (url) => url.pathname === "/field-reports" && url.hash === `#report-${report!.id}`,
    );
    const item = reviewer.locator(`#report-${report!.id}`);
    await expect(item).toBeVisible();
    await expect(item).toContainText(project.code);
    // Opened means read.
    const [opened] = await query<{ read_at: Date | null }>(
      `SELECT n.read_at FROM notifications n JOIN notification_events e ON e.id = n.event_id
        WHERE e.kind = 'FIELD_REPORT_SUBMITTED' AND e.subject_id = $1 AND n.user_id = (SELECT id FROM users WHERE email = $2)`,
      [report!.id, DEMO.ministry],
    );
    expect(opened!.read_at).not.toBeNull();

    // The reviewer rejects it with a reason.
    await item.getByLabel(t("fieldReports.rejectReason"), { exact: true }).fill(reason);
    await item.getByRole("button", { name: t("fieldReports.reject"), exact: true }).click();
    await expect(reviewer.locator(`#report-${report!.id}`)).toHaveCount(0);
  } finally {
    await reviewerContext.close();
  }

  // The officer is told of the decision, with the reason, and the header bell shows it.
  await page.goto("/notifications");
  await waitForBellAbove(page, 0);
  const decision = page.getByTestId("notification").filter({ hasText: reason });
  await expect(decision).toHaveCount(1);
  await expect(decision).toContainText(project.code);
  await saveScreenshot(page, "notifications-officer-desktop");
  await page.getByRole("button", { name: t("notifications.page.markAllRead") }).click();
  await expect(page.getByTestId("notification-count")).toHaveCount(0);

  // The decision also went out by mail (written to MAIL_DIR without SMTP), listed on the admin's mail page.
  await expect(async () => {
    const [mail] = await query<{ status: string }>(
      `SELECT status::text AS status FROM mail_outbox WHERE to_address = $1 AND subject LIKE $2`,
      [DEMO.akimatAtyrau, `%${project.code}%`],
    );
    expect(mail?.status).toBe("SENT");
  }).toPass({ timeout: 30_000 });
});

test("the admin sees outgoing mail, and a user sets how each kind of notification is mailed", async ({ page }) => {
  await signInTo(page, DEMO.admin, "/admin/mail");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("notifications.adminMail.title"));
  await saveScreenshot(page, "admin-mail-desktop");
  await page.goto("/account/notifications");
  await page
    .getByLabel(t("notifications.kinds.PROGRESS_RECORDED"), { exact: true })
    .selectOption({ label: t("notifications.preferences.deliveries.WEEKLY") });
  await page.getByRole("button", { name: t("notifications.preferences.save") }).click();
  await expect(page.getByRole("status")).toHaveText(t("notifications.preferences.saved"));
  const [preference] = await query<{ delivery: string }>(
    `SELECT delivery::text AS delivery FROM notification_preferences
      WHERE kind = 'PROGRESS_RECORDED' AND user_id = (SELECT id FROM users WHERE email = $1)`,
    [DEMO.admin],
  );
  expect(preference!.delivery).toBe("WEEKLY");
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, "notification-preferences-phone");
});
