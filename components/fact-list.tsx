/** Label–value pairs of a project's facts, two columns on wide screens, one on a phone. */
export function FactList({ facts }: { facts: [string, React.ReactNode][] }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4">
      <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-3">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-semibold text-slate-700">{label}</dt>
            <dd className="sm:col-span-2">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
