// A plain table of figures: the table view of every chart, and the report tables.
export function DataTable({
  head,
  rows,
  caption,
}: {
  head: string[];
  rows: (string | number | null)[][];
  caption?: string;
}) {
  return (
    <table className="w-full text-left text-sm">
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead className="bg-slate-100 text-slate-700">
        <tr>
          {head.map((cell, index) => (
            <th key={index} scope="col" className="px-2 py-1">
              {cell}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, rowIndex) => (
          <tr key={rowIndex} className="border-t border-slate-200">
            {row.map((cell, index) =>
              index === 0 ? (
                <th key={index} scope="row" className="px-2 py-1 text-left font-normal">
                  {cell}
                </th>
              ) : (
                <td key={index} className="px-2 py-1 tabular-nums">
                  {cell ?? "—"}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
