import { useTranslations } from "next-intl";

export type ChangeRow = {
  /** Written into `data-field`, for tests and styling. */
  field?: string;
  label: React.ReactNode;
  current: React.ReactNode;
  proposed: React.ReactNode;
  /** Changed values are marked "→" and bold; `undefined` shows the proposed value plainly (no comparison). */
  changed?: boolean;
};

/**
 * Current → proposed, a row a field: how a field report's progress change and its milestone proposals read to the
 * reviewer and the officer alike.
 */
export function ChangeTable({ rows, testId }: { rows: ChangeRow[]; testId?: string }) {
  const t = useTranslations("progressChange.report");
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{t("changes")}</caption>
        <thead>
          <tr className="text-slate-600">
            <th scope="col" className="py-1 pr-3 font-semibold">
              {t("field")}
            </th>
            <th scope="col" className="py-1 pr-3 font-semibold">
              {t("current")}
            </th>
            <th scope="col" className="py-1 font-semibold">
              {t("proposed")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.field ?? index} className="border-t border-slate-100" data-field={row.field}>
              <th scope="row" className="py-1 pr-3 font-normal text-slate-700">
                {row.label}
              </th>
              <td className="py-1 pr-3 tabular-nums">{row.current}</td>
              <td
                className={`py-1 tabular-nums ${row.changed === undefined ? "" : row.changed ? "font-semibold" : "text-slate-600"}`}
              >
                {row.changed && <span aria-hidden="true">→ </span>}
                {row.proposed}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
