import { describe, expect, it } from "vitest";
import {
  escapeMarkup,
  niceTicks,
  staticColumnChart,
  staticStackedRowChart,
  staticTimeChart,
} from "@/components/charts/static-charts";

// The server-drawn charts are placed into pages as markup (dangerouslySetInnerHTML), so every text in them must be
// escaped: category names come from the catalog and the database, series names from the messages.
const hostile = `<script>alert("x")</script> & 'quoted'`;

describe("server-drawn charts as markup", () => {
  it("escapes every character that could open an element or end an attribute", () => {
    expect(escapeMarkup(hostile)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;");
  });

  it("never lets a category or series name out of its text node", () => {
    const charts = [
      staticColumnChart({
        height: 280,
        categories: [hostile, "Атырау облысы"],
        series: [{ name: hostile, color: "#0369a1", values: [40, 60] }],
        maxValue: 100,
        unit: "%",
        slantedLabels: true,
      }),
      staticStackedRowChart({
        height: 260,
        categories: [hostile],
        series: [{ name: hostile, color: "#059669", values: [3] }],
      }),
      staticTimeChart({
        height: 280,
        labels: ["2026-01", "2026-02"],
        counts: { name: hostile, color: "#059669", values: [1, 2] },
        percents: { name: "%", color: "#0369a1", values: [10, 20] },
      }),
    ];
    for (const svg of charts) {
      expect(svg.startsWith("<svg ")).toBe(true);
      expect(svg).not.toContain("<script");
      expect(svg).toContain("&lt;script&gt;");
      // Only the chart's own elements: svg, g, rect, line, text, path.
      const tags = new Set([...svg.matchAll(/<([a-z]+)[\s>]/g)].map((match) => match[1]));
      expect([...tags].every((tag) => ["svg", "g", "rect", "line", "text", "path"].includes(tag!))).toBe(true);
    }
  });

  it("draws one bar per value and keeps the frame's height", () => {
    const svg = staticColumnChart({
      height: 220,
      categories: ["2030", "2040", "2050"],
      series: [
        { name: "planned", color: "#94a3b8", values: [10, 20, 30] },
        { name: "done", color: "#059669", values: [5, 10, 15] },
      ],
    });
    expect(svg).toContain('viewBox="0 0 560 220"');
    // 6 bars + 2 legend swatches.
    expect(svg.match(/<rect /g)).toHaveLength(8);
    // Coordinates to a tenth: no long fractions in the markup.
    expect(svg).not.toMatch(/\d\.\d{2,}/);
  });

  it("rounds the axis to a nice maximum", () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(13)).toEqual([0, 5, 10, 15]);
  });
});
