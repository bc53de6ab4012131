import "server-only";
import fs from "node:fs";
import path from "node:path";
import { type LineLocation, locateLines } from "./decree-structure";

/** The decree's Kazakh text (PDF extraction, 15 829 lines), kept in the repository beside the catalog it feeds. */
export const DECREE_FILE = path.join(process.cwd(), "prisma", "catalog", "source", "decree-946-western-region.kk.txt");

let cached: { lines: string[]; locations: LineLocation[] } | null = null;

function decree() {
  if (!cached) {
    const lines = fs.readFileSync(DECREE_FILE, "utf8").split("\n");
    if (lines.at(-1) === "") lines.pop();
    cached = { lines, locations: locateLines(lines) };
  }
  return cached;
}

export function decreeLineCount(): number {
  return decree().lines.length;
}

/** The point or annex a line of the decree belongs to. */
export function lineLocation(line: number): LineLocation {
  return decree().locations[line] ?? { point: null, horizon: null, annex: null };
}

export type DecreeExcerpt = { from: number; to: number; lines: { line: number; text: string }[] } & LineLocation;

/** The lines around `line` (a few before, more after: a proposal reads on from where it starts). */
export function decreeExcerpt(line: number, before = 6, after = 18): DecreeExcerpt {
  const { lines } = decree();
  const from = Math.max(1, line - before);
  const to = Math.min(lines.length, line + after);
  return {
    from,
    to,
    lines: lines.slice(from - 1, to).map((text, index) => ({ line: from + index, text })),
    ...lineLocation(line),
  };
}
