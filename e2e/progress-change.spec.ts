import { expect, type Browser, type Page } from "@playwright/test";
import { test } from "@playwright/test";
import { translator } from "./i18n";
import { signInTo } from "./sign-in-to";
import { DEMO, query, saveScreenshot } from "./support";

// One progress change on every path: forms that keep what the user typed, and the field-report loop as both sides
// see it. Kazakh is the default language: every expected string is read from messages/kk.json.
const t = translator("kk");

type Project = { id: number; code: string; status: string; version: number };

/** The `offset`-th untouched project (from the end of the code order) touching only `oblast`; offsets ≥ 5 are ours. */
async function projectOnlyIn(oblast: string, offset: number): Promise<Project> {
  const rows = await query<Project>(
    `SELECT p.id, p.code, p.status::text AS status, p.version FROM projects p
      WHERE p.withdrawn_at IS NULL
        AND (SELECT array_agg(o.code) FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id WHERE po.project_id = p.id) = ARRAY[$1]::text[]
      ORDER BY p.code DESC OFFSET $2 LIMIT 1`,
    [oblast, offset],
  );
  expect(rows[0]!.status, `${rows[0]!.code} is untouched`).toBe("PLANNED");
  return rows[0]!;
}

async function footprint(code: string): Promise<string> {
  const [row] = await query<{ footprint: string }>(
    `SELECT concat_ws(' / ',
        (SELECT p::text FROM projects p WHERE p.code = $1),
        (SELECT count(*)::text FROM progress_updates u JOIN projects p ON p.id = u.project_id WHERE p.code = $1),
        (SELECT count(*)::text FROM field_reports f JOIN projects p ON p.id = f.project_id WHERE p.code = $1)
      ) AS footprint`,
    [code],
  );
  return row!.footprint;
}

async function newSignedInPage(browser: Browser, email: string, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInTo(page, email, path);
  return page;
}

async function bothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await saveScreenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a validation error keeps every value the user entered, and the corrected save records exactly what they chose", async ({
  page,
}) => {
  const project = await projectOnlyIn("MAN", 5);
  const before = await footprint(project.code);
  const comment = `Жұмыс басталды ${Date.now()}`;
  await signInTo(page, DEMO.ministry, `/projects/${project.code}`);
  const form = page.getByTestId("progress-form");
  await form.locator("#progress-status").selectOption("IN_PROGRESS");
  await form.locator("#progress-percent").fill("0x32");
  await form.locator("#progress-forecast-finish").fill("2031-06-30");
  await form.locator("#progress-comment").fill(comment);
  await form.locator("#progress-evidence").fill("https://example.kz/photo-1");
  await form.getByRole("button", { name: t("progress.save") }).click();

  // The error sits beside the percent, focus moves there, and every other value is as the user left it.
  await expect(page.getByTestId("error-progress-percent")).toHaveText(t("formErrors.percentRange"));
  await expect(form.locator("#progress-percent")).toBeFocused();
  await expect(form.getByRole("alert")).toHaveText(t("progressChange.fixFields"));
  await expect(form.locator("#progress-status")).toHaveValue("IN_PROGRESS");
  await expect(form.locator("#progress-percent")).toHaveValue("0x32");
  await expect(form.locator("#progress-forecast-finish")).toHaveValue("2031-06-30");
  await expect(form.locator("#progress-comment")).toHaveValue(comment);
  await expect(form.locator("#progress-evidence")).toHaveValue("https://example.kz/photo-1");
  expect(await footprint(project.code), "the refused save changed nothing").toBe(before);
  await bothWidths(page, "progress-form-kept-values");

  // Only the percent is corrected: the save records "In progress", not the stored status.
  await form.locator("#progress-percent").fill("35");
  await form.getByRole("button", { name: t("progress.save") }).click();
  await expect(form.getByRole("status")).toHaveText(t("progress.saved"));
  const [row] = await query<{ status: string; percent_complete: number; forecast: string; version: number }>(
    "SELECT status::text AS status, percent_complete, to_char(forecast_finish, 'YYYY-MM-DD') AS forecast, version FROM projects WHERE id = $1",
    [project.id],
  );
  expect(row).toEqual({ status: "IN_PROGRESS", percent_complete: 35, forecast: "2031-06-30", version: 2 });
  const updates = await query<{ comment: string; evidence_url: string }>(
    "SELECT comment, evidence_url FROM progress_updates WHERE project_id = $1",
    [project.id],
  );
  expect(updates).toEqual([{ comment, evidence_url: "https://example.kz/photo-1" }]);
  // The page shows the new history entry, and the form starts again from the new current values.
  await expect(page.getByTestId("history").locator(":scope > li")).toHaveCount(1);
  await expect(page.getByTestId("history")).toContainText(comment);
  await expect(form.locator("#progress-status")).toHaveValue("IN_PROGRESS");
  await expect(form.locator("#progress-percent")).toHaveValue("35");
  await expect(form.locator("#progress-comment")).toHaveValue("");
  await bothWidths(page, "progress-form-saved");
});

