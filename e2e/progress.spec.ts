import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { translator } from "./i18n";
import { signInTo } from "./sign-in-to";
import { DEMO, displayName, query, saveScreenshot } from "./support";

// Kazakh is the default language: every expected string is read from messages/kk.json.
const t = translator("kk");

// ---------------------------------------------------------------------------------------------------------------
// Projects and people, found in the e2e database.

type Project = { id: number; code: string; name_kk: string; status: string; percent_complete: number; version: number };

/**
 * The `offset`-th project (counting from the end of the code order, away from the first page other specs look at)
 * that touches only `oblast`. Every test here takes its own offset, so tests running in parallel never share one.
 */
async function projectOnlyIn(oblast: string, offset: number): Promise<Project> {
  const rows = await query<Project>(
    `SELECT p.id, p.code, p.name_kk, p.status::text AS status, p.percent_complete, p.version FROM projects p
      WHERE p.withdrawn_at IS NULL
        AND (SELECT array_agg(o.code) FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id WHERE po.project_id = p.id) = ARRAY[$1]::text[]
      ORDER BY p.code DESC OFFSET $2 LIMIT 1`,
    [oblast, offset],
  );
  expect(rows, `project number ${offset} of ${oblast} from the end`).toHaveLength(1);
  expect(rows[0]!.status, `${rows[0]!.code} is untouched`).toBe("PLANNED");
  return rows[0]!;
}

async function userNamed(email: string): Promise<{ id: number; name: string }> {
  const [row] = await query<{ id: number; name: string }>("SELECT id, name FROM users WHERE email = $1", [email]);
  expect(row, `account ${email}`).toBeDefined();
  return row!;
}

/** Everything a refused write must leave as it was: the project row, its history, its audit trail, its field reports. */
async function footprint(code: string): Promise<string> {
  const [row] = await query<{ footprint: string }>(
    `SELECT concat_ws(' / ',
        (SELECT p::text FROM projects p WHERE p.code = $1),
        (SELECT count(*)::text FROM progress_updates u JOIN projects p ON p.id = u.project_id WHERE p.code = $1),
        (SELECT count(*)::text FROM field_reports f JOIN projects p ON p.id = f.project_id WHERE p.code = $1),
        (SELECT count(*)::text FROM audit_logs a WHERE a.target_type = 'project' AND a.target_id = (SELECT id::text FROM projects WHERE code = $1))
      ) AS footprint`,
    [code],
  );
  return row!.footprint;
}

type Update = {
  author_id: number;
  reported_by_id: number | null;
  status: string;
  previous_status: string;
  percent_complete: number;
  previous_percent: number;
  comment: string | null;
};

async function updatesOf(projectId: number): Promise<Update[]> {
  return query<Update>(
    "SELECT author_id, reported_by_id, status::text AS status, previous_status::text AS previous_status, percent_complete, previous_percent, comment FROM progress_updates WHERE project_id = $1 ORDER BY id",
    [projectId],
  );
}

/** Today in Kazakhstan, as the progress form's date field holds it. */
function todayInKazakhstan(): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Almaty",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
}

// ---------------------------------------------------------------------------------------------------------------
// The page.

const progressForm = (page: Page) => page.getByTestId("progress-form");
const reportForm = (page: Page) => page.getByTestId("report-form");
const history = (page: Page) => page.getByTestId("history").locator(":scope > li");

