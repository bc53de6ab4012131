import Link from "next/link";

/** A whole-page message with a way back: not found, forbidden. */
export function MessagePage({ title, body, backLabel }: { title: string; body: string; backLabel: string }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="mt-2 text-slate-700">{body}</p>
      <Link href="/" className="mt-6 inline-block text-brand underline">
        {backLabel}
      </Link>
    </main>
  );
}
