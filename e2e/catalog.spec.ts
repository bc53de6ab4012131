import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { translator } from "./i18n";
import { signInAs } from "./session";
import { DEMO, displayName, noteText, query } from "./support";

const t = translator("kk");
const PAGE_SIZE = 25;

// ---------------------------------------------------------------------------------------------------------------
// SQL the page must agree with. Written here from the schema, independently of the app's Prisma queries.

type Filter = { sector?: string; horizon?: "2030" | "2040" | "2050" | "none"; oblast?: string; status?: string };

function filterSql(filter: Filter): { where: string; params: unknown[] } {
  const conditions = ["p.withdrawn_at IS NULL"];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.sector) {
    conditions.push(
      `EXISTS (SELECT 1 FROM categories c JOIN sectors s ON s.id = c.sector_id WHERE c.id = p.category_id AND s.code = ${param(filter.sector)})`,
    );
  }
  if (filter.horizon === "none") conditions.push("p.horizon IS NULL");
  else if (filter.horizon) conditions.push(`p.horizon = ${param(Number(filter.horizon))}`);
  if (filter.oblast) {
    conditions.push(
      `EXISTS (SELECT 1 FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id WHERE po.project_id = p.id AND o.code = ${param(filter.oblast)})`,
    );
  }
  if (filter.status) conditions.push(`p.status::text = ${param(filter.status)}`);
  return { where: conditions.join(" AND "), params };
}

async function countProjects(filter: Filter = {}): Promise<number> {
  const { where, params } = filterSql(filter);
  const [row] = await query<{ count: string }>(`SELECT count(*) FROM projects p WHERE ${where}`, params);
  return Number(row!.count);
}

