import { expect, type Page, test } from "@playwright/test";
import { translator } from "./i18n";
import { signInTo } from "./sign-in-to";
import { DEMO, saveScreenshot } from "./support";

// Issue 22: pages that do not jump. The dashboard's first paint already holds every chart (a server-drawn SVG in a
// frame of the chart's final height); the interactive chart replaces it in place when it comes into view, and
// charts below the fold of a phone load no chart code until scrolled to.

declare global {
  interface Window {
    __layoutShift: { total: number; sources: string[] };
  }
}

/** Sums every layout shift not caused by input (what CLS counts, without session windows: stricter). */
async function recordLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__layoutShift = { total: 0, sources: [] };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node | null }[];
      })[]) {
        if (entry.hadRecentInput) continue;
        window.__layoutShift.total += entry.value;
        for (const source of entry.sources ?? []) {
          const node = source.node;
          if (node instanceof Element)
            window.__layoutShift.sources.push(`${node.tagName.toLowerCase()}.${node.className} (${entry.value})`);
        }
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/**
 * Scrolls down as a reader would, stopping at each chart (so each one comes into view while the page is still),
 * then to the bottom.
 */
async function scrollThrough(page: Page): Promise<void> {
  const frames = page.locator("[data-chart-frame]");
  for (let index = 0; index < (await frames.count()); index++) {
    await frames.nth(index).scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
  }
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForTimeout(200);
}

/** Height of every chart card (the section around each chart frame), top to bottom. */
const chartCardHeights = (page: Page) =>
  page
    .locator("section:has([data-chart-frame])")
    .evaluateAll((cards) => cards.map((card) => Math.round(card.getBoundingClientRect().height)));

test.describe("pages that do not jump", () => {
  test("the dashboard's layout shift stays within 0.1 while every chart loads (Chromium, desktop)", async ({
    page,
  }) => {
    await signInTo(page, DEMO.manager, "/account/password");
    await recordLayoutShifts(page);
    // A slow phone-like CPU, so the charts' code arrives well after the first paint, as it does for a real officer.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto("/");
    await page.waitForLoadState("load");
    await scrollThrough(page);
    const frames = page.locator("[data-chart-frame]:not([data-chart-state=empty])");
    const count = await frames.count();
    expect(count).toBeGreaterThanOrEqual(4);
    // Every chart that came into view turned interactive (Recharts drew it in its frame).
    await expect(page.locator("[data-chart-frame] .recharts-wrapper")).toHaveCount(count, { timeout: 30_000 });
    await page.waitForTimeout(500);
    const shift = await page.evaluate(() => window.__layoutShift);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    expect(shift.total, `layout shifts from: ${shift.sources.join(", ")}`).toBeLessThanOrEqual(0.1);
  });

  for (const viewport of [
    { name: "desktop", width: 1280, height: 800 },
    { name: "phone", width: 390, height: 844 },
  ]) {
    test(`every dashboard chart reserves its final height before any chart code runs (${viewport.name})`, async ({
      page,
      browser,
    }) => {
      await signInTo(page, DEMO.manager, "/account/password");
      await page.setViewportSize(viewport);

      // Before any chart code has run: the page's own scripts run, but the chart code (the chunk that draws
      // Recharts' wrapper) never arrives. Every chart is there already, drawn as SVG in a frame of its final size.
      const firstPaintContext = await browser.newContext({
        viewport,
        storageState: await page.context().storageState(),
      });
      const firstPaint = await firstPaintContext.newPage();
      await firstPaint.route("**/_next/static/chunks/**", async (route) => {
        const response = await route.fetch();
        const body = await response.text();
        if (body.includes("recharts-wrapper")) return new Promise<void>(() => {}); // held back for good
        await route.fulfill({ response, body });
      });
      await firstPaint.goto("/");
      await expect(firstPaint.getByTestId("figures")).toBeVisible();
      await scrollThrough(firstPaint);
      const staticCharts = await firstPaint.locator("[data-chart-frame] svg[data-static-chart]").count();
      expect(staticCharts).toBeGreaterThanOrEqual(4);
      await expect(firstPaint.locator(".recharts-wrapper")).toHaveCount(0);
      const staticHeights = await chartCardHeights(firstPaint);
      const staticPageHeight = await firstPaint.evaluate(() => document.documentElement.scrollHeight);
      await firstPaint.evaluate(() => window.scrollTo(0, 0));
      await saveScreenshot(firstPaint, `dashboard-first-paint-${viewport.name}`);
      await firstPaintContext.close();

      // With the chart code: the charts near the viewport load at once, the others only when scrolled to. The
      // first screen holds the figures and the map; each chart turns interactive when it comes within 200 px.
      await page.goto("/");
      await page.waitForLoadState("load");
      const frames = page.locator("[data-chart-frame]:not([data-chart-state=empty])");
      /** Whether a frame is within the viewport or 200 px below it, as the page is scrolled now. */
      const nearView = (index: number) =>
        frames.nth(index).evaluate((frame) => frame.getBoundingClientRect().top < window.innerHeight + 200);
      const last = (await frames.count()) - 1;
      // The last chart is far below the fold: its code has not run.
      expect(await nearView(last)).toBe(false);
      await expect(frames.last()).toHaveAttribute("data-chart-state", "static");
      await expect(frames.last().locator(".recharts-wrapper")).toHaveCount(0);
      for (let index = 0; index <= last; index++)
        if (await nearView(index)) await expect(frames.nth(index)).toHaveAttribute("data-chart-state", "interactive");
      // Scrolled to, the first chart turns interactive in its frame, while the last, still far below, stays static.
      await frames.first().scrollIntoViewIfNeeded();
      await expect(frames.first()).toHaveAttribute("data-chart-state", "interactive");
      await expect(frames.first().locator(".recharts-wrapper")).toHaveCount(1);
      if (!(await nearView(last))) await expect(frames.last()).toHaveAttribute("data-chart-state", "static");
      await scrollThrough(page);
      await expect(page.locator("[data-chart-frame] .recharts-wrapper")).toHaveCount(staticCharts, {
        timeout: 30_000,
      });
      await page.evaluate(() => window.scrollTo(0, 0));
      await saveScreenshot(page, `dashboard-interactive-${viewport.name}`);
      // The same cards at the same heights, and the page as long as before: nothing moved.
      expect(await chartCardHeights(page)).toEqual(staticHeights);
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(staticPageHeight);
    });
  }
  test("a page's HTML carries only the messages client code reads", async ({ page }) => {
    await signInTo(page, DEMO.manager, "/account/password");
    const html = await (await page.request.get("/projects")).text();
    // Messages client components read (a form's conflict banner) are sent; a namespace only the server reads is not.
    const t = translator("kk");
    expect(html).toContain(t("progress.conflictTitle"));
    expect(html).not.toContain(t("notifications.kinds.FIELD_REPORT_SUBMITTED"));
    // The page still works in the browser: the language switcher (a client component) shows its label.
    await page.goto("/projects");
    await expect(page.getByTestId("language-switcher")).toBeEnabled();
    await expect(page.getByText(t("header.language"), { exact: true })).toBeVisible();
  });
});
