"use client";

import { useState } from "react";

export function InspectPanel(props: { json: string; secretsVisible: boolean }) {
  const [copied, setCopied] = useState(false);
  return (
    <section aria-label="Inspect" className="space-y-2">
      <div className="flex items-center gap-3 text-sm">
        {!props.secretsVisible && (
          <p className="text-slate-600 dark:text-slate-400">
            Environment values and other secrets are redacted: only operators and admins see them.
          </p>
        )}
        <button
          type="button"
          className="ml-auto rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:hover:bg-slate-800 dark:border-slate-700"
          onClick={() => {
            void navigator.clipboard?.writeText(props.json).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy JSON"}
        </button>
      </div>
      <pre className="max-h-[70vh] overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">
        {props.json}
      </pre>
    </section>
  );
}