async function codesInOrder(filter: Filter, offset: number, limit: number): Promise<string[]> {
  const { where, params } = filterSql(filter);
  const rows = await query<{ code: string }>(
    `SELECT p.code FROM projects p WHERE ${where} ORDER BY p.code LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  return rows.map((row) => row.code);
}

async function nameOf(table: "sectors" | "oblasts", code: string): Promise<string> {
  const [row] = await query<{ name_kk: string }>(`SELECT name_kk FROM ${table} WHERE code = $1`, [code]);
  expect(row, `${table} ${code} exists`).toBeDefined();
  return row!.name_kk;
}

// ---------------------------------------------------------------------------------------------------------------
// The page.

const projectCount = (page: Page) => page.getByTestId("project-count");
const projectRows = (page: Page) => page.locator("main table tbody tr");
const codeCells = (page: Page) => projectRows(page).locator("td:first-child");

async function expectListed(page: Page, total: number, timeout?: number): Promise<void> {
  await expect(projectCount(page)).toHaveText(t("projects.count", { count: total }), { timeout });
  if (total === 0) {
    await expect(page.getByText(t("projects.empty"), { exact: true })).toBeVisible({ timeout });
    await expect(projectRows(page)).toHaveCount(0, { timeout });
  } else {
    await expect(projectRows(page)).toHaveCount(Math.min(total, PAGE_SIZE), { timeout });
  }
}

/**
 * The list shows what the database holds for these filters: the count and the first page's codes. Other specs
 * record progress at the same time, moving projects between statuses, so when the page and the query disagree the
 * page is reloaded and both are compared again until they agree (or the time runs out).
 */
async function expectListMatchesDatabase(page: Page, filter: Filter): Promise<void> {
  let attempts = 0;
  await expect(async () => {
    if (attempts++ > 0) await page.reload();
    const total = await countProjects(filter);
    await expectListed(page, total, 3_000);
    if (total > 0)
      await expect(codeCells(page)).toHaveText(await codesInOrder(filter, 0, PAGE_SIZE), { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

async function search(page: Page, term: string): Promise<void> {
  const box = page.getByRole("searchbox", { name: t("projects.search") });
  await box.fill(term);
  await box.press("Enter");
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === term);
}

async function apply(page: Page): Promise<void> {
  await page.getByRole("button", { name: t("common.apply"), exact: true }).click();
}

/** A snapshot of everything about one project that a visit must never change. */
async function projectFootprint(code: string): Promise<string> {
  const [row] = await query<{ footprint: string }>(
    `SELECT concat_ws(' / ',
        (SELECT p::text FROM projects p WHERE p.code = $1),
        (SELECT string_agg(po::text, ',' ORDER BY po.oblast_id) FROM project_oblasts po JOIN projects p ON p.id = po.project_id WHERE p.code = $1),
        (SELECT count(*)::text FROM progress_updates u JOIN projects p ON p.id = u.project_id WHERE p.code = $1),
        (SELECT count(*)::text FROM audit_logs a WHERE a.target_type = 'project' AND a.target_id = (SELECT id::text FROM projects WHERE code = $1))
      ) AS footprint`,
    [code],
  );
  return row!.footprint;
}

// ---------------------------------------------------------------------------------------------------------------

test.describe("the project list", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, DEMO.admin);
  });

  test("shows the number of projects in the catalog that are not withdrawn", async ({ page }) => {
    await page.goto("/projects");
    const total = await countProjects();
    expect(total, "the e2e database holds the catalog").toBeGreaterThan(PAGE_SIZE);
    await expectListed(page, total);
    await expect(codeCells(page)).toHaveText(await codesInOrder({}, 0, PAGE_SIZE));
  });

  // Each filter is chosen by its visible label, in Kazakh, as a person would.
  const FILTERS: { title: string; filter: Filter; field: string; option: () => string | Promise<string> }[] = [
    {
      title: "sector",
      filter: { sector: "energy" },
      field: "projects.sector",
      option: () => nameOf("sectors", "energy"),
    },
    { title: "horizon 2040", filter: { horizon: "2040" }, field: "projects.horizon", option: () => "2040" },
    { title: "no horizon", filter: { horizon: "none" }, field: "projects.horizon", option: () => t("horizon.none") },
    { title: "oblast", filter: { oblast: "MAN" }, field: "projects.oblast", option: () => nameOf("oblasts", "MAN") },
    {
      title: "status planned",
      filter: { status: "PLANNED" },
      field: "projects.status",
      option: () => t("statuses.PLANNED"),
    },
    {
      title: "status completed",
      filter: { status: "COMPLETED" },
      field: "projects.status",
      option: () => t("statuses.COMPLETED"),
    },
  ];

  for (const { title, filter, field, option } of FILTERS) {
    test(`filtering by ${title} puts the filter in the URL and shows as many projects as the database holds`, async ({
      page,
    }) => {
      await page.goto("/projects");
      await page.getByLabel(t(field), { exact: true }).selectOption({ label: await option() });
      await apply(page);
      for (const [key, value] of Object.entries(filter))
        await expect(page).toHaveURL((url) => url.searchParams.get(key) === value);
      await expectListMatchesDatabase(page, filter);
      // Every status filter is checked against SQL; the others must also really narrow the catalog.
      if (!filter.status)
        expect(await countProjects(filter), "the filter narrows the list").toBeLessThan(await countProjects());
    });
  }

  test("filters combine, survive a reload and are cleared by Reset", async ({ page }) => {
    const filter: Filter = { sector: "transport", horizon: "2030", oblast: "ATY" };
    await page.goto("/projects");
    await page
      .getByLabel(t("projects.sector"), { exact: true })
      .selectOption({ label: await nameOf("sectors", "transport") });
    await page.getByLabel(t("projects.horizon"), { exact: true }).selectOption({ label: "2030" });
    await page
      .getByLabel(t("projects.oblast"), { exact: true })
      .selectOption({ label: await nameOf("oblasts", "ATY") });
    await apply(page);
    for (const [key, value] of Object.entries(filter))
      await expect(page).toHaveURL((url) => url.searchParams.get(key) === value);
    const total = await countProjects(filter);
    expect(total).toBeGreaterThan(0);
    await expectListed(page, total);
    await page.reload();
    await expectListed(page, total);
    await expect(page.getByLabel(t("projects.sector"), { exact: true })).toHaveValue("transport");

    await page.getByRole("link", { name: t("common.reset"), exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/projects" && !url.searchParams.get("sector"));
    await expectListed(page, await countProjects());
  });

  test("search finds Kazakh text whatever its case", async ({ page }) => {
    const projects = await query<{ code: string; name_kk: string }>(
      "SELECT code, name_kk FROM projects WHERE withdrawn_at IS NULL ORDER BY code",
    );
    const texts = await query<{ text: string }>(
      "SELECT lower(concat_ws(' | ', code, name_kk, name_ru, name_en, place)) AS text FROM projects WHERE withdrawn_at IS NULL",
    );
    // A word of a real project name with letters only Kazakh has, found in a page-worth of projects at most.
    let chosen: { code: string; word: string } | undefined;
    for (const project of projects) {
      const word = project.name_kk
        .split(/[^\p{L}-]+/u)
        .find(
          (candidate) =>
            candidate.length >= 8 &&
            /[әғқңөұүһі]/.test(candidate) &&
            candidate === candidate.toLocaleLowerCase("kk") &&
            !candidate.includes("-"),
        );
      if (!word) continue;
      const hits = texts.filter((row) => row.text.includes(word)).length;
      if (hits >= 1 && hits <= 10) {
        chosen = { code: project.code, word };
        break;
      }
    }
    expect(chosen, "a Kazakh word to search for").toBeDefined();
    const upper = chosen!.word.toLocaleUpperCase("kk");
    expect(upper).not.toBe(chosen!.word);

    await page.goto("/projects");
    await search(page, upper);
    const [row] = await query<{ count: string }>(
      "SELECT count(*) FROM projects WHERE withdrawn_at IS NULL AND strpos(lower(concat_ws(' | ', code, name_kk, name_ru, name_en, place)), $1) > 0",
      [chosen!.word],
    );
    await expectListed(page, Number(row!.count));
    await expect(page.getByRole("link", { name: chosen!.code, exact: true })).toBeVisible();
    await expect(page.getByRole("searchbox", { name: t("projects.search") })).toHaveValue(upper);
  });

  test("search finds a project by its Russian name", async ({ page }) => {
    const candidates = await query<{ code: string; name_kk: string; name_ru: string }>(
      `SELECT p.code, p.name_kk, p.name_ru FROM projects p
        WHERE p.withdrawn_at IS NULL AND length(p.name_ru) BETWEEN 25 AND 90 AND p.name_ru !~ '[%_\\\\]|\\s\\s'
          AND (SELECT count(*) FROM projects q WHERE strpos(lower(concat_ws(' | ', q.code, q.name_kk, q.name_ru, q.name_en, q.place)), lower(p.name_ru)) > 0) = 1
        ORDER BY p.code LIMIT 1`,
    );
    expect(candidates, "a project with a distinctive Russian name").toHaveLength(1);
    const project = candidates[0]!;
    await page.goto("/projects");
    await search(page, project.name_ru);
    await expectListed(page, 1);
    await expect(codeCells(page)).toHaveText([project.code]);
    // The list speaks Kazakh, so the row shows the Kazakh name of the project found by its Russian one.
    await expect(
      projectRows(page).getByRole("link", { name: displayName(project.name_kk), exact: true }),
    ).toBeVisible();
  });

  test("pagination moves to the next and previous pages and keeps the filters", async ({ page }) => {
    const filter: Filter = { horizon: "2030" };
    const total = await countProjects(filter);
    const pages = Math.ceil(total / PAGE_SIZE);
    expect(pages, "enough projects for three pages").toBeGreaterThanOrEqual(3);

    await page.goto("/projects?horizon=2030");
    const pager = page.getByRole("navigation", { name: t("common.pageOf", { page: 1, pages }) });
    await expect(pager).toContainText(t("common.pageOf", { page: 1, pages }));
    await expect(pager.getByRole("link", { name: t("common.previous") })).toHaveCount(0);
    await expect(codeCells(page)).toHaveText(await codesInOrder(filter, 0, PAGE_SIZE));

    await page.getByRole("link", { name: t("common.next"), exact: true }).click();
    await expect(page).toHaveURL(
      (url) => url.searchParams.get("page") === "2" && url.searchParams.get("horizon") === "2030",
    );
    await expect(page.getByText(t("common.pageOf", { page: 2, pages }), { exact: true })).toBeVisible();
    await expect(codeCells(page)).toHaveText(await codesInOrder(filter, PAGE_SIZE, PAGE_SIZE));
    await expect(projectCount(page)).toHaveText(t("projects.count", { count: total }));

    await page.getByRole("link", { name: t("common.next"), exact: true }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get("page") === "3");
    await expect(codeCells(page)).toHaveText(await codesInOrder(filter, 2 * PAGE_SIZE, PAGE_SIZE));

    await page.getByRole("link", { name: t("common.previous"), exact: true }).click();
    await expect(page).toHaveURL(
      (url) => url.searchParams.get("page") === "2" && url.searchParams.get("horizon") === "2030",
    );
    await expect(codeCells(page)).toHaveText(await codesInOrder(filter, PAGE_SIZE, PAGE_SIZE));

    await page.goto(`/projects?horizon=2030&page=${pages}`);
    await expect(page.getByText(t("common.pageOf", { page: pages, pages }), { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: t("common.next"), exact: true })).toHaveCount(0);
    await expect(projectRows(page)).toHaveCount(total - (pages - 1) * PAGE_SIZE);
  });

  test("a project page shows the decree point, line and excerpt it comes from", async ({ page }) => {
    const [project] = await query<{
      code: string;
      name_kk: string;
      source_point: string;
      source_line: number;
      source_excerpt: string;
      source_note_kk: string | null;
    }>(
      `SELECT code, name_kk, source_point, source_line, source_excerpt, source_note_kk FROM projects
        WHERE withdrawn_at IS NULL AND source_note_kk IS NOT NULL ORDER BY code LIMIT 1`,
    );
    expect(project, "a project with a note on its source").toBeDefined();
    const oblasts = await query<{ name_kk: string }>(
      "SELECT o.name_kk FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id JOIN projects p ON p.id = po.project_id WHERE p.code = $1 ORDER BY o.id",
      [project!.code],
    );

    await page.goto("/projects");
    await search(page, project!.code);
    await page.getByRole("link", { name: project!.code, exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === `/projects/${project!.code}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(displayName(project!.name_kk));

    const source = page.getByRole("region", { name: t("project.source") });
    await expect(source.getByRole("heading")).toHaveText(t("project.source"));
    await expect(source).toContainText(
      `${t("project.point", { point: project!.source_point })}, ${t("project.line", { line: String(project!.source_line) })}`,
    );
    await expect(source.locator("blockquote")).toHaveText(project!.source_excerpt);
    await expect(source).toContainText(noteText(project!.source_note_kk!));
    await expect(page.getByText(oblasts.map((row) => row.name_kk).join(", "), { exact: true })).toBeVisible();

    const response = await page.goto(`/projects/${project!.code}`);
    expect(response?.status()).toBe(200);
  });
});

