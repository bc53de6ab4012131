import { expect, type Page, test } from "@playwright/test";
import { translator } from "./i18n";
import { signInTo } from "./sign-in-to";
import { DEMO, query, saveScreenshot } from "./support";

// Issue 20: an akimat officer proposes a milestone's new forecast in a field report; the ministry sees current →
// proposed on the review card, accepts it, and the milestone shows the new forecast.

const t = translator("kk");

/** A Mangystau-only project no other spec touches, given one milestone (contract signed, forecast 15.04.2026). */
async function projectWithMilestone(): Promise<{ id: number; code: string; milestoneId: number }> {
  const [project] = await query<{ id: number; code: string }>(
    `SELECT p.id, p.code FROM projects p
      WHERE p.withdrawn_at IS NULL AND p.status = 'PLANNED' AND p.version = 1
        AND (SELECT array_agg(o.code) FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id
             WHERE po.project_id = p.id) = ARRAY['MAN']::text[]
        AND NOT EXISTS (SELECT 1 FROM milestones m WHERE m.project_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM field_reports f WHERE f.project_id = p.id)
      ORDER BY p.code DESC OFFSET 9 LIMIT 1`,
  );
  expect(project).toBeDefined();
  const [ministry] = await query<{ id: number }>("SELECT id FROM users WHERE email = $1", [DEMO.ministry]);
  const [milestone] = await query<{ id: number }>(
    `INSERT INTO milestones (project_id, type, baseline_date, forecast_date, status)
     VALUES ($1, 'CONTRACT_SIGNED', '2026-03-01', '2026-04-15', 'SCHEDULED') RETURNING id`,
    [project!.id],
  );
  await query(
    `INSERT INTO milestone_changes (milestone_id, actor_id, version, type, baseline_date, forecast_date, status)
     VALUES ($1, $2, 1, 'CONTRACT_SIGNED', '2026-03-01', '2026-04-15', 'SCHEDULED')`,
    [milestone!.id, ministry!.id],
  );
  return { ...project!, milestoneId: milestone!.id };
}

