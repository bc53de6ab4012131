"use client";

import Link from "next/link";
import { useRef } from "react";

export type TabLink = { id: string; label: string; href: string };

/**
 * A WAI-ARIA tablist whose tabs are links: the selected tab comes from the URL (`?tab=…`), so the page renders the
 * right panel on the server and every tab has an address. Tab reaches the selected tab; the arrow keys, Home and End
 * move between tabs (roving tabindex); Enter opens one.
 */
export function TabLinks({
  label,
  tabs,
  selected,
  panelId,
}: {
  label: string;
  tabs: TabLink[];
  selected: string;
  panelId: string;
}) {
  const refs = useRef<(HTMLAnchorElement | null)[]>([]);
  const move = (from: number, key: string) => {
    const last = tabs.length - 1;
    const to =
      key === "ArrowRight"
        ? (from + 1) % tabs.length
        : key === "ArrowLeft"
          ? (from - 1 + tabs.length) % tabs.length
          : key === "Home"
            ? 0
            : key === "End"
              ? last
              : null;
    if (to === null) return false;
    refs.current[to]?.focus();
    return true;
  };
  return (
    <div
      role="tablist"
      aria-label={label}
      className="no-print -mx-1 flex gap-1 overflow-x-auto border-b border-slate-300 px-1"
    >
      {tabs.map((tab, index) => {
        const active = tab.id === selected;
        return (
          <Link
            key={tab.id}
            ref={(element) => {
              refs.current[index] = element;
            }}
            href={tab.href}
            id={`tab-${tab.id}`}
            role="tab"
            aria-selected={active}
            aria-controls={panelId}
            tabIndex={active ? 0 : -1}
            scroll={false}
            onKeyDown={(event) => {
              if (move(index, event.key)) event.preventDefault();
            }}
            className={`-mb-px shrink-0 whitespace-nowrap border-b-2 px-4 py-2 text-sm font-semibold ${
              active
                ? "border-brand text-brand"
                : "border-transparent text-slate-700 hover:border-slate-400 hover:text-slate-900"
            }`}
            data-testid={`tab-${tab.id}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </div>
  );
}
