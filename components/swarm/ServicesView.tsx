"use client";

import Link from "next/link";
import type { SwarmService } from "@/lib/swarm";
import { ErrorAlert, useRunAction } from "./run-action";
import { ServiceActions } from "./ServiceActions";
import { useSwarm } from "./use-swarm";

export function portsText(s: SwarmService): string {
  return s.ports.map((p) => `${p.published ?? "*"}:${p.target}/${p.protocol} (${p.mode})`).join(", ");
}

export function updateText(s: SwarmService): string {
  const u = s.updateStatus;
  if (!u) return "";
  return u.message ? `${u.state}: ${u.message}` : u.state;
}

export function ServicesView(props: { endpointId: string; services: SwarmService[]; canOperate: boolean }) {
  const { endpointId } = props;
  const services = useSwarm(endpointId, "services", props.services);
  const runner = useRunAction();
  const sorted = [...services.items].sort((a, b) => a.name.localeCompare(b.name));
  const base = `/endpoints/${encodeURIComponent(endpointId)}/swarm/services`;
  return (
    <div className="space-y-3">
      <div className="flex items-center">
        <h2 className="text-lg font-semibold">Services ({sorted.length})</h2>
        {props.canOperate && (
          <Link
            href={`${base}/new`}
            className="ml-auto rounded bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700"
          >
            Create service
          </Link>
        )}
      </div>
      <ErrorAlert error={runner.error ?? services.error} />
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Swarm services</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th className="p-2">Name</th>
              <th className="p-2">Mode</th>
              <th className="p-2">Replicas</th>
              <th className="p-2">Image</th>
              <th className="p-2">Ports</th>
              <th className="p-2">Update</th>
              <th className="p-2">Stack</th>
              {props.canOperate && <th className="p-2">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {sorted.map((s) => (
              <tr key={s.id} className="border-b border-slate-100 dark:border-slate-800">
                <th scope="row" className="p-2 font-medium">
                  <Link
                    href={`${base}/${encodeURIComponent(s.id)}`}
                    className="text-blue-600 hover:underline dark:text-blue-300"
                  >
                    {s.name}
                  </Link>
                </th>
                <td className="p-2">{s.mode}</td>
                <td className="p-2" aria-label={`Replicas of ${s.name}`}>
                  {s.running}/{s.desired}
                </td>
                <td className="p-2 font-mono text-xs">{s.image}</td>
                <td className="p-2 text-xs">{portsText(s)}</td>
                <td className="p-2 text-xs">{updateText(s)}</td>
                <td className="p-2">{s.stack ?? ""}</td>
                {props.canOperate && (
                  <td className="p-2">
                    <ServiceActions endpointId={endpointId} service={s} runner={runner} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">No services.</p>}
    </div>
  );
}
