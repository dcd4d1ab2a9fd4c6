"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ResourceTable } from "@/components/resources/resource-table";
import { useLiveRefresh } from "@/components/resources/use-live-refresh";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { BUILTIN_NETWORKS, type NetworkSummary } from "@/lib/resources";
import { eventsTopic } from "@/lib/topics";
import {
  connectNetworkAction,
  createNetworkAction,
  disconnectNetworkAction,
  removeNetworkAction,
} from "@/server/actions/networks/network-actions";
import { ConnectDialog, CreateNetworkDialog } from "./NetworkForms";

type Open =
  | { kind: "create" }
  | { kind: "connect"; net: NetworkSummary }
  | { kind: "remove"; net: NetworkSummary }
  | null;

export function NetworksView(props: {
  endpointId: string;
  networks: NetworkSummary[];
  containers: { id: string; name: string }[];
  canManage: boolean;
  swarm: boolean;
  /** On a swarm manager: the services using each network (by network key). */
  services?: Record<string, string[]>;
}) {
  const { endpointId } = props;
  const router = useRouter();
  useLiveRefresh(eventsTopic(endpointId), ["network", "container"]);
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(what: string, fn: () => Promise<{ ok: boolean; error?: string }>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const r = await fn();
      if (!r.ok) setError(`${what}: ${r.error}`);
      else router.refresh();
      return r.ok;
    } catch {
      setError(`${what}: Berth could not be reached`);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex items-center">
        <h2 className="text-lg font-semibold">Networks ({props.networks.length})</h2>
        {props.canManage && (
          <button type="button" className={`${buttonClass} ml-auto`} onClick={() => setOpen({ kind: "create" })}>
            Create network
          </button>
        )}
      </div>
      {error && (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300"
        >
          {error}
        </p>
      )}
      <NetworksTable
        networks={props.networks}
        services={props.services}
        canManage={props.canManage}
        onConnect={(net) => setOpen({ kind: "connect", net })}
        onRemove={(net) => setOpen({ kind: "remove", net })}
        onDisconnect={(net, c) =>
          void run(`Disconnect ${c}`, () =>
            disconnectNetworkAction({ endpointId, network: net.id, container: c, force: false }),
          )
        }
      />
      {open?.kind === "create" && (
        <CreateNetworkDialog
          swarm={props.swarm}
          busy={busy}
          onClose={() => setOpen(null)}
          onSubmit={async (input) => {
            if (await run(`Create ${input.name}`, () => createNetworkAction({ ...input, endpointId }))) setOpen(null);
          }}
        />
      )}
      {open?.kind === "connect" && (
        <ConnectDialog
          network={open.net.name}
          containers={props.containers}
          busy={busy}
          onClose={() => setOpen(null)}
          onSubmit={async (container, aliases) => {
            const ok = await run(`Connect ${container}`, () =>
              connectNetworkAction({ endpointId, network: open.net.id, container, aliases }),
            );
            if (ok) setOpen(null);
          }}
        />
      )}
      {open?.kind === "remove" && (
        <ConfirmDialog
          title={`Remove network ${open.net.name}?`}
          body="Containers must be disconnected first; the engine refuses otherwise."
          confirmLabel="Remove"
          onCancel={() => setOpen(null)}
          onConfirm={() => {
            const net = open.net;
            setOpen(null);
            void run(`Remove ${net.name}`, () => removeNetworkAction({ endpointId, network: net.id }));
          }}
        />
      )}
    </div>
  );
}

export function NetworksTable(props: {
  networks: NetworkSummary[];
  endpointNames?: Record<string, string>;
  services?: Record<string, string[]>;
  canManage: boolean;
  onConnect?: (n: NetworkSummary) => void;
  onRemove?: (n: NetworkSummary) => void;
  onDisconnect?: (n: NetworkSummary, container: string) => void;
}) {
  const multi = !!props.endpointNames;
  return (
    <ResourceTable
      name="Networks"
      first="Name"
      multi={multi}
      columns={["Driver", "Scope", "Subnet", "Attached containers", !!props.services && "Swarm services"]}
      isEmpty={props.networks.length === 0}
    >
      {props.networks.map((n) => (
        <tr key={n.key} className="border-b border-slate-200 align-top dark:border-slate-800">
          <th scope="row" className="py-1 font-medium">
            <Link
              className="hover:underline"
              href={`/endpoints/${encodeURIComponent(n.endpointId)}/networks/${encodeURIComponent(n.id)}`}
            >
              {n.name}
            </Link>
          </th>
          {multi && <td>{props.endpointNames?.[n.endpointId] ?? n.endpointId}</td>}
          <td>
            {n.driver}
            {n.internal ? " (internal)" : ""}
          </td>
          <td>{n.scope}</td>
          <td className="font-mono text-xs">{n.subnets.join(", ")}</td>
          <td>
            <ul aria-label={`Containers on ${n.name}`} className="text-xs">
              {n.containers.map((c) => (
                <li key={c.id} className="flex items-center gap-1">
                  <span>
                    <Link
                      className="hover:underline"
                      href={`/endpoints/${encodeURIComponent(n.endpointId)}/containers/${encodeURIComponent(c.id)}`}
                    >
                      {c.name}
                    </Link>
                    {c.aliases.length ? ` (aliases: ${c.aliases.join(", ")})` : ""}
                  </span>
                  {props.canManage && props.onDisconnect && (
                    <button type="button" className={buttonClass} onClick={() => props.onDisconnect?.(n, c.name)}>
                      Disconnect
                      <span className="sr-only">
                        {" "}
                        {c.name} from {n.name}
                      </span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </td>
          {props.services && (
            <td>
              <ul aria-label={`Swarm services on ${n.name}`} className="text-xs">
                {(props.services[n.key] ?? []).map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
            </td>
          )}
          <td className="space-x-1 whitespace-nowrap">
            <Link
              className="text-xs text-blue-600 hover:underline dark:text-blue-300"
              href={`/endpoints/${encodeURIComponent(n.endpointId)}/networks/${encodeURIComponent(n.id)}`}
            >
              Inspect<span className="sr-only"> {n.name}</span>
            </Link>
            {props.canManage && props.onConnect && !["host", "none"].includes(n.name) && (
              <button type="button" className={buttonClass} onClick={() => props.onConnect?.(n)}>
                Connect<span className="sr-only"> a container to {n.name}</span>
              </button>
            )}
            {props.canManage && props.onRemove && !BUILTIN_NETWORKS.has(n.name) && (
              <button type="button" className={buttonClass} onClick={() => props.onRemove?.(n)}>
                Remove<span className="sr-only"> {n.name}</span>
              </button>
            )}
          </td>
        </tr>
      ))}
    </ResourceTable>
  );
}
