"use client";

import { useId, useState } from "react";
import type { ApplyResult } from "@/lib/kube-types";
import { applyYamlAction } from "@/server/actions/kubernetes/kube-actions";

/** Paste YAML, preview what a server-side apply would do (dry run, diff), then apply it. */
export function ApplyYaml(props: { endpointId: string; namespace: string }) {
  const id = useId();
  const [text, setText] = useState("");
  const [ns, setNs] = useState(props.namespace || "default");
  const [preview, setPreview] = useState<ApplyResult[] | null>(null);
  const [applied, setApplied] = useState<ApplyResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const r = await applyYamlAction({ endpointId: props.endpointId, yaml: text, namespace: ns, dryRun });
      if (!r.ok) return setError(r.error);
      if (dryRun) {
        setPreview(r.data);
        setApplied(null);
      } else {
        setApplied(r.data);
        setPreview(null);
      }
    } catch {
      setError("Berth could not be reached");
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-y`} className="text-sm font-medium">
          YAML (one or more documents)
        </label>
        <textarea
          id={`${id}-y`}
          rows={16}
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPreview(null);
          }}
          className="rounded border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
        />
      </div>
      <label className="text-sm">
        Default namespace{" "}
        <input value={ns} onChange={(e) => setNs(e.target.value)} className="rounded border px-1 dark:bg-slate-900" />
      </label>
      <div className="flex gap-2">
        <button
          type="button"
          disabled={busy || !text}
          onClick={() => void run(true)}
          className="rounded border px-3 py-1 text-sm"
        >
          Preview (dry run)
        </button>
        <button
          type="button"
          disabled={busy || !preview}
          onClick={() => void run(false)}
          className="rounded bg-blue-600 px-3 py-1 text-sm text-white disabled:opacity-50"
        >
          Apply
        </button>
      </div>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {(preview ?? applied)?.map((r) => (
        <section key={`${r.kind}/${r.namespace}/${r.name}`} aria-label={`${r.kind} ${r.name}`}>
          <h3 className="text-sm font-semibold">
            {r.kind} {r.namespace ? `${r.namespace}/` : ""}
            {r.name}: {applied ? r.outcome : `would be ${r.outcome}`}
          </h3>
          <pre className="max-h-80 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">{r.diff}</pre>
        </section>
      ))}
    </div>
  );
}
