import { expect, type Page, test } from "@playwright/test";
import { loadCatalog } from "../lib/catalog/load-catalog";
import { reconcile, summariseSourceCheck } from "../lib/catalog/reconcile";
import { formatNumber, type Locale, translator } from "./i18n";
import { chooseLanguage, DEMO, query, saveScreenshot, signIn } from "./support";

// The Source check reads the reviewed catalog files; its summary must say what the files say.
const catalog = loadCatalog();
const summary = summariseSourceCheck(reconcile(catalog.records, catalog.totals), catalog.contradictions.length);

const SIZES = [
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const;

/** Completion of capital objects (or programme measures) per oblast, from SQL written here from the schema. */
async function completionFromSql(
  kind: "OBJECT" | "MEASURE",
): Promise<Map<string, { total: number; completed: number }>> {
  const rows = await query<{ code: string; total: string; completed: string }>(
    `SELECT o.code, count(p.id) AS total, count(p.id) FILTER (WHERE p.status = 'COMPLETED') AS completed
       FROM oblasts o
       LEFT JOIN project_oblasts po ON po.oblast_id = o.id
       LEFT JOIN projects p ON p.id = po.project_id AND p.withdrawn_at IS NULL AND p.kind = $1::"ProjectKind"
      GROUP BY o.code`,
    [kind],
  );
  return new Map(rows.map((row) => [row.code, { total: Number(row.total), completed: Number(row.completed) }]));
}

const mapLinks = (page: Page) => page.getByTestId("oblast-map").locator("a");

/** Each oblast's link on the map names its completion as the database holds it (other specs move projects). */
async function expectMapMatchesSql(page: Page, kind: "OBJECT" | "MEASURE", locale: Locale) {
  await expect(async () => {
    await page.reload();
    const expected = await completionFromSql(kind);
    for (const [code, { total, completed }] of expected) {
      const label = await page.locator(`[data-testid=oblast-map] [data-oblast=${code}]`).getAttribute("aria-label");
      expect(label, code).toContain(formatNumber(locale, total));
      expect(label, code).toContain(formatNumber(locale, completed));
    }
  }).toPass({ timeout: 30_000 });
}

test.describe("Source check for a reader without the data model", () => {
  test("summarises the stated totals in one paragraph and lists only the differences on request", async ({ page }) => {
    const t = translator("kk");
    await signIn(page, DEMO.ministry);
    await page.goto("/catalog/source-check");
    await expect(page.getByTestId("source-check-summary")).toHaveText(t("sourceReview.summary", { ...summary }));
    await expect(page.getByTestId("source-check-rows").locator(":scope > li")).toHaveCount(summary.stated);
    await page.getByRole("link", { name: t("sourceReview.showDifferences", { count: summary.differ }) }).click();
    await expect(page).toHaveURL(/show=differences/);
    const rows = page.getByTestId("source-check-rows").locator(":scope > li");
    await expect(rows).toHaveCount(summary.differ);
    // Each difference says in plain words why it differs; internal ids stay behind the details toggle.
    for (const row of await rows.all()) {
      await expect(row.getByText(t("sourceReview.differsDecree"))).toBeVisible();
      await expect(row.locator("details")).not.toHaveAttribute("open");
    }
    const first = rows.first();
    const id = await first.getAttribute("id");
    await expect(first.getByText(id!, { exact: true })).toBeHidden();
    await first.getByText(t("sourceReview.details")).click();
    await expect(first.getByText(id!, { exact: true })).toBeVisible();
    await expect(page.getByTestId("contradictions").locator(":scope > li")).toHaveCount(summary.contradictions);
  });

  test("opens the decree text at the passage a contradiction quotes", async ({ page }) => {
    const t = translator("en");
    await signIn(page, DEMO.manager);
    await chooseLanguage(page, "en");
    await page.goto("/catalog/source-check?show=differences");
    const item = page.locator("#contradiction-annex-23");
    await expect(item).toContainText(t("sourceReview.kind_annex"));
    await item.getByRole("link", { name: t("decreeText.point", { point: 68 }) }).click();
    await expect(page).toHaveURL(/\/catalog\/decree\?line=2978/);
    await expect(page.getByTestId("decree-location")).toContainText(t("decreeText.point", { point: 68 }));
    await expect(page.locator("li[aria-current=location]")).toContainText("23-қосымша");
  });

  test("screenshots of the Source check at desktop and phone size in Kazakh and English", async ({ page }) => {
    await signIn(page, DEMO.ministry);
    for (const locale of ["kk", "en"] as const) {
      if (locale !== "kk") await chooseLanguage(page, locale);
      const t = translator(locale);
      for (const [size, viewport] of SIZES) {
        await page.setViewportSize(viewport);
        await page.goto("/catalog/source-check?show=differences");
        await expect(page.getByTestId("source-check-summary")).toHaveText(t("sourceReview.summary", { ...summary }));
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        await saveScreenshot(page, `source-check-${locale}-${size}`);
      }
    }
  });
});

test.describe("the four oblasts on a map", () => {
  test("shades each oblast by the completion the database holds, objects or measures, with a table view", async ({
    page,
  }) => {
    const t = translator("kk");
    await signIn(page, DEMO.ministry);
    await page.goto("/");
    await expect(mapLinks(page)).toHaveCount(4);
    await expectMapMatchesSql(page, "OBJECT", "kk");
    await expect(page.getByText(t("oblastMap.attribution"))).toBeVisible();
    // The dashboard's objects / measures switch drives the map too: the map and the figures count the same records.
    await page
      .getByTestId("kind-switch")
      .getByRole("link", { name: t("figures.kind.MEASURE") })
      .click();
    await expect(page).toHaveURL(/kind=MEASURE/);
    await expectMapMatchesSql(page, "MEASURE", "kk");
    const measures = await completionFromSql("MEASURE");
    const total = [...measures.values()].reduce((sum, row) => sum + row.total, 0);
    expect(total, "measures exist in the catalog").toBeGreaterThan(0);
    const card = page.locator("section", { has: page.getByTestId("oblast-map") });
    await card.getByRole("button", { name: t("common.showAsTable") }).click();
    await expect(page.getByTestId("oblast-map-table").locator("tbody tr")).toHaveCount(4);
  });

  test("reaches an oblast's page from the map with the keyboard, and outlines that oblast there", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.goto("/");
    const link = page.locator("[data-testid=oblast-map] a[data-oblast=ATY]");
    let focused = false;
    for (let step = 0; step < 80 && !focused; step++) {
      await page.keyboard.press("Tab");
      focused = await link.evaluate((element) => element === document.activeElement);
    }
    expect(focused, "the Atyrau link is reachable with Tab").toBe(true);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/oblasts\/ATY/);
    await expect(page.locator("[data-testid=oblast-map] [data-oblast=ATY]")).toHaveAttribute("aria-current", "page");
  });

  test("lets an akimat officer open only their own oblast from the map", async ({ page }) => {
    await signIn(page, DEMO.akimatAtyrau);
    await page.goto("/oblasts/ATY");
    await expect(mapLinks(page)).toHaveCount(1);
    await expect(mapLinks(page).first()).toHaveAttribute("data-oblast", "ATY");
  });

  test("screenshots of the map at desktop and phone size in Kazakh and English", async ({ page }) => {
    await signIn(page, DEMO.admin);
    for (const locale of ["kk", "en"] as const) {
      if (locale !== "kk") await chooseLanguage(page, locale);
      const t = translator(locale);
      for (const [size, viewport] of SIZES) {
        await page.setViewportSize(viewport);
        for (const [name, url] of [
          ["region", "/"],
          ["oblast", "/oblasts/MAN"],
        ] as const) {
          await page.goto(url);
          const map = page.getByTestId("oblast-map");
          await expect(map).toBeVisible();
          await expect(page.getByText(t("oblastMap.attribution"))).toBeVisible();
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
          const card = page.locator("section", { has: map });
          await card.scrollIntoViewIfNeeded();
          await card.screenshot({ path: `e2e/output/screenshots/map-${name}-${locale}-${size}.png` });
        }
      }
    }
  });
});
