"use client";

import type { BulkVerb } from "@/lib/bulk-schemas";

export const BULK_BUTTONS: { verb: BulkVerb; label: string; danger?: boolean }[] = [
  { verb: "start", label: "Start" },
  { verb: "stop", label: "Stop" },
  { verb: "kill", label: "Kill" },
  { verb: "restart", label: "Restart" },
  { verb: "pause", label: "Pause" },
  { verb: "resume", label: "Resume" },
  { verb: "remove", label: "Remove", danger: true },
];

export function BulkBar(props: { count: number; busy: boolean; onRun: (verb: BulkVerb) => void; onClear: () => void }) {
  const off = props.count === 0 || props.busy;
  return (
    <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-1 text-sm">
      <span className="mr-2 text-slate-600" aria-live="polite">
        {props.count} selected
      </span>
      {BULK_BUTTONS.map((b) => (
        <button
          key={b.verb}
          type="button"
          disabled={off}
          onClick={() => props.onRun(b.verb)}
          className={`rounded border px-2 py-0.5 text-xs disabled:opacity-40 ${
            b.danger ? "border-red-300 text-red-700 hover:bg-red-50" : "border-slate-300 hover:bg-slate-100"
          }`}
        >
          {b.label}
        </button>
      ))}
      <button
        type="button"
        disabled={props.count === 0}
        onClick={props.onClear}
        className="ml-2 text-xs text-blue-700 hover:underline disabled:opacity-40"
      >
        Clear selection
      </button>
    </div>
  );
}
