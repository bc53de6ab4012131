import { expect, test, type Browser, type Page } from "@playwright/test";
import { photoWithExif } from "../tests/support/evidence-files";
import { translator } from "./i18n";
import { signInTo } from "./sign-in-to";
import { chooseLanguage, DEMO, query, saveScreenshot } from "./support";

// Evidence on a blocker, on a phone: the akimat officer responsible for it adds a photo while updating it; the
// ministry finds it on the project's Evidence tab and in the blockers register.
const kk = translator("kk");
const en = translator("en");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
test.use({ viewport: PHONE, hasTouch: true });

type Project = { id: number; code: string };

/** An untouched Aktobe-only project, away from those evidence.spec.ts takes (offsets 8 and 9 from the same end). */
async function aktobeProject(offset: number): Promise<Project> {
  const rows = await query<Project>(
    `SELECT p.id, p.code FROM projects p
      WHERE p.withdrawn_at IS NULL AND p.status = 'PLANNED' AND p.version = 1
        AND (SELECT array_agg(o.code) FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id WHERE po.project_id = p.id) = ARRAY['AKT']::text[]
      ORDER BY p.code DESC OFFSET $1 LIMIT 1`,
    [offset],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** A blocker the ministry raised and gave to the Aktobe officer (as its history would record it). */
async function blockerHeldBy(project: Project, description: string): Promise<number> {
  const [officer] = await query<{ id: number }>("SELECT id FROM users WHERE email = $1", [DEMO.akimatAktobe]);
  const [ministry] = await query<{ id: number }>("SELECT id FROM users WHERE email = $1", [DEMO.ministry]);
  const [blocker] = await query<{ id: number }>(
    `INSERT INTO blockers (project_id, category, description, responsible_user_id, raised_by_id, raised_on, escalation)
     VALUES ($1, 'UTILITIES', $2, $3, $4, CURRENT_DATE, 'OBLAST') RETURNING id`,
    [project.id, description, officer!.id, ministry!.id],
  );
  await query(
    `INSERT INTO blocker_changes (blocker_id, actor_id, version, category, description, responsible_user_id, escalation, status)
     VALUES ($1, $2, 1, 'UTILITIES', $3, $4, 'OBLAST', 'OPEN')`,
    [blocker!.id, ministry!.id, description, officer!.id],
  );
  return blocker!.id;
}

async function phonePage(browser: Browser, email: string, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true });
  const page = await context.newPage();
  await signInTo(page, email, path);
  return page;
}

