import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { signInAs } from "./session";
import { chooseLanguage, DEMO, query, saveScreenshot } from "./support";

const messages = JSON.parse(fs.readFileSync("messages/kk.json", "utf8"));

test.describe("period reports", () => {
  test("manager builds a report for a period, sees its figures and downloads it as a PDF", async ({ page }) => {
    await signInAs(page, DEMO.manager);
    await page.goto("/reports?scope=region&from=2026-01-01&to=2026-12-31");
    await expect(page.getByRole("heading", { level: 1, name: messages.reports.title })).toBeVisible();
    const [row] = await query<{ total: number }>(
      "SELECT count(*)::int AS total FROM projects WHERE withdrawn_at IS NULL",
    );
    const figures = page.getByRole("table", { name: messages.reports.figures });
    // The first row holds the number of projects at the start and at the end, formatted for the locale.
    const digits = ((await figures.getByRole("row").nth(1).textContent()) ?? "").replace(/\D/g, "");
    expect(digits).toBe(`${row!.total}${row!.total}`);
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
      await expect(page.getByTestId("inter-oblast-note")).toBeVisible();
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
