import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import fs from "node:fs";
import path from "node:path";
import { packageValidator } from "../tests/support/oc4ids-standard";
import { translator } from "./i18n";
import { chooseLanguage, displayName, query, saveScreenshot } from "./support";

// An anonymous visitor on the public view: no sign-in, Kazakh and English, a project's page, the three open-data
// files. A project is first given private things (a progress comment with evidence, a field report, a pause
// reason, a confidence reason, a budget note, a responsible organisation and officer), each carrying a marker; the
// marker, user names and e-mail addresses must appear on no public page and in no public file.
const MARKER = "PUBLIC-E2E-PRIVATE-9X";
const OUTPUT = path.join(process.cwd(), "e2e", "output", "public");
const kk = translator("kk");
const en = translator("en");

let code = "";
let nameKk = "";
let excerpt = "";
let people: string[] = [];

test.beforeAll(async () => {
  const [project] = await query<{ id: number; code: string; name_kk: string; source_excerpt: string }>(
    `SELECT p.id, p.code, p.name_kk, p.source_excerpt FROM projects p
     WHERE p.status = 'PLANNED' AND p.version = 1 AND p.withdrawn_at IS NULL AND p.kind = 'OBJECT'
       AND (SELECT count(*) FROM project_oblasts po WHERE po.project_id = p.id) = 1
       AND EXISTS (SELECT 1 FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id
                   WHERE po.project_id = p.id AND o.code = 'AKT')
     ORDER BY p.code DESC OFFSET 2 LIMIT 1`,
  );
  code = project!.code;
  nameKk = project!.name_kk;
  excerpt = project!.source_excerpt;
  const users = await query<{ id: number; email: string; name: string }>(`SELECT id, email, name FROM users`);
  const ministry = users.find((user) => user.email === "ministry@batys.demo")!;
  const akimat = users.find((user) => user.email === "akimat.akt@batys.demo")!;
  people = users.flatMap((user) => [user.email, ...(user.name.length >= 6 ? [user.name] : [])]);
  await query(
    `INSERT INTO progress_updates (project_id, author_id, status, previous_status, percent_complete, previous_percent,
       as_of, comment, evidence_url, pause_reason)
     VALUES ($1, $2, 'PAUSED', 'PLANNED', 35, 0, '2026-06-01'::date, $3, $4, 'FINANCING')`,
    [project!.id, ministry.id, `comment ${MARKER}`, `https://evidence.example.kz/${MARKER}.jpg`],
  );
  await query(
    `INSERT INTO field_reports (project_id, submitted_by_id, status, percent_complete, as_of, comment, evidence_url)
     VALUES ($1, $2, 'IN_PROGRESS', 40, '2026-06-02'::date, $3, $4)`,
    [project!.id, akimat.id, `field report ${MARKER}`, `https://evidence.example.kz/field-${MARKER}.jpg`],
  );
  await query(
    `UPDATE projects SET status = 'PAUSED', percent_complete = 35, pause_reason = 'FINANCING',
       last_progress_as_of = '2026-06-01', last_progress_at = now(), confidence = 'RED', confidence_reason = $2,
       budget_baseline = 1000000, budget_spent = 500, budget_note = $2, responsible_organisation = $2,
       responsible_officer_id = $3, version = version + 1
     WHERE id = $1`,
    [project!.id, `reason ${MARKER}`, ministry.id],
  );
});

/** Nothing private in a page's or file's text. */
function expectNothingPrivate(text: string, what: string) {
  expect(text, `${what}: no private marker`).not.toContain(MARKER);
  for (const person of people) expect(text, `${what}: no ${person}`).not.toContain(person);
}

async function expectPagePublic(page: Page, what: string) {
  expectNothingPrivate(await page.content(), what);
}

async function download(page: Page, linkName: string, file: string): Promise<string> {
  const [saved] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: linkName }).click(),
  ]);
  fs.mkdirSync(OUTPUT, { recursive: true });
  const target = path.join(OUTPUT, file);
  await saved.saveAs(target);
  return target;
}

