import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { signInAs } from "./session";
import { chooseLanguage, DEMO, query, saveScreenshot } from "./support";

const messages = JSON.parse(fs.readFileSync("messages/kk.json", "utf8"));

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Summary (1 page), tables (1–2), exceptions (0–2, after the tables), the annex on landscape pages at about 12
 * changes a page.
 */
const EXPECTED_MAX_PAGES = (changes: number) => 5 + Math.max(1, Math.ceil(changes / 12));

/**
 * What the test needs of a PDF, read from Chromium's output (plain, uncompressed object dictionaries): the page
 * objects (and their orientation from the MediaBox), whether it has an outline (bookmarks), and its title.
 */
function readPdf(bytes: Buffer) {
  const text = bytes.toString("latin1");
  const pages = [
    ...text.matchAll(/\/Type\s*\/Page(?![a-zA-Z])[\s\S]*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/g),
  ];
  const landscape = pages.filter((page) => Number(page[3]) > Number(page[4])).length;
  const rootCount = Number(/\/Type\s*\/Pages[\s\S]*?\/Count\s+(\d+)/.exec(text)?.[1]);
  expect(pages.length).toBe(rootCount);
  // The document's title is in the Info dictionary the trailer names (outline entries have titles too).
  const info = /\/Info\s+(\d+)\s+0\s+R/.exec(text)?.[1];
  const infoObject = info ? (new RegExp(`(?:^|\\s)${info} 0 obj([\\s\\S]*?)endobj`).exec(text)?.[1] ?? "") : "";
  const rawTitle = /\/Title\s*(<[0-9A-Fa-f]+>|\((?:\\.|[^\\)])*\))/.exec(infoObject)?.[1] ?? "";
  return {
    pages: pages.length,
    landscapePages: landscape,
    portraitPages: pages.length - landscape,
    hasOutline: /\/Outlines\s+\d+\s+0\s+R/.test(text),
    title: decodePdfString(rawTitle),
  };
}

/** A PDF text string: <FEFF…> UTF-16BE hex, or a literal (…) string. */
function decodePdfString(raw: string): string {
  if (raw.startsWith("<")) {
    const hex = Buffer.from(raw.slice(1, -1), "hex");
    if (hex[0] === 0xfe && hex[1] === 0xff) return hex.subarray(2).swap16().toString("utf16le");
    return hex.toString("latin1");
  }
  return raw.slice(1, -1).replace(/\\(.)/g, "$1");
}

