import Link from "next/link";
import type { SearchHit, SearchKind, SearchResult } from "@/lib/search";

const SECTIONS: { kind: SearchKind; title: string }[] = [
  { kind: "endpoint", title: "Endpoints" },
  { kind: "container", title: "Containers" },
  { kind: "image", title: "Images" },
  { kind: "network", title: "Networks" },
  { kind: "volume", title: "Volumes" },
];

/** Hits grouped by kind, each a link to its page; names are text nodes (never markup). */
export function SearchResults({ result }: { result: SearchResult }) {
  const byKind = new Map<SearchKind, SearchHit[]>();
  for (const h of result.hits) byKind.set(h.kind, [...(byKind.get(h.kind) ?? []), h]);
  return (
    <div className="space-y-6">
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        {result.hits.length === 0
          ? `Nothing matches “${result.query}”.`
          : `${result.hits.length} result${result.hits.length === 1 ? "" : "s"} for “${result.query}”`}
      </p>
      {result.incomplete.length > 0 && (
        <p className="text-sm text-amber-700 dark:text-amber-400">
          Images and volumes not searched on: {result.incomplete.map((i) => `${i.name} (${i.reason})`).join(", ")}
        </p>
      )}
      {SECTIONS.filter((s) => byKind.has(s.kind)).map((s) => {
        const hits = byKind.get(s.kind) ?? [];
        const headingId = `search-${s.kind}`;
        return (
          <section key={s.kind} aria-labelledby={headingId}>
            <h2 id={headingId} className="mb-2 text-lg font-semibold">
              {s.title} ({hits.length})
            </h2>
            <ul aria-label={s.title} className="divide-y divide-slate-200 dark:divide-slate-800">
              {hits.map((h) => (
                <li key={`${h.endpointId}/${h.href}`} className="flex items-baseline gap-3 py-1.5 text-sm">
                  <Link href={h.href} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
                    {h.name}
                  </Link>
                  {h.kind !== "endpoint" && (
                    <span className="text-slate-500 dark:text-slate-400">on {h.endpointName}</span>
                  )}
                  {h.detail && <span className="truncate text-slate-500 dark:text-slate-400">{h.detail}</span>}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
