import { expect, test, type Page } from "@playwright/test";
import { formatNumber, translator, type Locale } from "./i18n";
import { chooseLanguage, DEMO, query, saveScreenshot, signIn } from "./support";

const t = translator("kk");

// ---------------------------------------------------------------------------------------------------------------
// The figures, computed here in SQL from the schema, independently of lib/dashboard.

type Figures = {
  total: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  paused: number;
  overdue: number;
  atRisk: number;
  average: number;
};

function todayInKazakhstan(): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Almaty",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
}

/** The records a dashboard counts: capital objects (what it leads with), programme measures, or both. */
type Kind = "OBJECT" | "MEASURE" | "ALL";

/**
 * The figures over every project of a kind (capital objects unless asked otherwise: the dashboard leads with them)
 * not withdrawn, or over those touching one oblast (inter-oblast ones included), by the definitions README.md
 * documents.
 */
async function figuresFromSql(oblast: string | null, kind: Kind = "OBJECT"): Promise<Figures> {
  const [row] = await query<Record<keyof Figures, string | number>>(
    `SELECT count(*) AS total,
        count(*) FILTER (WHERE p.status = 'COMPLETED') AS completed,
        count(*) FILTER (WHERE p.status = 'IN_PROGRESS') AS "inProgress",
        count(*) FILTER (WHERE p.status = 'PLANNED') AS "notStarted",
        count(*) FILTER (WHERE p.status = 'PAUSED') AS paused,
        count(*) FILTER (WHERE p.status NOT IN ('COMPLETED', 'CANCELLED')
          AND coalesce(p.forecast_finish, p.baseline_finish, make_date(p.horizon, 12, 31)) < $2::date) AS overdue,
        count(*) FILTER (WHERE p.status NOT IN ('COMPLETED', 'CANCELLED') AND (p.confidence = 'RED'
          OR coalesce(p.forecast_finish, p.baseline_finish, make_date(p.horizon, 12, 31)) < $2::date OR (
          p.baseline_start IS NOT NULL AND p.baseline_finish > p.baseline_start AND $2::date > p.baseline_start AND
          p.percent_complete < 100.0 * LEAST(1, ($2::date - p.baseline_start)::numeric / (p.baseline_finish - p.baseline_start))))) AS "atRisk",
        coalesce(avg(p.percent_complete), 0)::float AS average
      FROM projects p
      WHERE p.withdrawn_at IS NULL AND ($3 = 'ALL' OR p.kind::text = $3)
        AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id WHERE po.project_id = p.id AND o.code = $1))`,
    [oblast, todayInKazakhstan(), kind],
  );
  return Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, Number(value)])) as Figures;
}

const percent = (locale: Locale, value: number) =>
  new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value / 100);

/** The figure tiles as the page must show them, keyed by their test id. */
function expectedTiles(locale: Locale, figures: Figures): Record<string, string> {
  const completionByCount = figures.total === 0 ? 0 : Math.round((figures.completed / figures.total) * 1000) / 10;
  return {
    "figure-total": formatNumber(locale, figures.total),
    "figure-completed": formatNumber(locale, figures.completed),
    "figure-inProgress": formatNumber(locale, figures.inProgress),
    "figure-notStarted": formatNumber(locale, figures.notStarted),
    "figure-paused": formatNumber(locale, figures.paused),
    "figure-overdue": formatNumber(locale, figures.overdue),
    "figure-atRisk": formatNumber(locale, figures.atRisk),
    "figure-completionByCount": percent(locale, completionByCount),
    "figure-averagePercent": percent(locale, Math.round(figures.average * 10) / 10),
  };
}

/**
 * Reloads until every tile equals the SQL figures: progress recorded by tests running alongside may move a
 * number between the query and the page, never for long.
 */
async function expectFiguresMatchSql(
  page: Page,
  oblast: string | null,
  locale: Locale = "kk",
  kind: Kind = "OBJECT",
): Promise<Figures> {
  let figures: Figures | undefined;
  await expect(async () => {
    figures = await figuresFromSql(oblast, kind);
    await page.reload();
    for (const [testId, text] of Object.entries(expectedTiles(locale, figures))) {
      await expect(page.getByTestId(testId), testId).toHaveText(text, { timeout: 5_000 });
    }
  }).toPass({ timeout: 45_000 });
  return figures!;
}

