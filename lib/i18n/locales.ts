// The interface speaks Kazakh first, then Russian and English. Pure: shared by server and client code.
export const LOCALES = ["kk", "ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "kk";
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

type Named = { nameKk: string; nameRu?: string | null; nameEn?: string | null };

/**
 * A name as displayed: the decree's text with a capital first letter (many catalog names are list items that
 * start in lower case, "кадрларды даярлау…"). Display only; the data keeps the decree's text.
 */
export function capitalizedName(name: string, locale: Locale = "kk"): string {
  const first = name.codePointAt(0);
  if (first === undefined) return name;
  const letter = String.fromCodePoint(first);
  return letter.toLocaleUpperCase(locale) + name.slice(letter.length);
}

/** The name in the reader's language, capitalised; the Kazakh original when no translation exists. */
export function localizedName(item: Named, locale: Locale): string {
  if (locale === "ru" && item.nameRu) return capitalizedName(item.nameRu, "ru");
  if (locale === "en" && item.nameEn) return capitalizedName(item.nameEn, "en");
  return capitalizedName(item.nameKk, "kk");
}

/** True when the shown name is not the reader's language (a Kazakh original shown for lack of a translation). */
export function isUntranslated(item: Named, locale: Locale): boolean {
  return (locale === "ru" && !item.nameRu) || (locale === "en" && !item.nameEn);
}

type Noted = { noteKk: string | null; noteRu: string | null; noteEn: string | null };

/** A catalog note in the reader's language; the catalog keeps every note in all three (or none). */
export function localizedNote(item: Noted, locale: Locale): string | null {
  return { kk: item.noteKk, ru: item.noteRu, en: item.noteEn }[locale] ?? item.noteKk ?? item.noteEn;
}