test("the akimat officer responsible for a blocker attaches a photo on a phone; the ministry sees it on the project's Evidence tab", async ({
  page,
  browser,
}) => {
  const project = await aktobeProject(12);
  const description = `Электр желісіне қосылу кешігуде ${Date.now()}`;
  const blockerId = await blockerHeldBy(project, description);
  const caption = "Қосалқы станция әлі салынбаған";

  await signInTo(page, DEMO.akimatAktobe, `/projects/${project.code}`);
  const item = page.getByTestId("blockers").locator(":scope > li").filter({ hasText: description });
  await item.getByText(kk("schedule.updateBlocker"), { exact: true }).click();
  const form = page.getByTestId(`blocker-${blockerId}-form`);
  await form
    .getByLabel(kk("schedule.status"), { exact: true })
    .selectOption({ label: kk("schedule.blockerStatuses.IN_HAND") });
  await form.getByTestId("evidence-files").setInputFiles({
    name: "IMG_3001.jpg",
    mimeType: "image/jpeg",
    buffer: await photoWithExif({ colour: "#6b4f2a", takenAt: "2026:11:20 09:15:00" }),
  });
  const entry = form.getByTestId("evidence-entry");
  await expect(entry.and(page.locator("[data-state=done]"))).toHaveCount(1, { timeout: 30_000 });
  await form.getByLabel(kk("evidence.caption", { name: "IMG_3001.jpg" }), { exact: true }).fill(caption);
  await saveScreenshot(page, "evidence-blocker-form-phone-kk");
  await form.getByRole("button", { name: kk("schedule.saveBlocker"), exact: true }).click();
  // The page re-renders the blocker with its photo.
  const gallery = page.getByTestId(`blocker-evidence-${blockerId}`);
  await expect(gallery.getByTestId("evidence-thumbnail")).toHaveCount(1, { timeout: 30_000 });
  await saveScreenshot(page, "evidence-blocker-phone-kk");
  const files = await query<{ blocker_id: number | null; caption: string | null }>(
    "SELECT blocker_id, caption FROM evidence_files WHERE project_id = $1",
    [project.id],
  );
  expect(files).toEqual([{ blocker_id: blockerId, caption }]);
  const [blocker] = await query<{ status: string; version: number }>(
    "SELECT status, version FROM blockers WHERE id = $1",
    [blockerId],
  );
  expect(blocker).toEqual({ status: "IN_HAND", version: 2 });

  const ministry = await phonePage(browser, DEMO.ministry, `/projects/${project.code}`);
  try {
    // The tabs: links in a tablist; the keyboard moves between them and opens one.
    const tablist = ministry.getByRole("tablist", { name: kk("projectTabs.tabs") });
    const overview = tablist.getByRole("tab", { name: kk("projectTabs.overview") });
    await expect(overview).toHaveAttribute("aria-selected", "true");
    await overview.focus();
    await ministry.keyboard.press("ArrowRight");
    const evidenceTab = tablist.getByRole("tab", { name: kk("projectTabs.evidence", { count: 1 }) });
    await expect(evidenceTab).toBeFocused();
    await ministry.keyboard.press("Enter");
    await expect(ministry).toHaveURL(/\?tab=evidence$/);
    await expect(evidenceTab).toHaveAttribute("aria-selected", "true");
    const panel = ministry.getByRole("tabpanel");
    await expect(panel).toHaveAttribute("aria-labelledby", "tab-evidence");
    const items = panel.getByTestId("evidence-item");
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText(caption);
    await expect(items.first().getByTestId("evidence-source")).toContainText(
      kk("projectTabs.sources.blocker", { name: `${kk("schedule.categories.UTILITIES")} — ${description}` }),
    );
    await expect(items.first().getByTestId("evidence-taken")).toContainText("20.11.2026");
    // Filtered by kind through the URL.
    await panel.getByTestId("evidence-filter-DOCUMENT").click();
    await expect(ministry).toHaveURL(/kind=documents/);
    await expect(panel.getByTestId("evidence-item")).toHaveCount(0);
    await expect(panel).toContainText(kk("projectTabs.noneOfKind"));
    await panel.getByTestId("evidence-filter-PHOTO").click();
    await expect(ministry).toHaveURL(/kind=photos/);
    await expect(panel.getByTestId("evidence-item")).toHaveCount(1);
    await saveScreenshot(ministry, "evidence-tab-phone-kk");
    await ministry.setViewportSize(DESKTOP);
    await saveScreenshot(ministry, "evidence-tab-desktop-kk");

    await chooseLanguage(ministry, "en");
    await expect(ministry.getByRole("tab", { name: en("projectTabs.evidence", { count: 1 }) })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    await expect(ministry.getByTestId("evidence-item").first().getByTestId("evidence-source")).toContainText(
      en("projectTabs.sources.blocker", { name: `${en("schedule.categories.UTILITIES")} — ${description}` }),
    );
    await saveScreenshot(ministry, "evidence-tab-desktop-en");
    await ministry.setViewportSize(PHONE);
    await saveScreenshot(ministry, "evidence-tab-phone-en");

    // The blockers register shows it too, and the overview shows it with the blocker.
    await ministry.goto(`/blockers?q=${project.code}`);
    const row = ministry.getByTestId("blocker-row").filter({ hasText: description });
    await expect(row.getByTestId("evidence-thumbnail")).toHaveCount(1);
    await saveScreenshot(ministry, "evidence-blockers-register-phone-en");
    await ministry.goto(`/projects/${project.code}`);
    await expect(ministry.getByTestId(`blocker-evidence-${blockerId}`).getByTestId("evidence-thumbnail")).toHaveCount(
      1,
    );
    await chooseLanguage(ministry, "kk");
  } finally {
    await ministry.context().close();
  }

  // Another oblast's officer gets "not found" for the project and for the file.
  const [file] = await query<{ id: number }>("SELECT id FROM evidence_files WHERE blocker_id = $1", [blockerId]);
  const outsider = await phonePage(browser, DEMO.akimatMangystau, "/projects");
  try {
    expect((await outsider.request.get(`/api/files/${file!.id}`)).status()).toBe(404);
    expect((await outsider.request.get(`/projects/${project.code}?tab=evidence`)).status()).toBe(404);
  } finally {
    await outsider.context().close();
  }
});