async function bothWidths(page: Page, name: string) {
  await saveScreenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("an akimat officer proposes a milestone's new forecast in a field report; the ministry sees current → proposed and accepts it", async ({
  page,
  browser,
}) => {
  const project = await projectWithMilestone();
  await signInTo(page, DEMO.akimatMangystau, `/projects/${project.code}`);
  const form = page.getByTestId("report-form");
  await form.getByTestId("milestone-proposals-toggle").click();
  const proposal = form.locator(`[data-testid="milestone-proposal"][data-milestone="${project.milestoneId}"]`);
  await expect(proposal).toContainText(t("schedule.milestoneTypes.CONTRACT_SIGNED"));
  const id = (field: string) => `#proposal-${project.milestoneId}-${field}`;

  // A rule the ministry's own form applies: a met milestone needs its actual date. Nothing is sent, every value stays.
  await form.locator("#report-percent").fill("0");
  await form.locator("#report-comment").fill("Келісімшарт қол қойылмады");
  await proposal.locator(id("forecast")).fill("2026-09-30");
  await proposal.locator(id("status")).selectOption("MET");
  await proposal.locator(id("note")).fill("Тендер қайта өткізілуде");
  await form.getByRole("button", { name: t("fieldReports.submit") }).click();
  await expect(page.getByTestId(`error-proposal-${project.milestoneId}-actual`)).toHaveText(
    t("formErrors.actualDateRequired"),
  );
  await expect(proposal.locator(id("forecast"))).toHaveValue("2026-09-30");
  await expect(proposal.locator(id("status"))).toHaveValue("MET");
  await expect(proposal.locator(id("note"))).toHaveValue("Тендер қайта өткізілуде");
  await expect(form.locator("#report-comment")).toHaveValue("Келісімшарт қол қойылмады");
  const [none] = await query<{ n: string }>("SELECT count(*) AS n FROM field_reports WHERE project_id = $1", [
    project.id,
  ]);
  expect(none!.n).toBe("0");
  await bothWidths(page, "milestone-proposal-form-error");

  // Corrected: still scheduled, with the new forecast. The page says it was sent.
  await proposal.locator(id("status")).selectOption("SCHEDULED");
  await form.getByRole("button", { name: t("fieldReports.submit") }).click();
  await expect(form.getByRole("status")).toContainText(t("fieldReports.submitted"));
  const own = page.getByTestId("project-field-reports").getByTestId("report-milestone");
  await expect(own.locator('[data-field="forecastDate"] td').nth(1)).toContainText("30.09.2026");

  const reviewerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const reviewer = await reviewerContext.newPage();
  try {
    await signInTo(reviewer, DEMO.ministry, "/field-reports?oblast=MAN");
    const card = reviewer.getByTestId("field-report").filter({ hasText: project.code });
    await expect(card).toHaveCount(1);
    const forecast = card.getByTestId("report-milestone").locator('[data-field="forecastDate"] td');
    await expect(forecast.nth(0)).toHaveText("15.04.2026");
    await expect(forecast.nth(1)).toContainText("30.09.2026");
    await expect(card.getByTestId("report-milestone")).toContainText("Тендер қайта өткізілуде");
    await expect(card.getByTestId("report-advice")).toHaveText(t("progressChange.report.acceptable"));
    await card.scrollIntoViewIfNeeded();
    await bothWidths(reviewer, "milestone-proposal-review-card");
    await card.getByRole("button", { name: t("fieldReports.accept"), exact: true }).click();
    await expect(card).toHaveCount(0);

    const [milestone] = await query<{ forecast: string; version: number; reason: string }>(
      `SELECT to_char(m.forecast_date, 'YYYY-MM-DD') AS forecast, m.version,
              (SELECT c.reason FROM milestone_changes c WHERE c.milestone_id = m.id ORDER BY c.id DESC LIMIT 1) AS reason
         FROM milestones m WHERE m.id = $1`,
      [project.milestoneId],
    );
    expect(milestone).toEqual({ forecast: "2026-09-30", version: 2, reason: "Тендер қайта өткізілуде" });
    await reviewer.goto(`/projects/${project.code}`);
    await expect(reviewer.getByTestId("milestones")).toContainText("30.09.2026");
  } finally {
    await reviewerContext.close();
  }
});

test("the period report lists the blockers raised and resolved in the period, as the register counts them", async ({
  page,
}) => {
  const [today] = await query<{ day: string }>(
    "SELECT to_char((now() AT TIME ZONE 'Asia/Almaty')::date, 'YYYY-MM-DD') AS day",
  );
  const from = `${today!.day.slice(0, 4)}-01-01`;
  // A Mangystau blocker raised today (no other spec raises blockers there), so the lists are not empty.
  const [project] = await query<{ id: number }>(
    `SELECT p.id FROM projects p JOIN project_oblasts po ON po.project_id = p.id JOIN oblasts o ON o.id = po.oblast_id
      WHERE o.code = 'MAN' AND p.withdrawn_at IS NULL ORDER BY p.code LIMIT 1`,
  );
  const [ministry] = await query<{ id: number }>("SELECT id FROM users WHERE email = $1", [DEMO.ministry]);
  const [blocker] = await query<{ id: number }>(
    `INSERT INTO blockers (project_id, category, description, raised_by_id, raised_on, escalation, status)
     VALUES ($1, 'PERMITS', 'Рұқсат берілмеген', $2, $3::date, 'OBLAST', 'OPEN') RETURNING id`,
    [project!.id, ministry!.id, today!.day],
  );
  await query(
    `INSERT INTO blocker_changes (blocker_id, actor_id, version, category, description, escalation, status)
     VALUES ($1, $2, 1, 'PERMITS', 'Рұқсат берілмеген', 'OBLAST', 'OPEN')`,
    [blocker!.id, ministry!.id],
  );
  await signInTo(page, DEMO.manager, `/reports?scope=MAN&from=${from}&to=${today!.day}`);
  const section = page.getByTestId("report-blockers-in-period");
  // The report streams in after its figures are computed: slow on a busy machine.
  await expect(section.getByRole("heading", { level: 2 })).toHaveText(t("periodBlockers.title"), { timeout: 60_000 });
  const raisedCount = await section.getByTestId("report-count-blockersRaised").textContent();
  await section.scrollIntoViewIfNeeded();
  await bothWidths(page, "period-report-blockers");
  // The register opened from the report shows the same number of blockers.
  await section.getByTestId("register-link-blockersRaised").click();
  await expect(page.getByTestId("blocker-period")).toBeVisible();
  const count = Number((raisedCount ?? "").replace(/[^\d]/g, ""));
  expect(count).toBeGreaterThan(0);
  await expect(page.getByTestId("blocker-row").filter({ hasText: "Рұқсат берілмеген" }).first()).toBeVisible();
  await expect(page.getByTestId("blocker-count")).toHaveText(t("schedule.listCount", { count }));
});
