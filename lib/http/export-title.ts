import "server-only";
import { type Locale, localizedName } from "../i18n/locales";
import { kazakhstanClock } from "../progress/calendar";
import { OBLASTS } from "../reference-data";

type Translate = (key: string, values?: Record<string, string>) => string;

/** A moment as 03.12.2026 14:05 in Kazakhstan time: the one date style of every export. */
export function localDateTime(moment: Date): string {
  const { date, time } = kazakhstanClock(moment);
  return `${localDate(date)} ${time}`;
}

/** YYYY-MM-DD as 03.12.2026. */
export function localDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}.${month}.${year}`;
}

/**
 * The lines above an exported table: what it is, its scope (and period or filters), and when and by whom it was
 * generated, so a file forwarded by e-mail still says what it shows.
 */
export function exportTitle(
  t: Translate,
  parts: { what: string; scope: string; period?: { from: string; to: string }; filters?: string; by: string },
  now: Date = new Date(),
): string[] {
  return [
    parts.what,
    t("exports.scope", { scope: parts.scope }),
    ...(parts.period
      ? [t("exports.period", { from: localDate(parts.period.from), to: localDate(parts.period.to) })]
      : []),
    ...(parts.filters ? [t("exports.filters", { filters: parts.filters })] : []),
    t("exports.generated", { at: localDateTime(now), by: parts.by }),
  ];
}

/** The scope line's subject: an oblast's name in the reader's language, or the whole region. */
export function scopeName(t: Translate, oblastCode: string | null | undefined, locale: Locale): string {
  const oblast = OBLASTS.find((candidate) => candidate.code === oblastCode);
  return oblast ? localizedName(oblast, locale) : t("exports.wholeRegion");
}
