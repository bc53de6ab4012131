// The frame of every list page's table (projects, users, audit, source check): a scrolling card, a header row
// of column titles; the page renders the body rows. A column's className can hide it on narrow screens.
export type ListColumn = { label: string; className?: string };

export function ListTable({
  label,
  columns,
  children,
}: {
  label: string;
  columns: ListColumn[];
  children: React.ReactNode;
}) {
  // A scrolling region must be reachable by keyboard and named for screen readers.
  return (
    <div
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-100 text-slate-700">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={`px-3 py-2 ${column.className ?? ""}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