test("after a conflict the user's values stay beside what changed, and one click saves them on the current version", async ({
  browser,
}) => {
  const project = await projectOnlyIn("MAN", 6);
  const first = await newSignedInPage(browser, DEMO.ministry, `/projects/${project.code}`);
  const second = await newSignedInPage(browser, DEMO.admin, `/projects/${project.code}`);
  try {
    const firstComment = `Бірінші сақтады ${Date.now()}`;
    const secondComment = `Менің мәндерім ${Date.now()}`;
    // Both opened the form on the same version; the second types first but saves last.
    const mine = second.getByTestId("progress-form");
    await mine.locator("#progress-status").selectOption("IN_PROGRESS");
    await mine.locator("#progress-percent").fill("20");
    await mine.locator("#progress-comment").fill(secondComment);
    const theirs = first.getByTestId("progress-form");
    await theirs.locator("#progress-status").selectOption("DESIGN");
    await theirs.locator("#progress-percent").fill("10");
    await theirs.locator("#progress-comment").fill(firstComment);
    await theirs.getByRole("button", { name: t("progress.save") }).click();
    await expect(theirs.getByRole("status")).toHaveText(t("progress.saved"));

    await mine.getByRole("button", { name: t("progress.save") }).click();
    const conflict = second.getByTestId("conflict");
    await expect(conflict).toBeVisible();
    await expect(conflict.getByRole("listitem")).toHaveCount(1);
    await expect(conflict.getByRole("listitem").first()).toContainText(firstComment);
    await expect(conflict).toContainText(t("progressChange.yourValuesKept"));
    // The user's values are still in the form, beside what changed.
    await expect(mine.locator("#progress-status")).toHaveValue("IN_PROGRESS");
    await expect(mine.locator("#progress-percent")).toHaveValue("20");
    await expect(mine.locator("#progress-comment")).toHaveValue(secondComment);
    const [afterFirst] = await query<{ version: number; percent_complete: number }>(
      "SELECT version, percent_complete FROM projects WHERE id = $1",
      [project.id],
    );
    expect(afterFirst).toEqual({ version: project.version + 1, percent_complete: 10 });
    await bothWidths(second, "progress-conflict-kept-values");

    // One click saves them on the version that is current now.
    await conflict.getByTestId("reapply").click();
    await expect(mine.getByRole("status")).toHaveText(t("progress.saved"));
    const [row] = await query<{ status: string; percent_complete: number; version: number }>(
      "SELECT status::text AS status, percent_complete, version FROM projects WHERE id = $1",
      [project.id],
    );
    expect(row).toEqual({ status: "IN_PROGRESS", percent_complete: 20, version: project.version + 2 });
    const updates = await query<{ comment: string; percent_complete: number }>(
      "SELECT comment, percent_complete FROM progress_updates WHERE project_id = $1 ORDER BY id",
      [project.id],
    );
    expect(updates).toEqual([
      { comment: firstComment, percent_complete: 10 },
      { comment: secondComment, percent_complete: 20 },
    ]);
  } finally {
    await first.context().close();
    await second.context().close();
  }
});

