import { expect, test, type Browser, type Page } from "@playwright/test";
import { photoWithExif } from "../tests/support/evidence-files";
import { translator } from "./i18n";
import { signInTo } from "./sign-in-to";
import { DEMO, query, saveScreenshot } from "./support";

// Evidence from the field, on a phone: Kazakh interface, expected strings read from messages/kk.json.
const t = translator("kk");
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, hasTouch: true });

type Project = { id: number; code: string; name_kk: string };

/** An untouched Aktobe-only project, far from the ones other specs take (they count from the same end). */
async function aktobeProject(offset: number): Promise<Project> {
  const rows = await query<Project>(
    `SELECT p.id, p.code, p.name_kk FROM projects p
      WHERE p.withdrawn_at IS NULL AND p.status = 'PLANNED' AND p.version = 1
        AND (SELECT array_agg(o.code) FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id WHERE po.project_id = p.id) = ARRAY['AKT']::text[]
      ORDER BY p.code DESC OFFSET $1 LIMIT 1`,
    [offset],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function phonePage(browser: Browser, email: string, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true });
  const page = await context.newPage();
  await signInTo(page, email, path);
  return page;
}

/** The date as the app shows it under a photo: dd.mm.yyyy. */
const shownDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

test("an akimat officer attaches two photos to a field report; the ministry sees them in the queue and accepts; they appear on the timeline with their date", async ({
  page,
  browser,
}) => {
  const project = await aktobeProject(8);
  const comment = `Учаскеде түсірілді ${Date.now()}`;
  const caption = "Көпір тірегі";
  const photos = [
    { name: "IMG_2041.jpg", mimeType: "image/jpeg", buffer: await photoWithExif({ takenAt: "2026:11:14 10:20:30" }) },
    {
      name: "IMG_2042.jpg",
      mimeType: "image/jpeg",
      buffer: await photoWithExif({ colour: "#7a5b3b", takenAt: "2026:11:15 16:05:00" }),
    },
  ];

  await signInTo(page, DEMO.akimatAktobe, `/projects/${project.code}`);
  const form = page.getByTestId("report-form");
  await form.getByLabel(t("progress.status"), { exact: true }).selectOption({ label: t("statuses.DESIGN") });
  await form.getByLabel(t("progress.percentComplete"), { exact: true }).fill("10");
  await form.getByLabel(t("progress.comment"), { exact: true }).fill(comment);
  // One after the other, so the gallery's order (by upload) is known.
  const entries = form.getByTestId("evidence-entry");
  for (const [index, photo] of photos.entries()) {
    await form.getByTestId("evidence-files").setInputFiles(photo);
    await expect(entries).toHaveCount(index + 1);
    await expect(entries.and(page.locator("[data-state=done]"))).toHaveCount(index + 1, { timeout: 30_000 });
  }
  await form.getByLabel(t("evidence.caption", { name: "IMG_2041.jpg" }), { exact: true }).fill(caption);
  // A file that is not what it claims is refused with a translated message, and not attached.
  await form.getByTestId("evidence-files").setInputFiles({
    name: "act.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("<html>not a pdf</html>"),
  });
  await expect(entries.filter({ hasText: "act.pdf" })).toContainText(t("evidence.errors.wrongType"));
  await saveScreenshot(page, "evidence-field-report-phone");
  await form.getByRole("button", { name: t("fieldReports.submit") }).click();
  await expect(form.getByRole("status")).toHaveText(t("fieldReports.submitted"));

  const files = await query<{ id: number; field_report_id: number | null; caption: string | null }>(
    "SELECT id, field_report_id, caption FROM evidence_files WHERE project_id = $1 ORDER BY file_name",
    [project.id],
  );
  expect(files).toHaveLength(2);
  expect(files.every((file) => file.field_report_id !== null)).toBe(true);
  expect(files[0]!.caption).toBe(caption);

  const reviewer = await phonePage(browser, DEMO.ministry, "/field-reports");
  try {
    const item = reviewer.getByTestId("field-report").filter({ hasText: comment });
    await expect(item.getByTestId("evidence-thumbnail")).toHaveCount(2);
    await expect(item.getByTestId("evidence-taken").first()).toContainText(shownDate("2026-11-14T10:20:30"));
    // The viewer: a modal dialog with the caption as the photo's text alternative; Escape closes it.
    await item.getByTestId("evidence-thumbnail").first().click();
    const viewer = item.getByTestId("evidence-viewer");
    await expect(viewer).toBeVisible();
    await expect(viewer.getByRole("img", { name: caption })).toBeVisible();
    await saveScreenshot(reviewer, "evidence-viewer-phone");
    await reviewer.keyboard.press("ArrowRight");
    await expect(viewer).toContainText(t("evidence.photoPosition", { number: 2, total: 2 }));
    await reviewer.keyboard.press("Escape");
    await expect(viewer).toBeHidden();
    await saveScreenshot(reviewer, "evidence-review-queue-phone");
    await item.getByRole("button", { name: t("fieldReports.accept"), exact: true }).click();
    await expect(item).toHaveCount(0);

    // On the project's timeline, with their date.
    await reviewer.goto(`/projects/${project.code}`);
    const entry = reviewer.getByTestId("history").locator(":scope > li").first();
    await expect(entry.getByTestId("evidence-thumbnail")).toHaveCount(2);
    await expect(entry).toContainText(shownDate("2026-11-14T10:20:30"));
    await expect(entry).toContainText(shownDate("2026-11-15T16:05:00"));
    await expect(entry).toContainText(t("evidence.nearPlace", { km: 3, place: "Шалқар" }));
    await saveScreenshot(reviewer, "evidence-timeline-phone");
    // Every file of the project on its Evidence tab.
    await reviewer.getByTestId("tab-evidence").click();
    await expect(reviewer).toHaveURL(/\?tab=evidence$/);
    await expect(reviewer.getByTestId("evidence-section").getByTestId("evidence-item")).toHaveCount(2);
    await reviewer.setViewportSize({ width: 1280, height: 900 });
    await saveScreenshot(reviewer, "evidence-project-desktop");

    // Served with the stored type, nosniff and a disposition; photos carry no EXIF any more.
    const response = await reviewer.request.get(`/api/files/${files[0]!.id}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/jpeg");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["content-disposition"]).toMatch(/^inline; filename="IMG_2041\.jpg"/);
    expect((await response.body()).includes(Buffer.from("AcmePhone"))).toBe(false);
  } finally {
    await reviewer.context().close();
  }

  // Another oblast's officer gets "not found", the same as for a file that does not exist.
  const outsider = await phonePage(browser, DEMO.akimatMangystau, "/projects");
  try {
    expect((await outsider.request.get(`/api/files/${files[0]!.id}`)).status()).toBe(404);
    expect((await outsider.request.get("/api/files/999999999")).status()).toBe(404);
  } finally {
    await outsider.context().close();
  }
});

test("while a photo uploads the form cannot be sent; a refused save keeps the uploaded photo, the corrected one attaches it", async ({
  page,
}) => {
  const project = await aktobeProject(9);
  await page.setViewportSize({ width: 1280, height: 900 });
  // Hold the upload back, so the waiting state can be seen.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/api/files?*", async (route) => {
    await held;
    await route.continue();
  });
  await signInTo(page, DEMO.ministry, `/projects/${project.code}`);
  const form = page.getByTestId("progress-form");
  const save = form.getByRole("button", { name: t("progress.save") });
  await form.locator("#progress-status").selectOption("DESIGN");
  await form.locator("#progress-percent").fill("50.5");
  await form.getByTestId("evidence-files").setInputFiles({
    name: "IMG_3001.jpg",
    mimeType: "image/jpeg",
    buffer: await photoWithExif({ colour: "#2b6a8c" }),
  });
  const entry = form.getByTestId("evidence-entry");
  await expect(entry).toHaveAttribute("data-state", "uploading");
  await expect(save).toBeDisabled();
  await saveScreenshot(page, "evidence-picker-uploading-desktop");
  release();
  await expect(entry).toHaveAttribute("data-state", "done", { timeout: 30_000 });
  await expect(save).toBeEnabled();
  await form.getByLabel(t("evidence.caption", { name: "IMG_3001.jpg" }), { exact: true }).fill("Іргетас");

  // Refused (fractional percent): the photo and its caption stay in the picker, nothing is attached.
  await save.click();
  await expect(page.getByTestId("error-progress-percent")).toHaveText(t("formErrors.wholeNumber"));
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute("data-state", "done");
  await expect(form.getByLabel(t("evidence.caption", { name: "IMG_3001.jpg" }), { exact: true })).toHaveValue(
    "Іргетас",
  );
  await saveScreenshot(page, "evidence-picker-kept-desktop");
  await page.setViewportSize(PHONE);
  await saveScreenshot(page, "evidence-picker-kept-phone");
  await page.setViewportSize({ width: 1280, height: 900 });
  const drafts = await query<{ attached_at: string | null }>(
    "SELECT attached_at FROM evidence_files WHERE project_id = $1",
    [project.id],
  );
  expect(drafts).toEqual([{ attached_at: null }]);

  await form.locator("#progress-percent").fill("50");
  await save.click();
  await expect(form.getByRole("status")).toHaveText(t("progress.saved"));
  const attached = await query<{ caption: string; progress_update_id: number | null }>(
    "SELECT caption, progress_update_id FROM evidence_files WHERE project_id = $1",
    [project.id],
  );
  expect(attached).toHaveLength(1);
  expect(attached[0]).toMatchObject({ caption: "Іргетас" });
  expect(attached[0]!.progress_update_id).not.toBeNull();
  // After the save the picker starts empty, and the photo is on the timeline.
  await expect(form.getByTestId("evidence-entry")).toHaveCount(0);
  await expect(
    page.getByTestId("history").locator(":scope > li").first().getByTestId("evidence-thumbnail"),
  ).toHaveCount(1);
  await saveScreenshot(page, "evidence-timeline-desktop");
});
