// Which point (or annex) of the decree a line belongs to, and which horizon list it sits in. Pure: given the
// lines of the decree text, so tests and the server read the structure the same way.

export type LineLocation = { point: number | null; horizon: 2030 | 2040 | 2050 | null; annex: number | null };

const POINT_HEADER = /^\s+(\d{1,3})\.\s+\S/;
const ANNEX_HEADER = /^(\d{1,2})-қосымша\s*$/;
const HORIZON_HEADING = /^\s*(2030|2040|2050) жыл(ға|дың)?\s*(қарай|дейін)?\s*[:.]?\s*$/;
const HORIZON_SENTENCE = /^\s*(2030|2040|2050)\s+жылға\s+(қарай|дейін)/;
const STAGE: [RegExp, 2030 | 2040 | 2050][] = [
  [/^\s*(\d+\)\s*)?[Бб]ірінші кезең/, 2030],
  [/^\s*[Ее]септік (мерзім|кезең)/, 2040],
  [/^\s*[Бб]олжамды (мерзім|кезең)/, 2050],
];
/** Chapters 2–4 (the points) end here; the annexes follow. */
const LAST_POINT_LINE = 4600;

/**
 * One location per line (index 0 unused). A horizon heading ("2030 жылға қарай:") holds until its numbered list
 * ends (the next indented paragraph that is not an item); a sentence opening with a horizon covers three lines.
 */
export function locateLines(lines: readonly string[]): LineLocation[] {
  const result: LineLocation[] = [{ point: null, horizon: null, annex: null }];
  let point: number | null = null;
  let horizon: 2030 | 2040 | 2050 | null = null;
  let sentenceHorizon: 2030 | 2040 | 2050 | null = null;
  let sentenceUntil = 0;
  let annex: number | null = null;
  lines.forEach((text, index) => {
    const line = index + 1;
    if (line > LAST_POINT_LINE) {
      const annexMatch = text.match(ANNEX_HEADER);
      if (annexMatch) annex = Number(annexMatch[1]);
      result.push({ point: null, horizon: null, annex });
      return;
    }
    const pointMatch = line >= 87 ? text.match(POINT_HEADER) : null;
    const next = pointMatch ? Number(pointMatch[1]) : null;
    if (next !== null && (next === (point ?? 6) + 1 || next === (point ?? 6) + 2)) {
      point = next;
      horizon = null;
      sentenceUntil = 0;
    }
    const heading = text.match(HORIZON_HEADING);
    if (heading) horizon = Number(heading[1]) as 2030 | 2040 | 2050;
    else if (/^\s{4,}\S/.test(text) && !/^\s+\d+\)/.test(text) && !/кезең|мерзім/.test(text)) horizon = null;
    for (const [pattern, year] of STAGE) if (pattern.test(text)) horizon = year;
    const sentence = heading ? null : text.match(HORIZON_SENTENCE);
    if (sentence) {
      sentenceHorizon = Number(sentence[1]) as 2030 | 2040 | 2050;
      sentenceUntil = line + 3;
    }
    result.push({ point, horizon: line <= sentenceUntil ? sentenceHorizon : horizon, annex: null });
  });
  return result;
}