test("a refused details save keeps every value typed, and the corrected save is announced and recorded", async ({
  page,
}) => {
  const project = await projectOnlyIn("ZKO", 5);
  const before = await footprint(project.code);
  const organisation = `Батыс жолдары ${Date.now()}`;
  await signInTo(page, DEMO.ministry, `/projects/${project.code}`);
  await page.getByText(t("details.edit"), { exact: true }).click();
  const form = page.getByTestId("details-form");
  await form.locator("#details-organisation").fill(organisation);
  await form.locator("#details-forecastStart").fill("2027-03-01");
  await form.locator("#details-forecastFinish").fill("2027-01-01");
  await form.locator("#details-budgetBaseline").fill("1 250 000,50");
  await form.locator("#details-confidence").selectOption("AMBER");
  await form.locator("#details-confidence-reason").fill("Мердігер кешігуде");
  await form.getByRole("button", { name: t("details.save") }).click();

  // The error sits beside the finish date, focus moves there, and every other value is as the user typed it.
  await expect(page.getByTestId("error-details-forecastFinish")).toHaveText(t("formErrors.finishBeforeStart"));
  await expect(form.locator("#details-forecastFinish")).toBeFocused();
  await expect(form.getByRole("alert")).toHaveText(t("progressChange.fixFields"));
  await expect(form.locator("#details-organisation")).toHaveValue(organisation);
  await expect(form.locator("#details-forecastStart")).toHaveValue("2027-03-01");
  await expect(form.locator("#details-forecastFinish")).toHaveValue("2027-01-01");
  await expect(form.locator("#details-budgetBaseline")).toHaveValue("1 250 000,50");
  await expect(form.locator("#details-confidence")).toHaveValue("AMBER");
  await expect(form.locator("#details-confidence-reason")).toHaveValue("Мердігер кешігуде");
  expect(await footprint(project.code), "the refused save changed nothing").toBe(before);
  await bothWidths(page, "details-form-kept-values");

  await form.locator("#details-forecastFinish").fill("2028-06-30");
  await form.getByRole("button", { name: t("details.save") }).click();
  await expect(form.getByRole("status")).toHaveText(t("details.saved"));
  const [row] = await query<Record<string, string | number>>(
    `SELECT responsible_organisation, to_char(forecast_start, 'YYYY-MM-DD') AS forecast_start,
            to_char(forecast_finish, 'YYYY-MM-DD') AS forecast_finish, budget_baseline::text AS budget_baseline,
            confidence::text AS confidence, confidence_reason, version
       FROM projects WHERE id = $1`,
    [project.id],
  );
  expect(row).toEqual({
    responsible_organisation: organisation,
    forecast_start: "2027-03-01",
    forecast_finish: "2028-06-30",
    budget_baseline: "1250000.50",
    confidence: "AMBER",
    confidence_reason: "Мердігер кешігуде",
    version: project.version + 1,
  });
});

