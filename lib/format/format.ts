// One way to write numbers, money, dates and months per interface language, for pages, charts, exports and PDFs.
// Pure (no server-only): client components and charts use it too. Kazakh and Russian write a decimal comma and
// group digits with a no-break space (125 000 000 000,50); English writes 125,000,000,000.50. Dates are written
// 03.12.2026 in every language, months as "желтоқсан 2026" / "декабрь 2026" / "December 2026". Money is formatted
// from its decimal text, never through a binary float, so no amount is ever rounded by the formatting.
import type { Locale } from "../i18n/locales";
import { kazakhstanClock } from "../progress/calendar";

const SEPARATORS: Record<Locale, { group: string; decimal: string }> = {
  kk: { group: "\u00a0", decimal: "," },
  ru: { group: "\u00a0", decimal: "," },
  en: { group: ",", decimal: "." },
};

const MONTHS: Record<Locale, readonly string[]> = {
  kk: [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
  ],
  ru: [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
};

const groupDigits = (digits: string, group: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, group);

/**
 * A decimal written as text ("125000000000.5", "-3", "0.125") in the locale's style, with exactly
 * `fractionDigits` decimals when given (rounded half away from zero on the text itself), else as many as it has.
 */
export function formatDecimal(locale: Locale, value: string, fractionDigits?: number): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`not a decimal: ${value}`);
  const [, sign, whole, fraction = ""] = match;
  let integer = whole!.replace(/^0+(?=\d)/, "");
  let decimals = fraction;
  if (fractionDigits !== undefined) {
    if (decimals.length > fractionDigits) {
      const roundUp = Number(decimals[fractionDigits]) >= 5;
      decimals = decimals.slice(0, fractionDigits);
      if (roundUp) {
        const digits = (integer + decimals).split("").map(Number);
        let index = digits.length - 1;
        while (index >= 0) {
          if (digits[index]! < 9) {
            digits[index]! += 1;
            break;
          }
          digits[index] = 0;
          index--;
        }
        const joined = (index < 0 ? "1" : "") + digits.join("");
        integer = joined.slice(0, joined.length - fractionDigits) || "0";
        decimals = joined.slice(joined.length - fractionDigits);
      }
    } else {
      decimals = decimals.padEnd(fractionDigits, "0");
    }
  }
  const { group, decimal } = SEPARATORS[locale];
  const negative = sign === "-" && /[1-9]/.test(integer + decimals);
  return `${negative ? "-" : ""}${groupDigits(integer, group)}${decimals ? decimal + decimals : ""}`;
}

/** A count or measure (a JavaScript number) in the locale's style, up to `maximumFractionDigits` decimals. */
export function formatNumber(locale: Locale, value: number, maximumFractionDigits = 3): string {
  if (!Number.isFinite(value)) return "—";
  const fixed = value.toFixed(maximumFractionDigits).replace(/\.?0+$/, "");
  return formatDecimal(locale, fixed === "-0" ? "0" : fixed);
}

/** Money (tenge) from its exact decimal text or a Prisma Decimal, always with two decimals and grouped digits. */
export function formatMoney(locale: Locale, value: string | { toFixed(digits: number): string }): string {
  return formatDecimal(locale, typeof value === "string" ? value : value.toFixed(2), 2);
}

/** A percentage given in points, as CLDR writes it: "12,5%" in kk, "12,5 %" in ru, "12.5%" in en. */
export function formatPercent(locale: Locale, points: number, maximumFractionDigits = 1): string {
  const number = formatNumber(locale, points, maximumFractionDigits);
  return locale === "ru" ? `${number}\u00a0%` : `${number}%`;
}

/** A calendar day (YYYY-MM-DD, or a Date read as UTC midnight like Prisma's DATE columns) as 03.12.2026. */
export function formatDate(_locale: Locale, value: string | Date): string {
  const iso = typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
  const [year, month, day] = iso.split("-");
  return `${day}.${month}.${year}`;
}

/** A month (YYYY-MM or YYYY-MM-DD) as "желтоқсан 2026", "декабрь 2026", "December 2026". */
export function formatMonth(locale: Locale, value: string): string {
  const year = value.slice(0, 4);
  const month = Number(value.slice(5, 7));
  return `${MONTHS[locale][month - 1]} ${year}`;
}

/**
 * What someone typed into a money field, as exact decimal text: digit groups (spaces, no-break spaces, apostrophes)
 * dropped, a decimal comma or point accepted. Null for an empty field; undefined when it is not a number.
 */
export function parseMoneyInput(text: string): string | null | undefined {
  const compact = text.replace(/[\s\u00a0\u202f']/g, "");
  if (compact === "") return null;
  const normalised = compact.replace(",", ".");
  return /^\d+(\.\d{1,2})?$/.test(normalised) ? normalised.replace(/^0+(?=\d)/, "") : undefined;
}

/**
 * Money as the value of an input field: digits grouped by no-break spaces in every language (the field reads them
 * back, and a grouping comma would be taken for a decimal comma), the locale's decimal separator.
 */
export function formatMoneyInput(locale: Locale, value: string | number): string {
  const text = typeof value === "number" ? String(value) : value;
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const [whole, fraction] = text.split(".");
  return `${groupDigits(whole!, "\u00a0")}${fraction ? SEPARATORS[locale].decimal + fraction : ""}`;
}

/** A moment as Kazakhstan's clock reads it, 03.12.2026 14:05: the one date-and-time style of every page. */
export function formatDateTime(locale: Locale, moment: Date | string): string {
  const { date, time } = kazakhstanClock(new Date(moment));
  return `${formatDate(locale, date)} ${time}`;
}

/** The calendar day of a moment in Kazakhstan, 03.12.2026. */
export function formatDay(locale: Locale, moment: Date | string): string {
  return formatDate(locale, kazakhstanClock(new Date(moment)).date);
}
