import Link from "next/link";

const SECTIONS = ["containers", "stacks", "images", "networks", "volumes", "events", "updates"] as const;
export type EndpointSection = (typeof SECTIONS)[number] | "swarm";

/** Per-endpoint sub-navigation: the same endpoint's other views, one click away (Swarm on a swarm manager). */
export function EndpointNav({
  endpointId,
  current,
  capabilities,
}: {
  endpointId: string;
  current: EndpointSection;
  capabilities?: string[];
}) {
  const sections: EndpointSection[] = capabilities?.includes("swarm") ? [...SECTIONS, "swarm"] : [...SECTIONS];
  return (
    <nav
      aria-label="Endpoint"
      className="mb-4 flex flex-wrap gap-x-3 gap-y-1 border-b border-slate-200 pb-2 text-sm dark:border-slate-800"
    >
      {sections.map((s) => (
        <Link
          key={s}
          href={`/endpoints/${encodeURIComponent(endpointId)}/${s}`}
          aria-current={s === current ? "page" : undefined}
          className={s === current ? "font-semibold" : "text-blue-600 hover:underline dark:text-blue-300"}
        >
          {s.charAt(0).toUpperCase() + s.slice(1)}
        </Link>
      ))}
    </nav>
  );
}
