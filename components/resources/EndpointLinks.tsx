import Link from "next/link";
import type { EndpointView } from "@/lib/domain";

/** On a cross-endpoint list: where to go to change things (each endpoint's own page). */
export function EndpointLinks(props: { endpoints: EndpointView[]; section: string }) {
  if (props.endpoints.length === 0) return null;
  return (
    <p className="mb-3 flex flex-wrap gap-3 text-sm">
      <span>Manage on:</span>
      {props.endpoints.map((e) => (
        <Link
          key={e.id}
          href={`/endpoints/${encodeURIComponent(e.id)}/${props.section}`}
          className="text-blue-600 hover:underline dark:text-blue-300"
        >
          {e.name}
        </Link>
      ))}
    </p>
  );
}