async function openProject(page: Page, project: Project): Promise<void> {
  const response = await page.goto(`/projects/${project.code}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(displayName(project.name_kk));
}

async function fillProgress(
  form: ReturnType<typeof progressForm>,
  values: { status?: string; percent?: number; comment?: string },
): Promise<void> {
  if (values.status)
    await form
      .getByLabel(t("progress.status"), { exact: true })
      .selectOption({ label: t(`statuses.${values.status}`) });
  if (values.percent !== undefined)
    await form.getByLabel(t("progress.percentComplete"), { exact: true }).fill(String(values.percent));
  if (values.comment !== undefined) await form.getByLabel(t("progress.comment"), { exact: true }).fill(values.comment);
}

async function newSignedInPage(browser: Browser, email: string, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInTo(page, email, path);
  return page;
}

// ---------------------------------------------------------------------------------------------------------------

test.describe("recording progress", () => {
  test("ministry staff record a status, percent and comment, and see them in the history, the project row and the audit log", async ({
    page,
  }) => {
    const project = await projectOnlyIn("MAN", 0);
    const ministry = await userNamed(DEMO.ministry);
    const comment = `Жобалау басталды ${Date.now()}`;
    await signInTo(page, DEMO.ministry, `/projects/${project.code}`);
    await openProject(page, project);
    await expect(page.getByText(t("project.historyEmpty"), { exact: true })).toBeVisible();

    const form = progressForm(page);
    await expect(page.getByRole("heading", { name: t("progress.title") })).toBeVisible();
    await fillProgress(form, { status: "DESIGN", percent: 35, comment });
    await form.getByRole("button", { name: t("progress.save") }).click();

    // The history shows the new entry: status change, percent change, author and comment.
    await expect(history(page)).toHaveCount(1);
    const entry = history(page).first();
    await expect(entry).toContainText(t("statuses.PLANNED"));
    await expect(entry).toContainText(t("statuses.DESIGN"));
    await expect(entry).toContainText(t("history.percentChange", { from: 0, to: 35 }));
    await expect(entry).toContainText(t("history.by", { name: ministry.name }));
    await expect(entry).toContainText(comment);
    await expect(entry.locator("time")).toHaveAttribute("datetime", todayInKazakhstan());

    const [row] = await query<{
      status: string;
      percent_complete: number;
      version: number;
      last_progress_as_of: string;
    }>(
      "SELECT status::text AS status, percent_complete, version, to_char(last_progress_as_of, 'YYYY-MM-DD') AS last_progress_as_of FROM projects WHERE id = $1",
      [project.id],
    );
    expect(row).toEqual({
      status: "DESIGN",
      percent_complete: 35,
      version: project.version + 1,
      last_progress_as_of: todayInKazakhstan(),
    });
    expect(await updatesOf(project.id)).toEqual([
      {
        author_id: ministry.id,
        reported_by_id: null,
        status: "DESIGN",
        previous_status: "PLANNED",
        percent_complete: 35,
        previous_percent: 0,
        comment,
      },
    ]);
    const audit = await query<{
      actor_id: number;
      before: { status: string; percentComplete: number };
      after: { status: string; percentComplete: number; comment: string; version: number };
    }>(
      "SELECT actor_id, before, after FROM audit_logs WHERE action = 'project.progress' AND target_type = 'project' AND target_id = $1",
      [String(project.id)],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(ministry.id);
    expect(audit[0]!.before).toMatchObject({ status: "PLANNED", percentComplete: 0 });
    expect(audit[0]!.after).toMatchObject({
      status: "DESIGN",
      percentComplete: 35,
      comment,
      version: project.version + 1,
    });

    // The page header shows the new state after a reload too.
    await page.reload();
    await expect(page.locator("article").getByText(t("statuses.DESIGN"), { exact: true }).first()).toBeVisible();
    await expect(history(page)).toHaveCount(1);
  });

  test("when two people save the same project, the second sees a conflict listing the first one's change and nothing is overwritten", async ({
    browser,
  }) => {
    const project = await projectOnlyIn("MAN", 1);
    const ministry = await userNamed(DEMO.ministry);
    const first = await newSignedInPage(browser, DEMO.ministry, `/projects/${project.code}`);
    const second = await newSignedInPage(browser, DEMO.admin, `/projects/${project.code}`);
    try {
      await openProject(first, project);
      await openProject(second, project);
      const firstComment = `Бірінші сақтады ${Date.now()}`;

      await fillProgress(progressForm(first), { percent: 10, comment: firstComment });
      await progressForm(first)
        .getByRole("button", { name: t("progress.save") })
        .click();
      await expect(history(first)).toHaveCount(1);

      // The second tab still holds the version it loaded.
      await fillProgress(progressForm(second), { percent: 20, comment: "Екінші сақтауға тырысты" });
      await progressForm(second)
        .getByRole("button", { name: t("progress.save") })
        .click();
      const conflict = second.getByTestId("conflict");
      await expect(conflict).toBeVisible();
      await expect(conflict).toContainText(t("progress.conflictTitle"));
      await expect(conflict).toContainText(t("progress.conflictBody"));
      const changes = conflict.getByRole("listitem");
      await expect(changes).toHaveCount(1);
      await expect(changes.first()).toContainText(ministry.name);
      await expect(changes.first()).toContainText("10%");
      await expect(changes.first()).toContainText(firstComment);

      // Exactly one update was saved: the first one.
      const updates = await updatesOf(project.id);
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatchObject({ author_id: ministry.id, percent_complete: 10, comment: firstComment });
      const [row] = await query<{ percent_complete: number; version: number }>(
        "SELECT percent_complete, version FROM projects WHERE id = $1",
        [project.id],
      );
      expect(row).toEqual({ percent_complete: 10, version: project.version + 1 });

      // "Reload" brings in the first change; the second person can then decide again.
      await conflict.getByRole("button", { name: t("progress.reload") }).click();
      await expect(second.getByTestId("conflict")).toHaveCount(0);
      await expect(history(second)).toHaveCount(1);
      await expect(history(second).first()).toContainText(firstComment);
      await expect(progressForm(second).getByLabel(t("progress.percentComplete"), { exact: true })).toHaveValue("10");
    } finally {
      await first.context().close();
      await second.context().close();
    }
  });

  test("bad values on the progress form show a translated error beside the field and change nothing", async ({
    page,
  }) => {
    const project = await projectOnlyIn("MAN", 2);
    const before = await footprint(project.code);
    await signInTo(page, DEMO.ministry, `/projects/${project.code}`);

    const cases: { what: string; field: string; key: string; fill: (page: Page) => Promise<void> }[] = [
      {
        what: "percent 150",
        field: "progress-percent",
        key: "percentRange",
        fill: (page) => progressForm(page).getByLabel(t("progress.percentComplete"), { exact: true }).fill("150"),
      },
      {
        what: "a future date",
        field: "progress-as-of",
        key: "futureDate",
        fill: (page) => progressForm(page).getByLabel(t("progress.asOf"), { exact: true }).fill("2099-12-31"),
      },
      {
        what: "a javascript: link",
        field: "progress-evidence",
        key: "httpLinkOnly",
        fill: (page) =>
          progressForm(page)
            .getByLabel(t("progress.evidenceUrl"), { exact: true })
            .fill("javascript:alert(document.cookie)"),
      },
      {
        what: "a 100 KB comment",
        field: "progress-comment",
        key: "tooLong",
        // The textarea's maxlength stops typing; a crafted request is not stopped by it, so set the value directly.
        fill: (page) =>
          page.evaluate(() => {
            const textarea = document.querySelector<HTMLTextAreaElement>("#progress-comment")!;
            textarea.removeAttribute("maxlength");
            textarea.value = "ә".repeat(100 * 1024);
          }),
      },
    ];

    for (const { what, field, key, fill } of cases) {
      await test.step(what, async () => {
        await openProject(page, project);
        await fillProgress(progressForm(page), { percent: 5 });
        await fill(page);
        await progressForm(page)
          .getByRole("button", { name: t("progress.save") })
          .click();
        const error = page.getByTestId(`error-${field}`);
        await expect(error).toHaveText(t(`formErrors.${key}`));
        await expect(page.locator(`#${field}`)).toHaveAttribute("aria-invalid", "true");
        await expect(page.locator(`#${field}`)).toHaveAttribute("aria-describedby", `${field}-error`);
        await expect(progressForm(page).getByRole("alert")).toHaveText(t("progressChange.fixFields"));
        expect(await footprint(project.code), `${what} changed nothing`).toBe(before);
      });
    }
    await expect(page.getByText(t("project.historyEmpty"), { exact: true })).toBeVisible();
  });
});

