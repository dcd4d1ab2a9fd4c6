import Link from "next/link";
import { TableScroll } from "@/components/ui/table-scroll";
import type { Connection } from "@/lib/topology";

export const containerHref = (endpointId: string, containerId: string) =>
  `/endpoints/${encodeURIComponent(endpointId)}/containers/${encodeURIComponent(containerId)}`;

/** Where a row's subject links: a container's page, or (a swarm task or service) the service's page. */
function subjectHref(r: Connection): string {
  if (r.container.kind === "task" || r.container.kind === "service")
    return `/endpoints/${encodeURIComponent(r.endpointId)}/swarm/services/${encodeURIComponent(r.container.refId ?? "")}`;
  return containerHref(r.endpointId, r.container.refId ?? "");
}

const OTHER: Record<Connection["kind"], string> = {
  network: "network",
  port: "host port",
  placement: "runs on node",
  member: "task of service",
};

/** The graph as a table, for screen readers and for reading: each row is one edge, container first. */
export function ConnectionsTable(props: { rows: Connection[]; endpointNames?: ReadonlyMap<string, string> }) {
  const showEndpoint = !!props.endpointNames;
  return (
    <TableScroll label="Connections table">
      <table className="w-full text-left text-sm">
        <caption className="mb-2 text-left font-semibold">Connections</caption>
        <thead className="border-b border-slate-300 dark:border-slate-700">
          <tr>
            <th scope="col" className="py-1">
              Container
            </th>
            <th scope="col">Connects to</th>
            <th scope="col">Details</th>
            {showEndpoint && <th scope="col">Endpoint</th>}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 && (
            <tr>
              <td colSpan={showEndpoint ? 4 : 3} className="py-3 text-slate-500 dark:text-slate-400">
                No connections.
              </td>
            </tr>
          )}
          {props.rows.map((r) => (
            <tr key={r.id} className="border-b border-slate-200 align-top dark:border-slate-800">
              <th scope="row" className="py-1 pr-2 font-medium">
                <Link className="hover:underline" href={subjectHref(r)}>
                  {r.container.label}
                </Link>
              </th>
              <td className="pr-2">{`${OTHER[r.kind]} ${r.other.label}`}</td>
              <td className="pr-2 text-xs">
                {r.kind === "network"
                  ? r.label
                    ? `aliases: ${r.label}`
                    : ""
                  : r.kind === "port"
                    ? `to container port ${r.label ?? ""}`
                    : (r.container.detail ?? "")}
              </td>
              {showEndpoint && <td className="text-xs">{props.endpointNames?.get(r.endpointId) ?? r.endpointId}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
