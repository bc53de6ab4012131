import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const BLOCKING = new Set(["serious", "critical"]);

const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
] as const;

/**
 * Runs axe on the page as it stands, at desktop and at phone width (tables scroll sideways on a phone), and fails
 * on any serious or critical violation, listing each one.
 */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await expectNoSeriousViolationsAtThisSize(page, `${viewport.width}px`);
  }
}

async function expectNoSeriousViolationsAtThisSize(page: Page, size: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ""))
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help}\n    ${violation.nodes.map((node) => node.target.join(" ")).join("\n    ")}`,
    );
  expect(blocking, `axe found serious or critical violations on ${page.url()} at ${size}`).toEqual([]);
  expect(results.passes.length, "axe really ran its rules").toBeGreaterThan(0);
}
