// The project's plan and confidence timeline: each change of its dates, budget, responsible organisation or
// confidence, newest first, read from the append-only project_detail_history (no data access here).
import type { DetailChange } from "@/lib/figures/detail-history";
import { formatDate, formatMoney } from "@/lib/format/format";
import type { Locale } from "@/lib/i18n/locales";

type Props = {
  changes: DetailChange[];
  locale: Locale;
  labels: { title: string; empty: string; by: (name: string) => string; field: (field: string) => string };
  confidenceLabel: (value: string) => string;
};

const DATE_FIELDS = new Set([
  "baselineStart",
  "baselineFinish",
  "forecastStart",
  "forecastFinish",
  "actualStart",
  "actualFinish",
]);
const MONEY_FIELDS = new Set(["budgetBaseline", "budgetForecast", "budgetSpent"]);

export function DetailHistory({ changes, locale, labels, confidenceLabel }: Props) {
  const show = (field: string, value: string | number | null) => {
    if (value === null) return "—";
    if (DATE_FIELDS.has(field)) return formatDate(locale, String(value));
    if (MONEY_FIELDS.has(field)) return formatMoney(locale, String(value));
    if (field === "confidence") return confidenceLabel(String(value));
    return String(value);
  };
  return (
    <section className="mt-6" aria-labelledby="detail-history-heading">
      <h2 id="detail-history-heading" className="text-lg font-semibold">
        {labels.title}
      </h2>
      {changes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{labels.empty}</p>
      ) : (
        <ol className="mt-2 space-y-2" data-testid="detail-history">
          {[...changes].reverse().map((change) => (
            <li key={`${change.at}-${change.version}`} className="rounded border border-slate-200 bg-white p-3 text-sm">
              <p className="font-semibold">
                <time dateTime={change.at}>{formatDate(locale, new Date(change.at))}</time>
                {change.actor && <span className="ml-2 font-normal text-slate-600">{labels.by(change.actor)}</span>}
              </p>
              <dl className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
                {change.fields.map((field) => (
                  <div key={field} className="contents">
                    <dt className="text-slate-600">{labels.field(field)}</dt>
                    <dd>{show(field, change.values[field] ?? null)}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
