"use client";

import { type KeyboardEvent, type ReactNode, useRef } from "react";

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs; only the selected tab is in the tab order. */
export function Tabs<T extends string>(props: {
  label: string;
  tabs: readonly T[];
  selected: T;
  onSelect: (t: T) => void;
  children: ReactNode;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const idOf = (t: string) => `tab-${t.toLowerCase()}`;
  const onKey = (e: KeyboardEvent, i: number) => {
    const n = props.tabs.length;
    const next =
      e.key === "ArrowRight"
        ? (i + 1) % n
        : e.key === "ArrowLeft"
          ? (i - 1 + n) % n
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? n - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    const tab = props.tabs[next];
    if (tab) props.onSelect(tab);
    refs.current[next]?.focus();
  };
  return (
    <div>
      <div
        role="tablist"
        aria-label={props.label}
        className="mb-4 flex gap-1 border-b border-slate-300 dark:border-slate-700"
      >
        {props.tabs.map((t, i) => (
          <button
            key={t}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={idOf(t)}
            aria-selected={t === props.selected}
            aria-controls={`${idOf(t)}-panel`}
            tabIndex={t === props.selected ? 0 : -1}
            onClick={() => props.onSelect(t)}
            onKeyDown={(e) => onKey(e, i)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${
              t === props.selected
                ? "border-blue-600 font-medium text-blue-700 dark:text-blue-300"
                : "border-transparent hover:text-blue-700"
            }`}
          >
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${idOf(props.selected)}-panel`} aria-labelledby={idOf(props.selected)}>
        {props.children}
      </div>
    </div>
  );
}
