import Link from "next/link";
import { CatalogNote } from "@/components/catalog-note";
import { decreeHref } from "@/lib/catalog/note-text";

/**
 * A project's decree citation: the point and line of the decree, its Kazakh excerpt and the catalog's note. The
 * signed-in page links the decree text and the note's citations; the public page (where the decree text is not
 * served) shows the note as plain text.
 */
export function DecreeSource({
  title,
  pointLabel,
  lineLabel,
  line,
  excerpt,
  excerptLabel,
  note,
  noteLabel,
  decreeLinkLabel,
  testId,
}: {
  title: string;
  /** "point 56", "line 123": the citation, translated by the page. */
  pointLabel: string;
  lineLabel: string;
  line: number;
  excerpt: string;
  /** Read out before the excerpt by screen readers. */
  excerptLabel?: string;
  /** The catalog's note in the reader's language, already chosen; plain text where there is no link label. */
  note: string | null;
  noteLabel?: string;
  /** When given, the citation and the note's citations open the decree text. */
  decreeLinkLabel?: string;
  testId?: string;
}) {
  return (
    <section
      className="rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby="source-heading"
      data-testid={testId}
    >
      <h2 id="source-heading" className="text-lg font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {pointLabel}, {lineLabel}
        {decreeLinkLabel && (
          <>
            {" · "}
            <Link href={decreeHref(line)} className="text-brand underline">
              {decreeLinkLabel}
            </Link>
          </>
        )}
      </p>
      <blockquote lang="kk" className="mt-2 border-l-4 border-brand/40 pl-3 text-sm italic text-slate-800">
        {excerptLabel && <span className="sr-only">{excerptLabel}: </span>}
        {excerpt}
      </blockquote>
      {note && (
        <p className="mt-3 text-sm text-slate-700">
          {noteLabel && <span className="font-semibold">{noteLabel}: </span>}
          {decreeLinkLabel ? <CatalogNote note={note} linkTitle={decreeLinkLabel} /> : note}
        </p>
      )}
    </section>
  );
}
