import ExcelJS from "exceljs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe";
import { DEFAULT_LOCALE, translator } from "./i18n";
import { signInAs } from "./session";
import { DEMO, query, saveScreenshot } from "./support";

// Kazakh is the default language: every expected string is read from messages/kk.json.
const t = translator(DEFAULT_LOCALE);
// Measures of human capital due by 2030: no other spec writes to them.
const FILTER = "category=human-capital&horizon=2030";
const OUTPUT = path.join(process.cwd(), "e2e", "output");

type Row = { code: string; status: string; percent_complete: number; version: number };
/** The projects' current values, by code. */
const projectsOf = async (codes: string[]) =>
  Object.fromEntries(
    (
      await query<Row>(
        "SELECT code, status::text AS status, percent_complete, version FROM projects WHERE code = ANY($1)",
        [codes],
      )
    ).map((row) => [row.code, row]),
  );
const untouched = (codes: string[]) =>
  Object.fromEntries(codes.map((code) => [code, expect.objectContaining({ status: "PLANNED", version: 1 })]));

async function downloadSheet(
  page: Page,
  count: number,
): Promise<{ workbook: ExcelJS.Workbook; worksheet: ExcelJS.Worksheet }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: t("progressSheet.downloadFiltered", { count }) }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^batys-progress-sheet-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = path.join(OUTPUT, "progress-sheet.xlsx");
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return { workbook, worksheet: workbook.worksheets[0]! };
}

async function upload(page: Page, workbook: ExcelJS.Workbook, name: string): Promise<void> {
  const file = path.join(OUTPUT, name);
  await workbook.xlsx.writeFile(file);
  await page.getByLabel(t("progressSheet.file")).setInputFiles(file);
  await page.getByRole("button", { name: t("progressSheet.check") }).click();
}