async function oblastRows(
  scope: string | null,
): Promise<{ code: string; name_kk: string; total: number; average: number }[]> {
  const rows = await query<{ code: string; name_kk: string; total: string; average: number }>(
    `SELECT o.code, o.name_kk, count(DISTINCT p.id) AS total, coalesce(avg(p.percent_complete), 0)::float AS average
       FROM projects p JOIN project_oblasts po ON po.project_id = p.id JOIN oblasts o ON o.id = po.oblast_id
      WHERE p.withdrawn_at IS NULL AND p.kind = 'OBJECT'
        AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM project_oblasts so JOIN oblasts sob ON sob.id = so.oblast_id WHERE so.project_id = p.id AND sob.code = $1))
      GROUP BY o.id, o.code, o.name_kk ORDER BY o.id`,
    [scope],
  );
  return rows.map((row) => ({ ...row, total: Number(row.total) }));
}

/** The chart card (its table view is a region of the same name, so the card is found by its heading). */
const completionByOblast = (page: Page) =>
  page.locator("section", {
    has: page.getByRole("heading", { level: 2, name: t("dashboard.completionByOblast"), exact: true }),
  });

// ---------------------------------------------------------------------------------------------------------------

test.describe("the dashboard", () => {
  test("the administrator's figures cover the whole region and equal the database's", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("dashboard.title"));
    await expect(page.getByText(t("dashboard.scopeRegion"), { exact: true })).toBeVisible();
    // The dashboard leads with the capital objects of every oblast…
    const switcher = page.getByTestId("kind-switch");
    await expect(switcher.getByRole("link", { name: t("figures.kind.OBJECT") })).toHaveAttribute(
      "aria-current",
      "page",
    );
    const objects = await expectFiguresMatchSql(page, null);
    const [counts] = await query<{ objects: string; all: string }>(
      "SELECT count(*) FILTER (WHERE kind = 'OBJECT') AS objects, count(*) AS all FROM projects WHERE withdrawn_at IS NULL",
    );
    expect(objects.total).toBe(Number(counts!.objects));
    // …and its switch reads every record of the catalog, measures included.
    await switcher.getByRole("link", { name: t("figures.kind.ALL") }).click();
    await expect(page).toHaveURL(/kind=ALL/);
    const all = await expectFiguresMatchSql(page, null, "kk", "ALL");
    expect(all.total).toBe(Number(counts!.all));
    expect(all.total).toBeGreaterThan(objects.total);
  });

  test("an akimat officer's figures cover only the projects touching their oblast and equal the database's", async ({
    page,
  }) => {
    const [aktobe] = await query<{ name_kk: string }>("SELECT name_kk FROM oblasts WHERE code = 'AKT'");
    await signIn(page, DEMO.akimatAktobe);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("dashboard.title"));
    await expect(page.locator("main").getByText(aktobe!.name_kk, { exact: true }).first()).toBeVisible();
    const figures = await expectFiguresMatchSql(page, "AKT");
    const region = await figuresFromSql(null);
    expect(figures.total).toBeLessThan(region.total);
  });

  test("“show as table” turns the completion-by-oblast chart into a table of the same numbers and back", async ({
    page,
  }) => {
    await signIn(page, DEMO.admin);
    const card = completionByOblast(page);
    await expect(card.getByRole("img", { name: t("dashboard.completionByOblast") })).toBeVisible();
    await expect(card.getByRole("table")).toHaveCount(0);

    const toggle = card.getByRole("button", { name: t("common.showAsTable") });
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.click();
    const table = card.getByRole("table");
    await expect(table).toBeVisible();
    await expect(card.getByRole("img")).toHaveCount(0);
    await expect(table.locator("thead th")).toHaveText([
      t("projects.oblast"),
      t("dashboard.total"),
      t("dashboard.completed"),
      t("dashboard.completedShare"),
      t("dashboard.averageCompletion"),
    ]);
    const rows = await oblastRows(null);
    await expect(table.locator("tbody th")).toHaveText(rows.map((row) => row.name_kk));
    await expect(table.locator("tbody td:nth-child(2)")).toHaveText(rows.map((row) => String(row.total)));

    const back = card.getByRole("button", { name: t("common.showAsChart") });
    await expect(back).toHaveAttribute("aria-pressed", "true");
    await back.click();
    await expect(card.getByRole("table")).toHaveCount(0);
    await expect(card.getByRole("img", { name: t("dashboard.completionByOblast") })).toBeVisible();
  });

  test("clicking an oblast's completion bar opens that oblast's dashboard with its own figures", async ({ page }) => {
    await signIn(page, DEMO.admin);
    // Give Atyrau some progress through the form, so its bar has a height to click.
    const [project] = await query<{ code: string }>(
      `SELECT p.code FROM projects p WHERE p.withdrawn_at IS NULL AND p.status = 'PLANNED' AND p.percent_complete = 0
          AND p.kind = 'OBJECT'
          AND (SELECT array_agg(o.code) FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id WHERE po.project_id = p.id) = ARRAY['ATY']
        ORDER BY p.code DESC LIMIT 1`,
    );
    await page.goto(`/projects/${project!.code}`);
    const form = page.getByTestId("progress-form");
    await form.getByLabel(t("progress.percentComplete"), { exact: true }).fill("90");
    await form.getByRole("button", { name: t("progress.save") }).click();
    await expect(page.getByTestId("history").locator(":scope > li")).toHaveCount(1);

    await page.goto("/");
    // The chart is drawn on the server first; its interactive form (whose bars open an oblast) loads in view.
    await completionByOblast(page).scrollIntoViewIfNeeded();
    const bars = completionByOblast(page).locator("path.recharts-rectangle");
    await expect(bars.first()).toBeAttached();
    const moved = (await oblastRows(null)).filter((row) => row.average > 0);
    expect(moved.map((row) => row.code)).toContain("ATY");
    // A bar is a few pixels tall at these averages; the chart's click handler opens the oblast dashboard.
    await bars.first().dispatchEvent("click");
    await expect(page).toHaveURL((url) => /^\/oblasts\/[A-Z]{3}$/.test(url.pathname));
    const code = new URL(page.url()).pathname.split("/").pop()!;
    // Bars are drawn only for oblasts with progress: the first one drawn belongs to one of them.
    const oblast = moved.find((row) => row.code === code);
    expect(oblast, `${code} is an oblast with progress`).toBeDefined();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(oblast!.name_kk);
    await expectFiguresMatchSql(page, code);
    // Within one oblast the place chart goes down to districts.
    await expect(page.getByRole("region", { name: t("dashboard.completionByDistrict") })).toBeVisible();
  });

  test("an akimat officer gets the not-found page for another oblast's dashboard and sees their own", async ({
    page,
  }) => {
    const [aktobe] = await query<{ name_kk: string }>("SELECT name_kk FROM oblasts WHERE code = 'AKT'");
    await signIn(page, DEMO.akimatAktobe);
    for (const code of ["ATY", "ZKO", "MAN"]) {
      const response = await page.goto(`/oblasts/${code}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("errors.notFoundTitle"));
      await expect(page.getByText(t("errors.notFoundBody"), { exact: true })).toBeVisible();
      await expect(page.getByTestId("figures")).toHaveCount(0);
    }
    const own = await page.goto("/oblasts/AKT");
    expect(own?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(aktobe!.name_kk);
    await expectFiguresMatchSql(page, "AKT");
  });

  test("every figure card opens the list of exactly the projects it counts, and says how it is counted", async ({
    page,
  }) => {
    await signIn(page, DEMO.akimatAktobe);
    for (const figure of ["notStarted", "inProgress", "overdue", "atRisk", "stalled"]) {
      await page.goto("/");
      const shown = ((await page.getByTestId(`figure-${figure}`).textContent()) ?? "").replace(/\D/g, "");
      const note = page.getByTestId(`figure-note-${figure}`);
      await note.locator("summary").click();
      await expect(note.locator("p")).toHaveText(t(`figures.definition.${figure}`));
      await page.getByTestId(`figure-link-${figure}`).click();
      await expect(page).toHaveURL(new RegExp(`figure=${figure}`));
      // The list says how many it holds in words ("Жоба жоқ" for none, "12 жоба"): the card's number, exactly.
      await expect(page.getByTestId("project-count"), figure).toHaveText(t("projects.count", { count: Number(shown) }));
    }
  });

  test("screenshots of the dashboard at desktop and phone size in Kazakh and English", async ({ page }) => {
    await signIn(page, DEMO.admin);
    for (const locale of ["kk", "en"] as const) {
      if (locale !== "kk") await chooseLanguage(page, locale);
      const tr = translator(locale);
      for (const [size, viewport] of [
        ["desktop", { width: 1280, height: 900 }],
        ["phone", { width: 390, height: 844 }],
      ] as const) {
        await page.setViewportSize(viewport);
        await expectFiguresMatchSql(page, null, locale);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(tr("dashboard.title"));
        await expect(page.getByRole("region", { name: tr("dashboard.completionByOblast") })).toBeVisible();
        await expect(page.getByRole("heading", { name: tr("dashboard.recentlyMoved") })).toBeVisible();
        // Nothing is wider than the screen: tables and charts scroll inside their own boxes.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        await saveScreenshot(page, `dashboard-region-${locale}-${size}`);
      }
    }
  });
});
