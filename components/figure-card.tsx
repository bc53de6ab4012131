// One dashboard figure: its number opens the list of exactly the projects it counts, and a "how is this counted?"
// disclosure beside it (a native <details>, so it works by keyboard, by touch and without JavaScript, and screen
// readers announce it as a button that expands) gives the figure's definition. The definition opens inside the card,
// below the number, never over it: an open note must not cover the link the reader came for.
import Link from "next/link";

type Props = {
  figureKey: string;
  label: string;
  value: string;
  href: string;
  openListLabel: string;
  howCountedLabel: string;
  definition: string;
};

export function FigureCard({ figureKey, label, value, href, openListLabel, howCountedLabel, definition }: Props) {
  return (
    <div className="relative flex flex-col rounded-lg border border-slate-200 bg-white p-4 focus-within:border-brand">
      <Link
        href={href}
        className="block rounded hover:text-brand focus-visible:outline-2 focus-visible:outline-brand"
        aria-label={`${label}: ${value}. ${openListLabel}`}
        data-testid={`figure-link-${figureKey}`}
      >
        <span className="block pr-6 text-sm text-slate-600">{label}</span>
        <span className="mt-1 block text-3xl font-bold tabular-nums" data-testid={`figure-${figureKey}`}>
          {value}
        </span>
      </Link>
      <details className="text-xs" data-testid={`figure-note-${figureKey}`}>
        <summary
          className="absolute right-2 top-2 flex h-6 w-6 cursor-pointer list-none items-center justify-center rounded-full border border-slate-300 text-slate-700 hover:border-brand focus-visible:outline-2 focus-visible:outline-brand [&::-webkit-details-marker]:hidden"
          title={howCountedLabel}
        >
          <span aria-hidden>?</span>
          <span className="sr-only">
            {howCountedLabel} — {label}
          </span>
        </summary>
        <p className="mt-2 rounded border border-slate-200 bg-slate-50 p-2 text-left text-slate-800">{definition}</p>
      </details>
    </div>
  );
}
