"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { useTopic } from "@/components/realtime/use-topic";
import { TableScroll } from "@/components/ui/table-scroll";
import type { EndpointView } from "@/lib/domain";
import { HealthBadge } from "./HealthBadge";

const TRANSPORT: Record<NonNullable<EndpointView["transport"]>, string> = {
  unix: "Unix socket",
  tcp: "TCP",
  tls: "TCP + TLS",
  ssh: "SSH",
};

export function EndpointsTable({
  initial,
  renderActions,
}: {
  initial: EndpointView[];
  /** Extra controls per row (admins: Edit, Remove). */
  renderActions?: (e: EndpointView) => ReactNode;
}) {
  const { items } = useTopic<EndpointView>("endpoints", initial);
  const rows = [...items].sort((a, b) => a.name.localeCompare(b.name));
  if (rows.length === 0) {
    return <p>No endpoints yet. Berth registers the local Docker engine when it finds one at start.</p>;
  }
  return (
    <TableScroll label="Endpoints table">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Endpoints</caption>
        <thead className="border-b border-slate-300 dark:border-slate-700">
          <tr>
            <th scope="col" className="py-2">
              Name
            </th>
            <th scope="col">Address</th>
            <th scope="col">Status</th>
            <th scope="col">Engine version</th>
            <th scope="col">API latency</th>
            <th scope="col">Type</th>
            <th scope="col">
              <span className="sr-only">Links</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id} className="border-b border-slate-200 dark:border-slate-800">
              <th scope="row" className="py-2 font-medium">
                {e.name}
              </th>
              <td className="font-mono text-xs">{e.address}</td>
              <td>
                <HealthBadge health={e.health} />
                {e.health.state === "down" && e.health.reason && (
                  <span className="ml-2 text-xs">{e.health.reason}</span>
                )}
              </td>
              <td>{e.health.state === "up" ? (e.health.version ?? "") : ""}</td>
              <td>{e.health.state === "up" && e.health.latencyMs !== undefined ? `${e.health.latencyMs} ms` : ""}</td>
              <td className="whitespace-nowrap text-xs">{e.transport ? TRANSPORT[e.transport] : ""}</td>
              <td>
                {e.kind === "kubernetes" ? (
                  <Link
                    href={`/endpoints/${encodeURIComponent(e.id)}/k8s`}
                    className="text-blue-600 hover:underline dark:text-blue-300"
                  >
                    Cluster<span className="sr-only"> {e.name}</span>
                  </Link>
                ) : (
                  <DockerLinks id={e.id} name={e.name} />
                )}
                {renderActions?.(e)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function DockerLinks({ id, name }: { id: string; name: string }) {
  return (
    <>
      <Link
        href={`/endpoints/${encodeURIComponent(id)}/containers`}
        className="text-blue-600 hover:underline dark:text-blue-300"
      >
        Containers<span className="sr-only"> on {name}</span>
      </Link>
      {(["images", "networks", "volumes", "events"] as const).map((section) => (
        <Link
          key={section}
          href={`/endpoints/${encodeURIComponent(id)}/${section}`}
          className="ml-3 text-blue-600 hover:underline dark:text-blue-300"
        >
          {section.charAt(0).toUpperCase() + section.slice(1)}
          <span className="sr-only"> on {name}</span>
        </Link>
      ))}
    </>
  );
}
