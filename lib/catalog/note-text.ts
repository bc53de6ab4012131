// Catalog notes cite the decree as links written `[point 56, 2030 list](line:2331)`: the reader sees the point,
// the data keeps the line. Pure, so pages, exports and tests split a note the same way.

export type NoteSegment = { text: string; line?: number };

const LINK = /\[([^\]]+)\]\(line:(\d{1,5})\)/g;

/** A note as plain text and decree links, in order. */
export function parseNote(note: string): NoteSegment[] {
  const segments: NoteSegment[] = [];
  let last = 0;
  for (const match of note.matchAll(LINK)) {
    if (match.index > last) segments.push({ text: note.slice(last, match.index) });
    segments.push({ text: match[1]!, line: Number(match[2]) });
    last = match.index + match[0].length;
  }
  if (last < note.length) segments.push({ text: note.slice(last) });
  return segments;
}

/** The note as a reader sees it, without the link targets (for CSV, PDF and search). */
export function noteAsText(note: string): string {
  return note.replace(LINK, "$1");
}

/** Where the decree excerpt around a line opens. */
export function decreeHref(line: number): string {
  return `/catalog/decree?line=${line}#L${line}`;
}