test.describe("field reports", () => {
  test("an akimat officer's field report, accepted by the ministry, moves the project and the history credits both", async ({
    page,
    browser,
  }) => {
    const project = await projectOnlyIn("AKT", 0);
    const officer = await userNamed(DEMO.akimatAktobe);
    const ministry = await userNamed(DEMO.ministry);
    const comment = `Жерде көрдім: жобалау жүріп жатыр ${Date.now()}`;

    await signInTo(page, DEMO.akimatAktobe, `/projects/${project.code}`);
    await openProject(page, project);
    // The officer sends a report; there is no direct progress form for them.
    await expect(progressForm(page)).toHaveCount(0);
    await expect(page.getByRole("heading", { name: t("fieldReports.submitTitle") })).toBeVisible();
    await fillProgress(reportForm(page), { status: "DESIGN", percent: 20, comment });
    await reportForm(page)
      .getByRole("button", { name: t("fieldReports.submit") })
      .click();
    await expect(reportForm(page).getByRole("status")).toHaveText(t("fieldReports.submitted"));

    const [report] = await query<{
      id: number;
      state: string;
      status: string;
      percent_complete: number;
      submitted_by_id: number;
    }>(
      "SELECT id, state::text AS state, status::text AS status, percent_complete, submitted_by_id FROM field_reports WHERE project_id = $1",
      [project.id],
    );
    expect(report).toMatchObject({
      state: "PENDING",
      status: "DESIGN",
      percent_complete: 20,
      submitted_by_id: officer.id,
    });
    // A report alone does not move the project.
    expect(await updatesOf(project.id)).toEqual([]);
    const [unchanged] = await query<{ status: string; percent_complete: number }>(
      "SELECT status::text AS status, percent_complete FROM projects WHERE id = $1",
      [project.id],
    );
    expect(unchanged).toEqual({ status: "PLANNED", percent_complete: 0 });

    // The ministry reviews it in the queue.
    const reviewer = await newSignedInPage(browser, DEMO.ministry, "/projects");
    try {
      await reviewer
        .getByRole("navigation", { name: t("nav.main") })
        .getByRole("link", { name: t("nav.fieldReports"), exact: true })
        .click();
      await expect(reviewer).toHaveURL((url) => url.pathname === "/field-reports");
      await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText(t("fieldReports.title"));
      const item = reviewer.getByTestId("field-report").filter({ hasText: project.code });
      await expect(item).toHaveCount(1);
      await expect(item).toContainText(comment);
      await expect(item).toContainText(`${t("fieldReports.submittedBy")}: ${officer.name}`);
      await expect(item).toContainText("20%");
      await item.getByRole("button", { name: t("fieldReports.accept"), exact: true }).click();
      // Once accepted it leaves the queue.
      await expect(item).toHaveCount(0);

      const [project2] = await query<{ status: string; percent_complete: number }>(
        "SELECT status::text AS status, percent_complete FROM projects WHERE id = $1",
        [project.id],
      );
      expect(project2).toEqual({ status: "DESIGN", percent_complete: 20 });
      expect(await updatesOf(project.id)).toEqual([
        {
          author_id: ministry.id,
          reported_by_id: officer.id,
          status: "DESIGN",
          previous_status: "PLANNED",
          percent_complete: 20,
          previous_percent: 0,
          comment,
        },
      ]);
      const [accepted] = await query<{ state: string; reviewed_by_id: number; progress_update_id: number | null }>(
        "SELECT state::text AS state, reviewed_by_id, progress_update_id FROM field_reports WHERE id = $1",
        [report!.id],
      );
      expect(accepted).toMatchObject({ state: "ACCEPTED", reviewed_by_id: ministry.id });
      expect(accepted!.progress_update_id).not.toBeNull();

      // The history credits the reviewer as author and the officer as reporter.
      await openProject(reviewer, project);
      await expect(history(reviewer)).toHaveCount(1);
      await expect(history(reviewer).first()).toContainText(t("history.by", { name: ministry.name }));
      await expect(history(reviewer).first()).toContainText(t("history.reportedBy", { name: officer.name }));
      await expect(history(reviewer).first()).toContainText(comment);
    } finally {
      await reviewer.context().close();
    }

    // The officer sees their report as accepted.
    await page.goto("/field-reports");
    await expect(page.getByText(t("fieldReports.myReports"), { exact: true })).toBeVisible();
    const own = page.getByTestId("field-report").filter({ hasText: project.code });
    await expect(own).toContainText(t("fieldReports.states.ACCEPTED"));
    await expect(own.getByTestId("report-state")).toHaveText(t("fieldReports.states.ACCEPTED"));
    await expect(own).toContainText(ministry.name);
  });

  test("a rejected field report shows its reason to the officer and leaves the project unchanged", async ({
    page,
    browser,
  }) => {
    const project = await projectOnlyIn("AKT", 1);
    const ministry = await userNamed(DEMO.ministry);
    const reason = `Фото дәлел жоқ ${Date.now()}`;

    await signInTo(page, DEMO.akimatAktobe, `/projects/${project.code}`);
    await openProject(page, project);
    await fillProgress(reportForm(page), { status: "IN_PROGRESS", percent: 60, comment: "Құрылыс жүріп жатыр" });
    await reportForm(page)
      .getByRole("button", { name: t("fieldReports.submit") })
      .click();
    await expect(reportForm(page).getByRole("status")).toHaveText(t("fieldReports.submitted"));
    const before = await footprint(project.code);

    const reviewer = await newSignedInPage(browser, DEMO.ministry, "/field-reports");
    try {
      await reviewer.goto("/field-reports");
      const item = reviewer.getByTestId("field-report").filter({ hasText: project.code });
      await expect(item).toHaveCount(1);
      // A rejection needs a reason.
      await item.getByRole("button", { name: t("fieldReports.reject"), exact: true }).click();
      await expect(item.getByText(t("formErrors.reasonRequired"), { exact: true })).toBeVisible();
      const [stillPending] = await query<{ state: string }>(
        "SELECT state::text AS state FROM field_reports WHERE project_id = $1",
        [project.id],
      );
      expect(stillPending!.state).toBe("PENDING");

      await item.getByLabel(t("fieldReports.rejectReason"), { exact: true }).fill(reason);
      await item.getByRole("button", { name: t("fieldReports.reject"), exact: true }).click();
      await expect(item).toHaveCount(0);
    } finally {
      await reviewer.context().close();
    }

    const [rejected] = await query<{
      state: string;
      rejection_reason: string;
      reviewed_by_id: number;
      progress_update_id: number | null;
    }>(
      "SELECT state::text AS state, rejection_reason, reviewed_by_id, progress_update_id FROM field_reports WHERE project_id = $1",
      [project.id],
    );
    expect(rejected).toEqual({
      state: "REJECTED",
      rejection_reason: reason,
      reviewed_by_id: ministry.id,
      progress_update_id: null,
    });
    // The project, its history and its audit trail are as they were when the report was sent.
    expect(await footprint(project.code)).toBe(before);
    expect(await updatesOf(project.id)).toEqual([]);

    await page
      .getByRole("navigation", { name: t("nav.main") })
      .getByRole("link", { name: t("nav.fieldReports"), exact: true })
      .click();
    await expect(page).toHaveURL((url) => url.pathname === "/field-reports");
    const own = page.getByTestId("field-report").filter({ hasText: project.code });
    await expect(own).toContainText(t("fieldReports.states.REJECTED"));
    await expect(own).toContainText(reason);
    await expect(own.getByRole("button", { name: t("fieldReports.accept") })).toHaveCount(0);
  });

  test("the review queue offers to accept its whole page at once, and asks first", async ({ page }) => {
    // Two pending reports on projects no other test writes to, so the button shows whatever else is queued.
    const officer = await userNamed(DEMO.akimatAtyrau);
    const projects = await query<{ id: number }>(
      `SELECT p.id FROM projects p JOIN categories c ON c.id = p.category_id
        WHERE c.code = 'investment' AND p.withdrawn_at IS NULL
          AND EXISTS (SELECT 1 FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id WHERE po.project_id = p.id AND o.code = 'ATY')
        ORDER BY p.code DESC LIMIT 2`,
    );
    expect(projects).toHaveLength(2);
    for (const project of projects) {
      await query(
        "INSERT INTO field_reports (project_id, submitted_by_id, status, percent_complete, as_of, comment) VALUES ($1, $2, 'DESIGN', 5, current_date, 'e2e: page accept')",
        [project.id, officer.id],
      );
    }
    // Other tests' reports come and go meanwhile: count only these two.
    const pending = async () =>
      Number(
        (
          await query<{ n: string }>(
            "SELECT count(*) AS n FROM field_reports WHERE state = 'PENDING' AND comment = 'e2e: page accept'",
          )
        )[0]!.n,
      );
    await signInTo(page, DEMO.ministry, "/field-reports");
    await expect(page.getByTestId("field-report").filter({ hasText: "e2e: page accept" })).toHaveCount(2);
    const shown = await page.getByTestId("field-report").count();
    await saveScreenshot(page, "field-reports-queue");
    expect(await pending()).toBe(2);
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole("button", { name: t("fieldReports.acceptAll", { count: shown }) }).click();
    await expect.poll(() => asked).toBe(t("fieldReports.acceptAllConfirm", { count: shown }));
    // Declined: nothing was accepted. (Accepting is covered at integration level, where no other test's reports wait.)
    await expect(page.getByTestId("field-report")).toHaveCount(shown);
    expect(await pending()).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A manager reads; they may not write. The form is not offered, and replaying the form's own POST with the
// manager's session is refused by the server.

/** The hidden fields (Next's action reference included) of the form with this test id, from the page's HTML. */
async function hiddenFieldsOf(
  request: APIRequestContext,
  path: string,
  testId: string,
): Promise<Record<string, string>> {
  const html = await (await request.get(path)).text();
  const start = html.indexOf(`data-testid="${testId}"`);
  expect(start, `the HTML of ${path} holds the form ${testId}`).toBeGreaterThan(-1);
  const formHtml = html.slice(start, html.indexOf("</form>", start));
  const decode = (value: string) =>
    value
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  const fields: Record<string, string> = {};
  for (const [tag] of formHtml.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(tag)?.[1];
    if (name) fields[decode(name)] = decode(/value="([^"]*)"/.exec(tag)?.[1] ?? "");
  }
  expect(
    Object.keys(fields).some((name) => name.startsWith("$ACTION")),
    "the form carries its server action reference",
  ).toBe(true);
  return fields;
}

test("a manager sees neither the progress form nor the field report form, and posting the form with their session changes nothing", async ({
  page,
  browser,
  baseURL,
}) => {
  const project = await projectOnlyIn("ZKO", 0);
  const ministry = await userNamed(DEMO.ministry);
  const before = await footprint(project.code);

  await signInTo(page, DEMO.manager, `/projects/${project.code}`);
  await openProject(page, project);
  await expect(page.getByRole("heading", { name: t("project.history"), exact: true })).toBeVisible();
  await expect(progressForm(page)).toHaveCount(0);
  await expect(reportForm(page)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: t("progress.title") })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: t("fieldReports.submitTitle") })).toHaveCount(0);
  await expect(page.getByRole("button", { name: t("progress.save") })).toHaveCount(0);

  // The ministry's form, exactly as their browser would post it without JavaScript.
  const staff = await newSignedInPage(browser, DEMO.ministry, `/projects/${project.code}`);
  try {
    const hidden = await hiddenFieldsOf(staff.request, `/projects/${project.code}`, "progress-form");
    expect(hidden.projectCode).toBe(project.code);
    const body = {
      ...hidden,
      status: "IN_PROGRESS",
      percentComplete: "50",
      asOf: todayInKazakhstan(),
      comment: "Басшы жазбауы тиіс",
    };
    const post = (request: APIRequestContext) =>
      request.post(`/projects/${project.code}`, { multipart: body, headers: { Origin: baseURL! }, maxRedirects: 0 });

    const refused = await post(page.request);
    expect(refused.status()).toBeLessThan(500);
    expect(await footprint(project.code), "the manager's post changed nothing").toBe(before);

    // The very same post from ministry staff is a valid write, so the refusal above was the server's decision.
    const accepted = await post(staff.request);
    expect(accepted.status()).toBeLessThan(500);
    await expect.poll(async () => (await updatesOf(project.id)).length).toBe(1);
    expect((await updatesOf(project.id))[0]).toMatchObject({
      author_id: ministry.id,
      status: "IN_PROGRESS",
      percent_complete: 50,
    });
  } finally {
    await staff.context().close();
  }
});
