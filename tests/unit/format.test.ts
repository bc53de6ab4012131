import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDecimal,
  formatMoney,
  formatMoneyInput,
  formatMonth,
  formatNumber,
  formatPercent,
  parseMoneyInput,
} from "@/lib/format/format";

const NBSP = "\u00a0";

describe("numbers are written one way per language", () => {
  it("Kazakh and Russian: decimal comma, digits grouped by a no-break space", () => {
    for (const locale of ["kk", "ru"] as const) {
      expect(formatNumber(locale, 1234567.5)).toBe(`1${NBSP}234${NBSP}567,5`);
      expect(formatNumber(locale, 0.125)).toBe("0,125");
      expect(formatNumber(locale, 12)).toBe("12");
    }
    expect(formatPercent("kk", 12.5)).toBe("12,5%");
    expect(formatPercent("ru", 12.5)).toBe(`12,5${NBSP}%`);
  });

  it("English: decimal point, digits grouped by a comma", () => {
    expect(formatNumber("en", 1234567.5)).toBe("1,234,567.5");
    expect(formatPercent("en", 12.5)).toBe("12.5%");
    expect(formatNumber("en", -0.0001)).toBe("0");
  });

  it("agree with the platform's Intl formatting for ordinary numbers", () => {
    for (const locale of ["kk", "ru", "en"] as const)
      for (const value of [0, 7, 1000, 98765.432, 1_000_000])
        expect(formatNumber(locale, value).replace(/\s/g, " ")).toBe(
          new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value).replace(/\s/g, " "),
        );
  });
});

describe("money", () => {
  it("is never rounded by a float: 125 000 000 000,5 stays ,50", () => {
    expect(formatMoney("kk", "125000000000.5")).toBe(`125${NBSP}000${NBSP}000${NBSP}000,50`);
    expect(formatMoney("ru", "9999999999999999.99")).toBe(`9${NBSP}999${NBSP}999${NBSP}999${NBSP}999${NBSP}999,99`);
    expect(formatMoney("en", "125000000000.5")).toBe("125,000,000,000.50");
    expect(formatMoney("en", { toFixed: () => "1000.10" })).toBe("1,000.10");
  });

  it("rounds on the decimal text, half away from zero, carrying through nines", () => {
    expect(formatDecimal("en", "0.995", 2)).toBe("1.00");
    expect(formatDecimal("kk", "999.999", 2)).toBe(`1${NBSP}000,00`);
    expect(formatDecimal("en", "-2.345", 2)).toBe("-2.35");
  });

  it("reads what people type: grouped digits, a decimal comma or point", () => {
    expect(parseMoneyInput("125 000 000 000,5")).toBe("125000000000.5");
    expect(parseMoneyInput(`125${NBSP}000${NBSP}000${NBSP}000,50`)).toBe("125000000000.50");
    expect(parseMoneyInput("1,000.10")).toBeUndefined();
    expect(parseMoneyInput("1000.10")).toBe("1000.10");
    expect(parseMoneyInput("  ")).toBeNull();
    expect(parseMoneyInput("12abc")).toBeUndefined();
  });
});

describe("dates and months", () => {
  it("are written 03.12.2026 in every language", () => {
    for (const locale of ["kk", "ru", "en"] as const) {
      expect(formatDate(locale, "2026-12-03")).toBe("03.12.2026");
      expect(formatDate(locale, new Date("2026-12-03T00:00:00Z"))).toBe("03.12.2026");
    }
  });

  it("name the month in the reader's language", () => {
    expect(formatMonth("kk", "2026-12")).toBe("желтоқсан 2026");
    expect(formatMonth("ru", "2026-12-01")).toBe("декабрь 2026");
    expect(formatMonth("en", "2026-01")).toBe("January 2026");
  });
});

describe("money inputs", () => {
  it("group digits with no-break spaces and read back to the same amount", () => {
    expect(formatMoneyInput("kk", 125000000000.5)).toBe(`125${NBSP}000${NBSP}000${NBSP}000,5`);
    expect(formatMoneyInput("en", "125000000000.5")).toBe(`125${NBSP}000${NBSP}000${NBSP}000.5`);
    for (const locale of ["kk", "ru", "en"] as const)
      expect(parseMoneyInput(formatMoneyInput(locale, "125000000000.5"))).toBe("125000000000.5");
  });
});