test.describe("progress sheet", () => {
  test("ministry staff download the sheet of a filtered list, fill it in offline, check it and save every update at once", async ({
    page,
  }) => {
    await signInAs(page, DEMO.ministry);
    await page.goto(`/projects?${FILTER}`);
    await page.getByRole("link", { name: t("progressSheet.link"), exact: true }).click();
    await expect(page).toHaveURL(
      (url) => url.pathname === "/projects/import" && url.searchParams.get("category") === "human-capital",
    );
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("progressSheet.title"));

    const [{ count }] = (await query<{ count: number }>(
      "SELECT count(*)::int AS count FROM projects p JOIN categories c ON c.id = p.category_id WHERE c.code = 'human-capital' AND p.horizon = 2030 AND p.withdrawn_at IS NULL",
    )) as [{ count: number }];
    const { workbook, worksheet } = await downloadSheet(page, count);
    expect(worksheet.rowCount - 1).toBe(count);
    const header = (worksheet.getRow(1).values as unknown[]).slice(1);
    const column = (key: string) => header.indexOf(t(`progressSheet.columns.${key}`)) + 1;
    const first = worksheet.getRow(2);
    const second = worksheet.getRow(3);
    const codes = [String(first.getCell(column("code")).value), String(second.getCell(column("code")).value)];
    expect(await projectsOf(codes)).toEqual(untouched(codes));

    // One good row and one impossible percent: the check shows both, and nothing is saved.
    first.getCell(column("status")).value = t("statuses.DESIGN");
    first.getCell(column("percentComplete")).value = 20;
    first.getCell(column("comment")).value = "Оқу бағдарламасы әзірленді";
    second.getCell(column("status")).value = t("statuses.DESIGN");
    second.getCell(column("percentComplete")).value = 150;
    await upload(page, workbook, "progress-sheet-wrong.xlsx");
    const report = page.getByTestId("sheet-report");
    await expect(report).toContainText(t("progressSheet.summary", { update: 1, unchanged: count - 2, problems: 1 }));
    await expect(report.getByRole("alert")).toHaveText(t("progressSheet.checkedProblems"));
    const wrong = report.locator("tr[data-outcome=invalid]");
    await expect(wrong).toContainText(codes[1]!);
    await expect(wrong).toContainText(`${t("progressSheet.columns.percentComplete")}: ${t("formErrors.percentRange")}`);
    await expect(report.getByRole("button", { name: t("progressSheet.apply", { count: 1 }) })).toHaveCount(0);
    await saveScreenshot(page, "progress-sheet-checked");
    expect(await projectsOf(codes)).toEqual(untouched(codes));

    second.getCell(column("percentComplete")).value = 35;
    await upload(page, workbook, "progress-sheet-right.xlsx");
    await expect(report.getByRole("status")).toContainText(t("progressSheet.checkedClean"));
    await expectNoSeriousViolations(page);
    // axe leaves the page at phone width: the checked sheet as a phone shows it.
    await saveScreenshot(page, "progress-sheet-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
    await report.getByRole("button", { name: t("progressSheet.apply", { count: 2 }) }).click();
    await expect(report.getByRole("status")).toHaveText(t("progressSheet.applied", { count: 2 }));
    await expect(report.locator("tr[data-outcome=update]")).toHaveCount(2);
    await saveScreenshot(page, "progress-sheet-saved");
    const saved = await projectsOf(codes);
    expect(saved[codes[0]!]).toMatchObject({ status: "DESIGN", percent_complete: 20, version: 2 });
    expect(saved[codes[1]!]).toMatchObject({ status: "DESIGN", percent_complete: 35, version: 2 });

    // The project page shows the update in its history, with the comment typed in the sheet.
    await page.goto(`/projects/${codes[0]}`);
    await expect(page.getByTestId("history").locator(":scope > li")).toHaveCount(1);
    await expect(page.getByTestId("history")).toContainText("Оқу бағдарламасы әзірленді");
  });

  test("an akimat officer's sheet of their oblast becomes field reports for the ministry to review", async ({
    page,
  }) => {
    await signInAs(page, DEMO.akimatAtyrau);
    await page.goto("/projects?category=human-capital&horizon=2050");
    await page.getByRole("link", { name: t("progressSheet.link"), exact: true }).click();
    await expect(page.getByText(t("progressSheet.introReports"))).toBeVisible();
    const [{ count }] = (await query<{ count: number }>(
      `SELECT count(*)::int AS count FROM projects p JOIN categories c ON c.id = p.category_id
        WHERE c.code = 'human-capital' AND p.horizon = 2050 AND p.withdrawn_at IS NULL
          AND EXISTS (SELECT 1 FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id WHERE po.project_id = p.id AND o.code = 'ATY')`,
    )) as [{ count: number }];
    expect(count, "Atyrau has human-capital measures due by 2050").toBeGreaterThan(0);
    const { workbook, worksheet } = await downloadSheet(page, count);
    expect(worksheet.rowCount - 1).toBe(count);
    const header = (worksheet.getRow(1).values as unknown[]).slice(1);
    const column = (key: string) => header.indexOf(t(`progressSheet.columns.${key}`)) + 1;
    const row = worksheet.getRow(2);
    const code = String(row.getCell(column("code")).value);
    const [project] = await query<Row & { id: number }>(
      "SELECT id, code, status::text AS status, percent_complete, version FROM projects WHERE code = $1",
      [code],
    );
    row.getCell(column("percentComplete")).value = 15;
    row.getCell(column("comment")).value = "Аудандық оқу орталығында курстар басталды";
    await upload(page, workbook, "progress-sheet-akimat.xlsx");
    const report = page.getByTestId("sheet-report");
    await expect(report).toContainText(
      t("progressSheet.summaryReports", { update: 1, unchanged: count - 1, problems: 0 }),
    );
    await report.getByRole("button", { name: t("progressSheet.applyReports", { count: 1 }) }).click();
    await expect(report.getByRole("status")).toHaveText(t("progressSheet.appliedReports", { count: 1 }));
    await expect(report.locator("tr[data-outcome=update]")).toContainText(t("progressSheet.outcomes.reported"));
    await saveScreenshot(page, "progress-sheet-akimat-sent");
    const reports = await query<{ state: string; percent_complete: number; comment: string }>(
      "SELECT state::text AS state, percent_complete, comment FROM field_reports WHERE project_id = $1 ORDER BY id DESC LIMIT 1",
      [project!.id],
    );
    expect(reports).toEqual([
      { state: "PENDING", percent_complete: 15, comment: "Аудандық оқу орталығында курстар басталды" },
    ]);
    expect(await projectsOf([code])).toEqual({
      [code]: { code, status: project!.status, percent_complete: project!.percent_complete, version: project!.version },
    });
  });

  test("a manager, who neither records progress nor reports, gets no link, no page, no sheet and no upload", async ({
    page,
    baseURL,
  }) => {
    await signInAs(page, DEMO.manager);
    await page.goto("/projects");
    await expect(page.getByRole("link", { name: t("progressSheet.link"), exact: true })).toHaveCount(0);
    expect((await page.goto("/projects/import"))?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("errors.forbiddenTitle"));
    expect((await page.request.get("/projects/import/sheet")).status()).toBe(403);
    const refused = await page.request.post("/projects/import/upload", {
      headers: { Origin: baseURL! },
      multipart: {
        mode: "apply",
        file: {
          name: "sheet.csv",
          mimeType: "text/csv",
          buffer: Buffer.from("Code,Version,Status,Percent complete,As of\n"),
        },
      },
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain(t("progressSheet.errors.forbidden"));
  });

  test("an upload from another site, or of a file that is not a sheet, is refused and changes nothing", async ({
    page,
    baseURL,
  }) => {
    await signInAs(page, DEMO.ministry);
    const [project] = await query<Row>(
      "SELECT p.code, p.status::text AS status, p.percent_complete, p.version FROM projects p JOIN categories c ON c.id = p.category_id WHERE c.code = 'human-capital' AND p.horizon = 2040 ORDER BY p.code LIMIT 1",
    );
    const csv = `Code,Version,Status,Percent complete,As of\n${project!.code},${project!.version},DESIGN,10,2026-01-05\n`;
    const post = (origin: string, file: { name: string; buffer: Buffer }) =>
      page.request.post("/projects/import/upload", {
        headers: { Origin: origin },
        multipart: { mode: "apply", file: { ...file, mimeType: "application/octet-stream" } },
      });
    expect((await post("https://evil.example", { name: "sheet.csv", buffer: Buffer.from(csv) })).status()).toBe(403);
    const notSheet = await post(baseURL!, { name: "notes.txt", buffer: Buffer.from(csv) });
    expect(notSheet.status()).toBe(400);
    expect(await notSheet.text()).toContain(t("progressSheet.errors.wrongType"));
    const noColumns = await post(baseURL!, { name: "sheet.csv", buffer: Buffer.from("a,b\n1,2\n") });
    const required = ["code", "version", "status", "percentComplete", "asOf"]
      .map((key) => `«${t(`progressSheet.columns.${key}`)}»`)
      .join(", ");
    expect(await noColumns.text()).toContain(t("progressSheet.errors.notASheet", { columns: required }));
    expect(await projectsOf([project!.code])).toEqual({ [project!.code]: project });
  });
});
