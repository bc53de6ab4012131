// The expected interface strings, read from messages/{kk,ru,en}.json and formatted with the same ICU message
// library the app uses, so no test writes a translation a second time.
import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl/core";

export const LOCALES = ["kk", "ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "kk";

type Messages = Record<string, unknown>;
type Values = Record<string, string | number | Date>;
export type Translate = (key: string, values?: Values) => string;

const cache = new Map<Locale, Messages>();

export function messagesOf(locale: Locale): Messages {
  let messages = cache.get(locale);
  if (!messages) {
    messages = JSON.parse(fs.readFileSync(path.join(process.cwd(), "messages", `${locale}.json`), "utf8")) as Messages;
    cache.set(locale, messages);
  }
  return messages;
}

/** `t("projects.count", { count: 1211 })` in the given locale, exactly as the app renders it. */
export function translator(locale: Locale): Translate {
  const t = createTranslator({ locale, messages: messagesOf(locale), timeZone: "Asia/Almaty" }) as unknown as Translate;
  return (key, values) => t(key, values);
}

/** A number as the given locale writes it (the app formats with the same Intl data, on the same Node). */
export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
