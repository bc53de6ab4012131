import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import fs from "node:fs";
import { signInAs } from "./session";
import { chooseLanguage, DEMO, query, saveScreenshot } from "./support";

// The lists that gained files: the field-report queue (and an officer's own reports), the users list and the
// notifications. Each page offers CSV (both separators) and XLSX; each route checks the role itself.

const en = JSON.parse(fs.readFileSync("messages/en.json", "utf8"));

async function workbook(page: Page, url: string) {
  const response = await page.request.get(url);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("spreadsheetml");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await response.body()) as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

test.describe("list downloads", () => {
  test("the ministry downloads its review queue as XLSX and CSV, filtered as on the screen", async ({ page }) => {
    await signInAs(page, DEMO.ministry);
    await page.goto("/field-reports?tab=reviewed&oblast=ATY");
    await chooseLanguage(page, "en");
    const xlsxLink = page.getByTestId("export-links").getByRole("link", { name: "XLSX" });
    const href = (await xlsxLink.getAttribute("href"))!;
    expect(href).toContain("tab=reviewed");
    expect(href).toContain("oblast=ATY");
    const sheet = await workbook(page, href);
    expect(String(sheet.getRow(1).getCell(1).value)).toContain(en.fieldReports.title);
    expect(sheet.views[0]).toMatchObject({ state: "frozen" });
    expect(sheet.autoFilter).toBeTruthy();
    const [reviewed] = await query<{ n: number }>(
      `SELECT count(DISTINCT f.id)::int AS n FROM field_reports f JOIN project_oblasts x ON x.project_id = f.project_id
       JOIN oblasts o ON o.id = x.oblast_id WHERE o.code = 'ATY' AND f.state IN ('ACCEPTED', 'REJECTED')`,
    );
    const headerRow = (sheet.views[0] as { ySplit: number }).ySplit;
    expect(sheet.rowCount - headerRow).toBe(reviewed!.n);

    const csv = await page.request.get("/field-reports/export?tab=pending&format=csv&sep=semicolon");
    expect(csv.status()).toBe(200);
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.subarray(3).toString("utf8").split("\r\n")[0]).toContain(`${en.fieldReports.submittedAt};`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await saveScreenshot(page, "field-reports-exports-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, "field-reports-exports-phone");
  });

  test("users and notifications: an administrator gets the users file, no one else; everyone gets their notifications", async ({
    page,
  }) => {
    await signInAs(page, DEMO.akimatAtyrau);
    expect((await page.request.get("/admin/users/export?format=xlsx")).status()).toBe(403);
    const own = await page.request.get("/field-reports/export?format=csv&sep=comma");
    expect(own.status()).toBe(200);
    const notes = await page.request.get("/notifications/export?format=csv");
    expect(notes.status()).toBe(200);
    expect(notes.headers()["content-type"]).toContain("text/csv");

    await signInAs(page, DEMO.admin);
    await page.goto("/admin/users?role=AKIMAT");
    await chooseLanguage(page, "en");
    const href = (await page.getByTestId("export-links").getByRole("link", { name: "XLSX" }).getAttribute("href"))!;
    expect(href).toContain("role=AKIMAT");
    const sheet = await workbook(page, href);
    const emails: string[] = [];
    sheet.eachRow((row) => {
      const value = String(row.getCell(2).value);
      if (value.includes("@")) emails.push(value);
    });
    expect(emails).toContain(DEMO.akimatAtyrau);
    expect(emails).not.toContain(DEMO.admin);
    await page.setViewportSize({ width: 1280, height: 900 });
    await saveScreenshot(page, "users-exports-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, "users-exports-phone");

    await page.goto("/notifications");
    await expect(page.getByTestId("export-links").getByRole("link", { name: "XLSX" })).toBeVisible();
    await workbook(page, "/notifications/export?format=xlsx");
    await page.setViewportSize({ width: 1280, height: 900 });
    await saveScreenshot(page, "notifications-exports-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, "notifications-exports-phone");
  });
});

test("the decree citation reads the same on the signed-in and the public project page (screenshots)", async ({
  page,
}) => {
  const [project] = await query<{ code: string }>(
    "SELECT code FROM projects WHERE withdrawn_at IS NULL AND source_note_en IS NOT NULL ORDER BY id LIMIT 1",
  );
  await page.goto(`/public/projects/${project!.code}`);
  await expect(page.getByTestId("decree-citation")).toBeVisible();
  for (const [size, width] of [
    ["desktop", 1280],
    ["phone", 390],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await saveScreenshot(page, `public-project-decree-${size}`);
  }
  await signInAs(page, DEMO.manager);
  await page.goto(`/projects/${project!.code}`);
  await expect(page.locator("#source-heading")).toBeVisible();
  await expect(page.locator('a[href^="/catalog/decree?line="]').first()).toBeVisible();
  for (const [size, width] of [
    ["desktop", 1280],
    ["phone", 390],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await saveScreenshot(page, `project-decree-${size}`);
  }
});
