import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STATUS_COLORS } from "@/lib/status-palette";

describe("status colours", () => {
  it("are the same in the stylesheet and in the charts", () => {
    const css = fs.readFileSync(path.join(process.cwd(), "app", "globals.css"), "utf8");
    for (const [status, colour] of Object.entries(STATUS_COLORS)) {
      const variable = `--color-status-${status.toLowerCase().replace("_", "-")}`;
      expect(css, variable).toMatch(new RegExp(`${variable}:\\s*${colour};`, "i"));
    }
  });
});
