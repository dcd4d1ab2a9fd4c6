import type { ReactNode } from "react";

/** A resource's key facts as a description list: term left, value right, wrapping on a phone. */
export function FactList({ label, facts }: { label: string; facts: [string, ReactNode][] }) {
  return (
    <section aria-label={label}>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-600 dark:text-slate-400">{term}</dt>
            <dd className="break-all">{value === "" || value === null || value === undefined ? "—" : value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Labels as `key=value` lines in full (keys are never cut: compose and swarm keys are long and mean something). */
export function LabelList({ labels }: { labels: [string, string][] }) {
  if (labels.length === 0) return <>none</>;
  return (
    <ul className="font-mono text-xs">
      {labels.map(([k, v]) => (
        <li key={k} className="break-all">
          {k}={v}
        </li>
      ))}
    </ul>
  );
}
