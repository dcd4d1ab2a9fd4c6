"use client";

import Link from "next/link";
import { HealthBadge } from "@/components/endpoints/HealthBadge";
import { useTopic } from "@/components/realtime/use-topic";
import type { EndpointView } from "@/lib/domain";

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(bytes >= 10 * 1024 ** 3 ? 0 : 1)} GiB`;
}

/**
 * One live card per endpoint. Everything shown comes from the server's in-memory sessions (container counts from
 * the live store, host facts refreshed on engine events), so a dead endpoint costs its card nothing but "down".
 */
export function HostCards({ initial }: { initial: EndpointView[] }) {
  const { items } = useTopic<EndpointView>("endpoints", initial);
  const cards = [...items].sort((a, b) => a.name.localeCompare(b.name));
  if (cards.length === 0) {
    return (
      <p>
        No endpoints yet.{" "}
        <Link href="/endpoints" className="text-blue-700 hover:underline dark:text-blue-300">
          Add one
        </Link>
        .
      </p>
    );
  }
  return (
    <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Endpoints">
      {cards.map((e) => (
        <li key={e.id} className="min-w-0">
          <HostCard e={e} />
        </li>
      ))}
    </ul>
  );
}

function HostCard({ e }: { e: EndpointView }) {
  const headingId = `host-${e.id}`;
  const up = e.health.state === "up";
  const c = e.counts;
  const f = e.facts;
  const list = (state: string) => `/containers?${new URLSearchParams({ endpoint: e.id, state })}`;
  // Container counts link to the list filtered to them.
  const stats: [string, string, string?][] = [
    ["Running", c ? String(c.running) : "–", list("running")],
    ["Stopped", c ? String(c.stopped) : "–", list("exited")],
    ["Unhealthy", c ? String(c.unhealthy) : "–", list("unhealthy")],
    ["Images", f ? String(f.images) : "–"],
    ["Volumes", f ? String(f.volumes) : "–"],
    ["Networks", f ? String(f.networks) : "–"],
    ["Engine", e.health.version ?? "–"],
    ["CPUs", f?.cpus ? String(f.cpus) : "–"],
    ["Memory", f?.memoryBytes ? gib(f.memoryBytes) : "–"],
  ];
  return (
    <article
      aria-labelledby={headingId}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="mb-3 flex items-center gap-2">
        <h2 id={headingId} className="truncate text-lg font-semibold">
          {e.name}
        </h2>
        <HealthBadge health={e.health} />
        <span className="ml-auto min-w-0 truncate font-mono text-xs text-slate-500 dark:text-slate-400">
          {e.address}
        </span>
      </header>
      {e.health.state === "down" && e.health.reason && (
        <p className="mb-2 text-sm text-red-700 dark:text-red-300">{e.health.reason}</p>
      )}
      <dl className={`grid grid-cols-3 gap-x-3 gap-y-2 text-sm ${up ? "" : "opacity-60"}`}>
        {stats.map(([k, v, href]) => (
          <div key={k}>
            <dt className="text-xs text-slate-600 dark:text-slate-400">{k}</dt>
            <dd className="font-medium">
              {href && c ? (
                <Link href={href} className="text-blue-800 hover:underline dark:text-blue-300">
                  {v}
                  <span className="sr-only">
                    {" "}
                    {k.toLowerCase()} on {e.name}
                  </span>
                </Link>
              ) : (
                v
              )}
            </dd>
          </div>
        ))}
      </dl>
      <Link
        href={`/endpoints/${encodeURIComponent(e.id)}/containers`}
        className="mt-3 inline-block text-sm text-blue-700 hover:underline dark:text-blue-300"
      >
        Containers<span className="sr-only"> on {e.name}</span>
      </Link>
    </article>
  );
}
