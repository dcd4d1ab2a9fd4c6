import type { EndpointHealth } from "@/lib/domain";

const STYLE: Record<EndpointHealth["state"], string> = {
  up: "bg-green-100 text-green-800 dark:bg-green-900 dark:text-green-100",
  down: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  connecting: "bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-100",
};

export function HealthBadge({ health }: { health: EndpointHealth }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${STYLE[health.state]}`}>{health.state}</span>;
}
