// Objects, measures or both: a row of links (the choice lives in the URL, so every view can be shared and printed).
import Link from "next/link";

type Props = {
  label: string;
  current: string;
  options: { value: string; label: string; href: string }[];
  testId?: string;
};

export function KindSwitch({ label, current, options, testId = "kind-switch" }: Props) {
  return (
    <nav aria-label={label} className="mb-4 flex flex-wrap items-center gap-2 text-sm" data-testid={testId}>
      <span className="text-slate-600">{label}:</span>
      {options.map((option) => (
        <Link
          key={option.value}
          href={option.href}
          aria-current={option.value === current ? "page" : undefined}
          className={
            option.value === current
              ? "rounded-full bg-brand px-3 py-1 font-semibold text-white"
              : "rounded-full border border-slate-300 px-3 py-1 hover:border-brand"
          }
        >
          {option.label}
        </Link>
      ))}
    </nav>
  );
}
