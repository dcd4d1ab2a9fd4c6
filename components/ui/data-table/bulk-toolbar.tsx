"use client";

import { useId } from "react";

export interface BulkAction {
  id: string;
  label: string;
  danger?: boolean;
}

/** One item's outcome of a bulk action, as the results list shows it. */
export interface BulkItemOutcome {
  name: string;
  ok: boolean;
  error?: string;
}

export interface BulkReport {
  label: string;
  items: BulkItemOutcome[];
}

/**
 * The one toolbar for a list's selected rows: the actions, "Clear selection", and after a run the result of every
 * item (which ones worked, and why each failed). Shown only to users who may act (the caller decides).
 */
export function BulkToolbar(props: {
  count: number;
  busy: boolean;
  actions: BulkAction[];
  onRun: (id: string) => void;
  onClear: () => void;
  report: BulkReport | null;
  onDismiss: () => void;
}) {
  const off = props.count === 0 || props.busy;
  const headingId = useId();
  const r = props.report;
  const failed = r ? r.items.filter((i) => !i.ok) : [];
  return (
    <div className="space-y-2">
      <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-1 text-sm">
        <span className="mr-2 text-slate-600 dark:text-slate-300" aria-live="polite">
          {props.busy ? "Working…" : `${props.count} selected`}
        </span>
        {props.actions.map((b) => (
          <button
            key={b.id}
            type="button"
            disabled={off}
            onClick={() => props.onRun(b.id)}
            className={`rounded border px-2 py-0.5 text-xs disabled:opacity-40 ${
              b.danger
                ? "border-red-400 text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950"
                : "border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
            }`}
          >
            {b.label}
          </button>
        ))}
        <button
          type="button"
          disabled={props.count === 0}
          onClick={props.onClear}
          className="ml-2 text-xs text-blue-700 hover:underline disabled:opacity-40 dark:text-blue-300"
        >
          Clear selection
        </button>
      </div>
      {r && (
        <section
          aria-labelledby={headingId}
          className="rounded border border-slate-200 p-2 text-sm dark:border-slate-700"
        >
          <div className="flex items-center gap-2">
            <p id={headingId} role="status" className="font-medium">
              {r.label}: {r.items.length - failed.length} done
              {failed.length ? `, ${failed.length} failed` : ""}
            </p>
            <button type="button" onClick={props.onDismiss} className="ml-auto text-xs hover:underline">
              Dismiss
            </button>
          </div>
          <ul aria-label="Results" className="mt-1 max-h-40 overflow-auto">
            {[...failed, ...r.items.filter((i) => i.ok)].map((i) => (
              <li
                key={i.name}
                className={i.ok ? "text-green-800 dark:text-green-300" : "text-red-700 dark:text-red-300"}
              >
                {i.name}: {i.ok ? "done" : i.error}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
