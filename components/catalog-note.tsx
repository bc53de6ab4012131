import Link from "next/link";
import { decreeHref, parseNote } from "@/lib/catalog/note-text";

/** A catalog note whose decree citations ("point 56, 2030 list") open the decree text at that place. */
export function CatalogNote({ note, linkTitle }: { note: string; linkTitle: string }) {
  return (
    <>
      {parseNote(note).map((segment, index) =>
        segment.line === undefined ? (
          <span key={index}>{segment.text}</span>
        ) : (
          <Link
            key={index}
            href={decreeHref(segment.line)}
            title={linkTitle}
            className="text-brand underline decoration-dotted underline-offset-2 hover:decoration-solid"
          >
            {segment.text}
          </Link>
        ),
      )}
    </>
  );
}