test.describe("an akimat officer's view", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, DEMO.akimatAtyrau);
  });

  test("the Atyrau akimat officer sees only the projects touching Atyrau", async ({ page }) => {
    const total = await countProjects({ oblast: "ATY" });
    expect(total).toBeLessThan(await countProjects());
    const atyrau = await nameOf("oblasts", "ATY");

    await page.goto("/projects");
    await expectListed(page, total);
    await expect(codeCells(page)).toHaveText(await codesInOrder({ oblast: "ATY" }, 0, PAGE_SIZE));
    // The oblast column of every row names Atyrau (inter-oblast projects name it among others).
    for (const cell of await projectRows(page).locator("td:nth-child(3)").all())
      await expect(cell).toContainText(atyrau);
    // The oblast filter offers only their own oblast.
    await expect(page.getByLabel(t("projects.oblast"), { exact: true }).locator("option")).toHaveText([
      t("common.all"),
      atyrau,
    ]);

    // Asking for another oblast in the URL does not widen the list.
    await page.goto("/projects?oblast=MAN");
    const both = await query<{ count: string }>(
      `SELECT count(*) FROM projects p WHERE p.withdrawn_at IS NULL
         AND EXISTS (SELECT 1 FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id WHERE po.project_id = p.id AND o.code = 'ATY')
         AND EXISTS (SELECT 1 FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id WHERE po.project_id = p.id AND o.code = 'MAN')`,
    );
    await expectListed(page, Number(both[0]!.count));
  });

  test("the Atyrau akimat officer cannot open another oblast's project, gets the not-found page, and nothing changes", async ({
    page,
  }) => {
    const [foreign] = await query<{ code: string }>(
      `SELECT p.code FROM projects p WHERE p.withdrawn_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id WHERE po.project_id = p.id AND o.code = 'ATY')
       ORDER BY p.code LIMIT 1`,
    );
    const [shared] = await query<{ code: string; name_kk: string }>(
      `SELECT p.code, p.name_kk FROM projects p WHERE p.withdrawn_at IS NULL
         AND EXISTS (SELECT 1 FROM project_oblasts po JOIN oblasts o ON o.id = po.oblast_id WHERE po.project_id = p.id AND o.code = 'ATY')
         AND (SELECT count(*) FROM project_oblasts po WHERE po.project_id = p.id) > 1
       ORDER BY p.code LIMIT 1`,
    );
    expect(foreign, "a project outside Atyrau").toBeDefined();
    expect(shared, "an inter-oblast project touching Atyrau").toBeDefined();
    const before = await projectFootprint(foreign!.code);

    const response = await page.goto(`/projects/${foreign!.code}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("errors.notFoundTitle"));
    await expect(page.getByText(foreign!.code)).toHaveCount(0);
    expect(await projectFootprint(foreign!.code)).toBe(before);

    // Indistinguishable from a code that does not exist at all.
    const missing = await page.goto(`/projects/${foreign!.code.replace(/\d{3}$/, "999")}`);
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("errors.notFoundTitle"));

    // A project Atyrau shares with another oblast opens.
    const allowed = await page.goto(`/projects/${shared!.code}`);
    expect(allowed?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(displayName(shared!.name_kk));
  });
});

test("the source check lists every total the decree states", async ({ page }) => {
  const dir = path.join(process.cwd(), "prisma", "catalog", "totals");
  const totals = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .flatMap(
      (file) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as { id: string; statement: string }[],
    );
  expect(totals.length).toBeGreaterThan(0);

  await signInAs(page, DEMO.manager);
  await page
    .getByRole("navigation", { name: t("nav.main") })
    .getByRole("link", { name: t("nav.sourceCheck"), exact: true })
    .click();
  await expect(page).toHaveURL((url) => url.pathname === "/catalog/source-check");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("sourceCheck.title"));
  const rows = page.getByTestId("source-check-rows").locator(":scope > li");
  await expect(rows).toHaveCount(totals.length);
  const ids = await rows.evaluateAll((elements) => elements.map((element) => element.id));
  expect(ids.sort()).toEqual(totals.map((total) => total.id).sort());
  const first = totals[0]!;
  await expect(page.locator(`li[id="${first.id}"]`)).toContainText(first.statement);
});
