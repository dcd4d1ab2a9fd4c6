import Link from "next/link";

const TABS = ["services", "stacks", "nodes", "secrets", "configs"] as const;
export type SwarmTab = (typeof TABS)[number];

/** The swarm's own views of one manager endpoint. */
export function SwarmNav({ endpointId, current }: { endpointId: string; current: SwarmTab }) {
  return (
    <nav aria-label="Swarm" className="mb-4 flex gap-3 text-sm">
      {TABS.map((t) => (
        <Link
          key={t}
          href={`/endpoints/${encodeURIComponent(endpointId)}/swarm/${t}`}
          aria-current={t === current ? "page" : undefined}
          className={t === current ? "font-semibold" : "text-blue-600 hover:underline dark:text-blue-300"}
        >
          {t.charAt(0).toUpperCase() + t.slice(1)}
        </Link>
      ))}
    </nav>
  );
}
