import { expect, type Page, test } from "@playwright/test";
import { formatNumber, type Locale, translator } from "./i18n";
import { signInTo } from "./sign-in-to";
import { chooseLanguage, DEMO, query, saveScreenshot } from "./support";

// Issue 20 as people use it: ministry staff add milestones and a blocker, the akimat officer made responsible moves
// the blocker on, a manager reads the timeline and the blockers register (kk and en, desktop and phone).

const kk = translator("kk");
// In order, in one worker: the register's counts are read while no test of this file is raising a blocker.
test.describe.configure({ mode: "default" });

/** An Aktobe-only project no other spec touches: no milestones, blockers, field reports or progress yet. */
async function aktobeProject(): Promise<{ id: number; code: string }> {
  const rows = await query<{ id: number; code: string }>(
    `SELECT p.id, p.code FROM projects p
      WHERE p.withdrawn_at IS NULL AND p.status = 'PLANNED' AND p.version = 1
        AND (SELECT array_agg(o.code) FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id
             WHERE po.project_id = p.id) = ARRAY['AKT']::text[]
        AND NOT EXISTS (SELECT 1 FROM milestones m WHERE m.project_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM blockers b WHERE b.project_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM field_reports f WHERE f.project_id = p.id)
      ORDER BY p.code DESC OFFSET 7 LIMIT 1`,
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function shoot(page: Page, name: string) {
  await saveScreenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("ministry adds a milestone and a blocker; the akimat officer responsible for it moves it on, and only its state", async ({
  page,
  browser,
}) => {
  const project = await aktobeProject();
  const description = `Жер учаскесі бөлінбеген ${Date.now()}`;
  const [officer] = await query<{ id: number; name: string }>("SELECT id, name FROM users WHERE email = $1", [
    DEMO.akimatAktobe,
  ]);

  await signInTo(page, DEMO.ministry, `/projects/${project.code}`);
  // A milestone: contract signed, forecast 45 days after its baseline.
  await page.locator("summary", { hasText: kk("schedule.addMilestone") }).click();
  const milestoneForm = page.getByTestId("milestone-new-form");
  await milestoneForm
    .getByLabel(kk("schedule.milestoneType"), { exact: true })
    .selectOption({ label: kk("schedule.milestoneTypes.CONTRACT_SIGNED") });
  await milestoneForm.getByLabel(kk("schedule.baselineDate"), { exact: true }).fill("2026-03-01");
  await milestoneForm.getByLabel(kk("schedule.forecastDate"), { exact: true }).fill("2026-04-15");
  await milestoneForm.getByRole("button", { name: kk("schedule.addMilestone") }).click();
  const milestones = page.getByTestId("milestones");
  await expect(milestones).toContainText(kk("schedule.milestoneTypes.CONTRACT_SIGNED"));
  await expect(milestones).toContainText(kk("schedule.slip", { days: 45 }));
  const [milestone] = await query<{ n: string; changes: string }>(
    `SELECT count(*) AS n, (SELECT count(*) FROM milestone_changes c JOIN milestones m ON m.id = c.milestone_id
       WHERE m.project_id = $1) AS changes FROM milestones WHERE project_id = $1`,
    [project.id],
  );
  expect(milestone).toEqual({ n: "1", changes: "1" });

  // A blocker held by the Aktobe akimat officer, due in the past: overdue at once.
  await page.locator("summary", { hasText: kk("schedule.raiseBlocker") }).click();
  const blockerForm = page.getByTestId("blocker-new-form");
  await blockerForm
    .getByLabel(kk("schedule.category"), { exact: true })
    .selectOption({ label: kk("schedule.categories.LAND") });
  await blockerForm.getByLabel(kk("schedule.description"), { exact: true }).fill(description);
  await blockerForm.getByLabel(kk("schedule.responsibleUser"), { exact: true }).selectOption({ label: officer!.name });
  await blockerForm
    .getByLabel(kk("schedule.escalation"), { exact: true })
    .selectOption({ label: kk("schedule.escalations.OBLAST") });
  await blockerForm.getByLabel(kk("schedule.dueDate"), { exact: true }).fill("2026-01-15");
  await blockerForm.getByRole("button", { name: kk("schedule.raiseBlocker") }).click();
  const blockers = page.getByTestId("blockers");
  await expect(blockers).toContainText(description);
  await expect(blockers).toContainText(kk("schedule.overdue"));
  const [raised] = await query<{ id: number; status: string; responsible_user_id: number; version: number }>(
    "SELECT id, status, responsible_user_id, version FROM blockers WHERE project_id = $1",
    [project.id],
  );
  expect(raised).toMatchObject({ status: "OPEN", responsible_user_id: officer!.id, version: 1 });
  await page.getByTestId("finish-slip").scrollIntoViewIfNeeded();
  await shoot(page, "schedule-project-ministry-kk");

  // The officer responsible moves it on: in hand, escalated to the ministry. What it is stays as the ministry set it.
  const officerContext = await browser.newContext();
  const officerPage = await officerContext.newPage();
  try {
    await signInTo(officerPage, DEMO.akimatAktobe, `/projects/${project.code}`);
    await officerPage.locator("summary", { hasText: kk("schedule.updateBlocker") }).click();
    const ownForm = officerPage.getByTestId(`blocker-${raised!.id}-form`);
    await expect(ownForm.getByLabel(kk("schedule.description"), { exact: true })).toHaveCount(0);
    await ownForm
      .getByLabel(kk("schedule.status"), { exact: true })
      .selectOption({ label: kk("schedule.blockerStatuses.IN_HAND") });
    await ownForm
      .getByLabel(kk("schedule.escalation"), { exact: true })
      .selectOption({ label: kk("schedule.escalations.MINISTRY") });
    await ownForm.getByLabel(kk("schedule.changeNote"), { exact: true }).fill("Облыс әкімдігі хат жіберді");
    await ownForm.getByRole("button", { name: kk("schedule.saveBlocker") }).click();
    await expect(officerPage.getByTestId("blockers")).toContainText(kk("schedule.blockerStatuses.IN_HAND"));
    await shoot(officerPage, "schedule-project-akimat-kk");
  } finally {
    await officerContext.close();
  }
  const [moved] = await query<{
    status: string;
    escalation: string;
    description: string;
    category: string;
    version: number;
    changes: string;
  }>(
    `SELECT b.status, b.escalation, b.description, b.category, b.version,
       (SELECT count(*) FROM blocker_changes c WHERE c.blocker_id = b.id) AS changes FROM blockers b WHERE b.id = $1`,
    [raised!.id],
  );
  expect(moved).toEqual({
    status: "IN_HAND",
    escalation: "MINISTRY",
    description,
    category: "LAND",
    version: 2,
    changes: "2",
  });
});

for (const locale of ["kk", "en"] as const satisfies readonly Locale[]) {
  test(`a manager reads the timeline and the blockers register (${locale})`, async ({ page }) => {
    const t = translator(locale);
    await signInTo(page, DEMO.manager, "/timeline");
    if (locale !== "kk") await chooseLanguage(page, locale);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("schedule.timelineTitle"));
    await expect(page.getByTestId("gantt")).toBeVisible();
    await shoot(page, `schedule-timeline-${locale}`);
    // Grouped by oblast, by quarter; then the same rows as a table.
    await page.goto("/timeline?group=oblast&zoom=quarter");
    await expect(page.getByTestId("gantt").first()).toBeVisible();
    await shoot(page, `schedule-timeline-oblast-${locale}`);
    await page.goto("/timeline?view=table&horizon=2030");
    await expect(page.getByTestId("gantt")).toHaveCount(0);
    await expect(page.locator("table").first()).toBeVisible();

    // The register: overdue first, counts agreeing with the rows.
    await page.goto("/blockers");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("schedule.blockersTitle"));
    const [counts] = await query<{ open: string; overdue: string }>(
      `SELECT count(*) FILTER (WHERE b.status IN ('OPEN', 'IN_HAND')) AS open,
         count(*) FILTER (WHERE b.status IN ('OPEN', 'IN_HAND') AND b.due_date < (now() AT TIME ZONE 'Asia/Almaty')::date)
           AS overdue
       FROM blockers b JOIN projects p ON p.id = b.project_id WHERE p.withdrawn_at IS NULL`,
    );
    const open = Number(counts!.open);
    const overdue = Number(counts!.overdue);
    await expect(page.getByTestId("blocker-figures")).toContainText(t("schedule.openCount", { count: open }));
    await expect(page.getByTestId("blocker-figures")).toContainText(t("schedule.overdueCount", { count: overdue }));
    await expect(page.getByTestId("blocker-count")).toHaveText(t("schedule.listCount", { count: open }));
    await shoot(page, `schedule-blockers-${locale}`);
    await page.goto("/blockers?state=overdue");
    await expect(page.getByTestId("blocker-count")).toHaveText(t("schedule.listCount", { count: overdue }));
    if (overdue > 0) await expect(page.getByTestId("blocker-row").first()).toContainText(t("schedule.overdue"));
    expect(formatNumber(locale, open)).toBeTruthy();
  });
}

test("my projects: the dashboard over the projects I watch, each card equal to the list it opens", async ({ page }) => {
  const project = await aktobeProject();
  await signInTo(page, DEMO.manager, `/projects/${project.code}`);
  const watch = page.getByRole("button", { name: kk("notifications.responsibility.watch"), exact: true });
  if ((await watch.count()) > 0) {
    await watch.click();
    await expect(page.getByRole("button", { name: kk("notifications.responsibility.unwatch") })).toBeVisible();
  }
  await page.goto("/?kind=ALL");
  await page
    .getByTestId("scope-switch")
    .getByRole("link", { name: kk("myProjects.scopeMine") })
    .click();
  await expect(page).toHaveURL(/mine=1/);
  const [mine] = await query<{ n: string }>(
    `SELECT count(*) AS n FROM projects p JOIN users u ON u.email = $1
      WHERE p.withdrawn_at IS NULL AND (p.responsible_officer_id = u.id
        OR EXISTS (SELECT 1 FROM project_contacts c WHERE c.project_id = p.id AND c.user_id = u.id)
        OR EXISTS (SELECT 1 FROM project_watchers w WHERE w.project_id = p.id AND w.user_id = u.id))`,
    [DEMO.manager],
  );
  await expect(page.getByTestId("figure-total")).toHaveText(formatNumber("kk", Number(mine!.n)));
  await expect(page.getByTestId("figure-openBlockers")).toBeVisible();
  await shoot(page, "dashboard-my-projects-kk");
  await page.getByTestId("figure-link-total").click();
  await expect(page).toHaveURL(/\/projects\?.*mine=1/);
  await expect(page.getByText(project.code, { exact: true }).first()).toBeVisible();
});