test.describe("period reports", () => {
  test("manager builds a report for a period, sees its figures and downloads it as a PDF", async ({ page }) => {
    await signInAs(page, DEMO.manager);
    await page.goto("/reports?scope=region&from=2026-01-01&to=2026-12-31");
    await expect(page.getByRole("heading", { level: 1, name: messages.reports.title })).toBeVisible();
    const [row] = await query<{ total: number }>(
      "SELECT count(*)::int AS total FROM projects WHERE withdrawn_at IS NULL",
    );
    const figures = page.getByRole("table", { name: messages.reports.figures });
    // The first row holds the number of projects at the start and at the end (formatted for the locale), and the
    // change between them.
    const first = figures.getByRole("row").nth(1);
    for (const column of [1, 2])
      expect(
        (
          (await first
            .getByRole("cell")
            .nth(column - 1)
            .textContent()) ?? ""
        ).replace(/\D/g, ""),
      ).toBe(String(row!.total));
    await expect(first.getByRole("cell").nth(2)).toHaveText("±0");
    for (const key of ["changes", "attention", "oblasts", "sectors"])
      await expect(page.getByTestId(`report-table-${key}`)).toBeVisible();

    const download = page.waitForEvent("download", { timeout: 60_000 });
    await page.getByTestId("download-pdf").click();
    const pdf = await download;
    const file = await pdf.path();
    const bytes = fs.readFileSync(file!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(5_000);
    fs.mkdirSync("e2e/output", { recursive: true });
    fs.copyFileSync(file!, "e2e/output/report.pdf");
  });

  test("a quarter's PDF: summary first, counted pages, title and bookmarks, saved and re-opened byte for byte", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    // Ministry staff (the manager's own PDF test may be printing at the same time: one PDF per user at once).
    await signInAs(page, DEMO.ministry);
    const quarter = "/reports?scope=region&from=2026-07-01&to=2026-09-30";
    await page.goto(quarter);
    // Page 1 is the executive summary: headline figures, both charts and the three short lists.
    const summary = page.getByTestId("report-summary");
    await expect(summary.getByRole("heading", { level: 2, name: messages.periodReport.summary })).toBeVisible();
    await expect(summary.getByRole("img", { name: messages.dashboard.completionByOblast })).toBeVisible();
    await expect(summary.getByRole("img", { name: messages.periodReport.completionByHorizon })).toBeVisible();
    for (const list of ["completed", "turned", "blockers"])
      await expect(page.getByTestId(`summary-${list}`)).toBeVisible();
    // Counted for this user only: other tests (the manager's download) save reports at the same time.
    const mine = `FROM saved_reports s JOIN users u ON u.id = s.created_by_id WHERE u.email = '${DEMO.ministry}'`;
    const savedBefore = await query<{ n: number }>(`SELECT count(*)::int AS n ${mine}`);

    const download = page.waitForEvent("download", { timeout: 90_000 });
    await page.getByTestId("download-pdf").click();
    // While the PDF renders the button says so (and is busy); then the saved report appears in the list.
    await expect(page.getByTestId("pdf-status")).toHaveText(
      new RegExp(`${escapeRegExp(messages.periodReport.rendering)}|${escapeRegExp(messages.periodReport.saved)}`),
    );
    const bytes = fs.readFileSync((await (await download).path())!);
    fs.copyFileSync((await (await download).path())!, "e2e/output/report-q3-2026.pdf");
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

    const pdf = readPdf(bytes);
    // The quarter's report of the seeded data: the summary page, the tables, the exceptions and the annex, each
    // starting on a page of its own — and no more pages than its rows need.
    const [rows] = await query<{ changes: number }>(
      `SELECT count(DISTINCT u.project_id)::int AS changes FROM progress_updates u JOIN projects p ON p.id = u.project_id
       WHERE p.withdrawn_at IS NULL AND u.created_at >= '2026-07-01T00:00:00+05' AND u.created_at < '2026-10-01T00:00:00+05'`,
    );
    expect(pdf.pages).toBeGreaterThanOrEqual(3);
    expect(pdf.pages).toBeLessThanOrEqual(EXPECTED_MAX_PAGES(rows!.changes));
    expect(pdf.landscapePages).toBeGreaterThanOrEqual(1);
    expect(pdf.portraitPages).toBeGreaterThanOrEqual(2);
    expect(pdf.hasOutline).toBe(true);
    expect(pdf.title).toContain(messages.reports.title);
    expect(pdf.title).toContain("01.07.2026 — 30.09.2026");

    await expect(page.getByTestId("saved-reports").getByRole("link").first()).toContainText("01.07.2026 — 30.09.2026");
    const [saved] = await query<{ id: number; n: number }>(`SELECT max(s.id)::int AS id, count(*)::int AS n ${mine}`);
    expect(saved!.n).toBe(savedBefore[0]!.n + 1);
    const reopened = await page.request.get(`/reports/saved/${saved!.id}`);
    expect(reopened.status()).toBe(200);
    expect(Buffer.from(await reopened.body()).equals(bytes)).toBe(true);
    // An akimat officer cannot open the region's saved report: it answers "not found".
    const officer = await (await browser.newContext()).newPage();
    await signInAs(officer, DEMO.akimatWestKazakhstan);
    expect((await officer.request.get(`/reports/saved/${saved!.id}`)).status()).toBe(404);
    await officer.context().close();
  });

  test("page 1 of a quarter's report at A4 and on a phone (screenshots)", async ({ page }) => {
    await signInAs(page, DEMO.manager);
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.goto("/reports?scope=region&from=2026-07-01&to=2026-09-30");
    await expect(page.getByTestId("report-summary")).toBeVisible();
    await page.screenshot({ path: "e2e/output/screenshots/report-page1-a4.png" });
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("report-summary").scrollIntoViewIfNeeded();
    await page.getByTestId("report-summary").screenshot({ path: "e2e/output/screenshots/report-summary-phone.png" });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId("report-summary").screenshot({ path: "e2e/output/screenshots/report-summary-desktop.png" });
  });

  test("the print layout hides the navigation and keeps the report on A4", async ({ page }) => {
    await signInAs(page, DEMO.ministry);
    await page.goto("/reports?scope=ATY&from=2026-01-01&to=2026-12-31");
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: messages.nav.main })).toBeHidden();
    await expect(page.getByRole("button", { name: messages.reports.build })).toBeHidden();
    await page.setViewportSize({ width: 794, height: 1123 });
    await saveScreenshot(page, "report-print-a4");
  });

  test("screenshots of a report in Kazakh and English, with the inter-oblast footnote", async ({ page }) => {
    await signInAs(page, DEMO.manager);
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const locale of ["kk", "en"] as const) {
      await page.goto("/reports?scope=region&from=2026-01-01&to=2026-12-31");
      if (locale !== "kk") await chooseLanguage(page, locale);
      await expect(page.getByTestId("oblasts-note")).toBeVisible();
      await expect(page.getByTestId("report-heading")).toContainText("01.01.2026 — 31.12.2026");
      await saveScreenshot(page, `report-${locale}-desktop`);
    }
  });

  test("an akimat officer's report covers their own oblast even when another is asked for", async ({ page }) => {
    await signInAs(page, DEMO.akimatWestKazakhstan);
    await page.goto("/reports?scope=MAN&from=2026-01-01&to=2026-12-31");
    await expect(page.getByTestId("report-heading")).toContainText("Батыс Қазақстан облысы");
  });

  test("the report's tables and the project list export as CSV with a BOM and as XLSX", async ({ page }) => {
    await signInAs(page, DEMO.manager);
    const csv = await page.request.get("/projects/export?format=csv&oblast=ATY");
    expect(csv.status()).toBe(200);
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.subarray(3).toString("utf8").trim().split("\r\n");
    const [count] = await query<{ n: number }>(
      "SELECT count(DISTINCT p.id)::int AS n FROM projects p JOIN project_oblasts x ON x.project_id = p.id JOIN oblasts o ON o.id = x.oblast_id WHERE o.code = 'ATY' AND p.withdrawn_at IS NULL",
    );
    expect(lines.length).toBe(count!.n + 1);
    expect(lines[0]).toContain(messages.projects.columnCode);
    const xlsx = await page.request.get(
      "/reports/export?scope=region&from=2026-01-01&to=2026-12-31&table=sectors&format=xlsx",
    );
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
    const oc4ids = await page.request.get("/reports/oc4ids");
    const data = await oc4ids.json();
    expect(data.version).toBe("0.9");
    expect(data.projects.length).toBeGreaterThan(500);
  });
});
