import Link from "next/link";

export type ShortListItem = { key: string; code: string; text: string; detail?: string };

/**
 * One of the report summary's short lists (completed, turned red, top blockers): its title, the first few
 * projects linked by code with a line of text and an optional detail in brackets, and "and N more" when the list
 * goes on; a sentence when it is empty.
 */
export function ShortList({
  title,
  empty,
  items,
  more,
  testId,
}: {
  title: string;
  empty: string;
  items: ShortListItem[];
  /** "…and 12 more", or nothing when every item is shown. */
  more?: string | null;
  testId: string;
}) {
  return (
    <div data-testid={testId}>
      <h3 className="font-semibold">{title}</h3>
      {items.length === 0 ? (
        <p className="text-slate-600">{empty}</p>
      ) : (
        <ul className="mt-1 space-y-1">
          {items.map((item) => (
            <li key={item.key}>
              <Link href={`/projects/${item.code}`} className="font-mono text-xs text-brand">
                {item.code}
              </Link>{" "}
              {item.text}
              {item.detail && <span className="text-xs text-slate-600"> ({item.detail})</span>}
            </li>
          ))}
          {more && <li className="text-slate-600">{more}</li>}
        </ul>
      )}
    </div>
  );
}