test("the akimat officer follows their reports on the project page, and the reviewer sees current → proposed", async ({
  page,
  browser,
}) => {
  const project = await projectOnlyIn("AKT", 5);
  const reason = `Фото жоқ ${Date.now()}`;
  await signInTo(page, DEMO.akimatAktobe, `/projects/${project.code}`);
  const form = page.getByTestId("report-form");
  const send = async (comment: string) => {
    await form.locator("#report-status").selectOption("PAUSED");
    await form.locator("#report-pause-reason").selectOption("LAND");
    await form.locator("#report-percent").fill("0");
    await form.locator("#report-comment").fill(comment);
    await form.getByRole("button", { name: t("fieldReports.submit") }).click();
    await expect(form.getByRole("status")).toContainText(t("fieldReports.submitted"));
  };
  const reports = page.getByTestId("project-field-reports").getByTestId("field-report");

  // A report that breaks a rule (paused without a reason) is not sent, and the form keeps what was typed.
  const before = await footprint(project.code);
  await form.locator("#report-status").selectOption("PAUSED");
  await form.locator("#report-percent").fill("0");
  await form.locator("#report-comment").fill("Себебін ұмыттым");
  await form.getByRole("button", { name: t("fieldReports.submit") }).click();
  await expect(page.getByTestId("error-report-pause-reason")).toHaveText(t("formErrors.pauseReasonRequired"));
  await expect(form.locator("#report-pause-reason")).toBeFocused();
  await expect(form.locator("#report-status")).toHaveValue("PAUSED");
  await expect(form.locator("#report-percent")).toHaveValue("0");
  await expect(form.locator("#report-comment")).toHaveValue("Себебін ұмыттым");
  expect(await footprint(project.code), "the refused report was not sent").toBe(before);

  await send("Жер мәселесі шешілмеді");
  await expect(reports).toHaveCount(1);
  await expect(reports.first().getByTestId("report-state")).toHaveText(t("fieldReports.states.PENDING"));
  await expect(reports.first().locator('[data-field="status"]')).toContainText(t("statuses.PAUSED"));
  await expect(reports.first().locator('[data-field="pauseReason"]')).toContainText(t("pauseReasons.LAND"));

  // A second report replaces the pending one, and says so.
  await send("Жер мәселесі әлі шешілмеді, фото қоса беріледі");
  await expect(form.getByRole("status")).toContainText(t("progressChange.replacedPending"));
  await expect(reports).toHaveCount(2);
  await expect(reports.nth(0).getByTestId("report-state")).toHaveText(t("fieldReports.states.PENDING"));
  await expect(reports.nth(1).getByTestId("report-state")).toHaveText(t("fieldReports.states.SUPERSEDED"));

  const reviewer = await newSignedInPage(browser, DEMO.ministry, "/field-reports?oblast=AKT");
  try {
    const card = reviewer.getByTestId("field-report").filter({ hasText: project.code });
    await expect(card).toHaveCount(1);
    const status = card.locator('[data-field="status"]');
    await expect(status.locator("td").nth(0)).toContainText(t("statuses.PLANNED"));
    await expect(status.locator("td").nth(1)).toContainText(t("statuses.PAUSED"));
    await expect(card.locator('[data-field="pauseReason"] td').nth(1)).toContainText(t("pauseReasons.LAND"));
    await expect(card).toContainText("Жер мәселесі әлі шешілмеді");
    await expect(card.getByTestId("report-advice")).toHaveText(t("progressChange.report.acceptable"));
    // How old the report is, in words of the reader's language ("1 минут бұрын").
    await expect(card.getByTestId("report-age")).toHaveText(/\p{L}/u);
    await card.scrollIntoViewIfNeeded();
    await bothWidths(reviewer, "field-report-review-card");
    await card.getByLabel(t("fieldReports.rejectReason"), { exact: true }).fill(reason);
    await card.getByRole("button", { name: t("fieldReports.reject"), exact: true }).click();
    await expect(card).toHaveCount(0);

    // The officer sees the rejection and its reason on the project page.
    await page.reload();
    await expect(reports.nth(0).getByTestId("report-state")).toHaveText(t("fieldReports.states.REJECTED"));
    await expect(reports.nth(0)).toContainText(reason);
    await bothWidths(page, "project-own-field-reports");

    // A paused report is accepted: the pause reason travels with it.
    await send("Жер учаскесі берілмеді");
    await reviewer.goto("/field-reports?oblast=AKT");
    await card.getByRole("button", { name: t("fieldReports.accept"), exact: true }).click();
    await expect(card).toHaveCount(0);
    const [row] = await query<{ status: string; pause_reason: string }>(
      "SELECT status::text AS status, pause_reason::text AS pause_reason FROM projects WHERE id = $1",
      [project.id],
    );
    expect(row).toEqual({ status: "PAUSED", pause_reason: "LAND" });
    await reviewer.goto("/field-reports?tab=reviewed&oblast=AKT");
    await expect(card.first().getByTestId("report-state")).toHaveText(t("fieldReports.states.ACCEPTED"));
  } finally {
    await reviewer.context().close();
  }
});

test("route handlers answer refusals from the one table, translated", async ({ page, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL: baseURL! });
  try {
    const signedOut = await anonymous.get("/projects/export?format=csv");
    expect(signedOut.status()).toBe(401);
    expect(await signedOut.text()).toBe(t("refusals.unauthorized"));
  } finally {
    await anonymous.dispose();
  }
  await signInTo(page, DEMO.akimatAktobe, "/projects");
  const forbidden = await page.request.get("/admin/audit/export");
  expect(forbidden.status()).toBe(403);
  expect(await forbidden.text()).toBe(t("errors.forbiddenAction"));
  const badTable = await page.request.get("/reports/export?table=nope&format=csv");
  expect(badTable.status()).toBe(400);
  expect(await badTable.text()).toBe(t("validation.invalid"));
});