test.describe("the public view", () => {
  test("the sign-in page links to the public view", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("link", { name: kk("publicView.publicLink") }).click();
    await expect(page).toHaveURL(/\/public$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(kk("publicView.title"));
  });

  test("an anonymous visitor browses in Kazakh and English, opens a project and sees nothing private", async ({
    page,
  }) => {
    const response = await page.goto("/public");
    expect(response?.status()).toBe(200);
    await expect(page.locator("html")).toHaveAttribute("lang", "kk");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(kk("publicView.title"));
    await expect(page.getByTestId("figures")).toBeVisible();
    await expect(page.getByRole("link", { name: kk("oblastMap.attribution") })).toBeVisible();
    await expect(page.getByText(kk("dashboard.completionByOblast"))).toBeVisible();
    // Each chart has its table view.
    const chart = page.locator("section", { hasText: kk("dashboard.completionByHorizon") }).first();
    await chart.getByRole("button", { name: kk("common.showAsTable") }).click();
    await expect(chart.getByRole("table")).toBeVisible();
    await expect(page.getByTestId("licence")).toContainText("CC BY 4.0");
    await expectPagePublic(page, "/public in Kazakh");

    await page.goto("/public/oblasts/AKT");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectPagePublic(page, "/public/oblasts/AKT");

    await page.goto(`/public/projects?oblast=AKT&status=PAUSED`);
    await expect(page.getByTestId("project-count")).toBeVisible();
    await expectPagePublic(page, "the public list");
    await page.goto(`/public/projects?q=${code}`);
    const row = page.getByTestId("public-project-row");
    await expect(row).toHaveCount(1);
    await row.getByRole("link", { name: displayName(nameKk) }).click();
    await expect(page).toHaveURL(new RegExp(`/public/projects/${code}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(displayName(nameKk));
    await expect(page.getByTestId("decree-citation")).toContainText(excerpt.slice(0, 40));
    await expect(page.getByText(kk("statuses.PAUSED")).first()).toBeVisible();
    await expect(page.getByText(kk("pauseReasons.FINANCING"))).toHaveCount(0);
    await expectPagePublic(page, "the project's public page in Kazakh");

    await chooseLanguage(page, "en");
    await expect(page.getByText(en("publicView.decree"))).toBeVisible();
    await expectPagePublic(page, "the project's public page in English");
    await page.goto("/public");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en("publicView.title"));
    await expect(page.getByRole("link", { name: en("oblastMap.attribution") })).toBeVisible();
    await expectPagePublic(page, "/public in English");

    // The three open-data files, as the visitor downloads them.
    const json = fs.readFileSync(await download(page, en("publicView.oc4ids"), "public-oc4ids.json"), "utf8");
    expectNothingPrivate(json, "the OC4IDS file");
    const data = JSON.parse(json) as { license: string; projects: { id: string }[] };
    expect(packageValidator()(data)).toEqual([]);
    expect(data.license).toBe("https://creativecommons.org/licenses/by/4.0/");
    expect(data.projects.map((project) => project.id)).toContain(`oc4ids-kzbtys-${code}`);
    // No project carries a budget, spending or an organisation (names may say "budget": keys are checked).
    for (const project of data.projects as Record<string, unknown>[]) {
      for (const key of ["budget", "publicAuthority", "parties"]) expect(project[key], key).toBeUndefined();
      const metrics = (project.metrics ?? []) as { id: string }[];
      expect(metrics.map((metric) => metric.id)).not.toContain("financialProgress");
    }

    const csv = fs.readFileSync(await download(page, en("publicView.csv"), "public-projects.csv"), "utf8");
    expectNothingPrivate(csv, "the CSV file");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split("\r\n")[0]).toContain(`${en("projects.columnCode")},`);
    expect(csv).toContain(code);

    const xlsx = await download(page, en("publicView.xlsx"), "public-projects.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.worksheets[0]!;
    const cells: string[] = [];
    sheet.eachRow((sheetRow) => sheetRow.eachCell((cell) => cells.push(String(cell.value))));
    expectNothingPrivate(cells.join("\n"), "the XLSX file");
    expect(cells[0]).toBe(en("publicView.projects"));
    expect(cells).toContain(code);
    expect(cells.join("\n")).toContain("CC BY 4.0");
  });

  test("a withdrawn or unknown project's public page is not found", async ({ page }) => {
    const response = await page.goto("/public/projects/NOPE-2030-999");
    expect(response?.status()).toBe(404);
  });

  test("screenshots of the public view at desktop and phone width in Kazakh and English", async ({ page }) => {
    for (const locale of ["kk", "en"] as const) {
      await page.goto("/public");
      if (locale === "en") await chooseLanguage(page, "en");
      for (const [size, width] of [
        ["desktop", 1280],
        ["phone", 390],
      ] as const) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto("/public");
        await expect(page.getByTestId("figures")).toBeVisible();
        await saveScreenshot(page, `public-${locale}-${size}`);
        await page.goto("/public/projects");
        await saveScreenshot(page, `public-projects-${locale}-${size}`);
        await page.goto(`/public/projects/${code}`);
        await saveScreenshot(page, `public-project-${locale}-${size}`);
      }
    }
  });
});
