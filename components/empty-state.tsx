export function EmptyState({ title, body }: { title: string; body?: string }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="text-lg font-semibold text-slate-800">{title}</p>
      {body && <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600">{body}</p>}
    </div>
  );
}
