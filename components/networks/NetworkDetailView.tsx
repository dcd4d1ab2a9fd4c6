"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionMessage } from "@/components/resources/ActionMessage";
import { FactList, LabelList } from "@/components/resources/FactList";
import { ContainerLink, UsedBy } from "@/components/resources/UsedBy";
import { useActionRunner } from "@/components/resources/use-action-runner";
import { useLiveRefresh } from "@/components/resources/use-live-refresh";
import { buttonClass, dangerClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import type { NetworkDetail } from "@/lib/resource-detail";
import { BUILTIN_NETWORKS } from "@/lib/resources";
import { eventsTopic } from "@/lib/topics";
import {
  connectNetworkAction,
  disconnectNetworkAction,
  removeNetworkAction,
} from "@/server/actions/networks/network-actions";
import { ConnectDialog } from "./NetworkForms";

/**
 * One network: its facts, the containers on it (each a link, with Disconnect), Connect and Remove for those allowed.
 * Follows the endpoint's events, so a container connected from the CLI shows up without a reload.
 */
export function NetworkDetailView(props: {
  endpointId: string;
  network: NetworkDetail;
  containers: { id: string; name: string }[];
  canManage: boolean;
}) {
  const { endpointId, network: n } = props;
  const router = useRouter();
  useLiveRefresh(eventsTopic(endpointId), ["network", "container"]);
  const { run, busy, message } = useActionRunner();
  const [open, setOpen] = useState<"connect" | "remove" | null>(null);
  const base = `/endpoints/${encodeURIComponent(endpointId)}`;
  const connectable = !["host", "none"].includes(n.name);
  const onIt = new Set(n.containers.map((c) => c.id));
  return (
    <div className="space-y-6">
      {props.canManage && (
        <div role="toolbar" aria-label="Network actions" className="flex flex-wrap gap-2">
          {connectable && (
            <button type="button" className={buttonClass} disabled={busy} onClick={() => setOpen("connect")}>
              Connect a container
            </button>
          )}
          {!BUILTIN_NETWORKS.has(n.name) && (
            <button type="button" className={dangerClass} disabled={busy} onClick={() => setOpen("remove")}>
              Remove
            </button>
          )}
        </div>
      )}
      <ActionMessage message={message} />
      <FactList
        label="Network facts"
        facts={[
          ["Driver", n.driver],
          ["Scope", n.scope],
          ["Subnet", n.subnets.map((s) => s.subnet).join(", ")],
          ["Gateway", n.subnets.map((s) => s.gateway).join(", ")],
          ["Internal", n.internal ? "yes (no outside access)" : "no"],
          ["Attachable", n.attachable ? "yes" : "no"],
          ["Created", n.created],
          [
            "ID",
            <span key="id" className="font-mono text-xs">
              {n.id}
            </span>,
          ],
          ["Labels", <LabelList key="labels" labels={n.labels} />],
        ]}
      />
      <UsedBy count={n.containers.length} empty="No container is connected to this network.">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Containers on {n.name}</caption>
            <thead className="border-b border-slate-300 dark:border-slate-700">
              <tr>
                <th scope="col" className="py-2">
                  Container
                </th>
                <th scope="col">IPv4</th>
                <th scope="col">IPv6</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {n.containers.map((c) => (
                <tr key={c.id} className="border-b border-slate-200 dark:border-slate-800">
                  <th scope="row" className="py-1 font-medium">
                    <ContainerLink base={base} id={c.id} name={c.name} />
                  </th>
                  <td className="font-mono text-xs">{c.ipv4}</td>
                  <td className="font-mono text-xs">{c.ipv6}</td>
                  <td className="text-right">
                    {props.canManage && (
                      <button
                        type="button"
                        className={buttonClass}
                        disabled={busy}
                        onClick={async () => {
                          const r = await run(`Disconnect ${c.name}`, () =>
                            disconnectNetworkAction({ endpointId, network: n.id, container: c.id, force: false }),
                          );
                          if (r) toast.success(`Disconnected ${c.name} from ${n.name}`);
                        }}
                      >
                        Disconnect<span className="sr-only"> {c.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </UsedBy>
      {open === "connect" && (
        <ConnectDialog
          network={n.name}
          containers={props.containers.filter((c) => !onIt.has(c.id))}
          busy={busy}
          onClose={() => setOpen(null)}
          onSubmit={async (container, aliases) => {
            const r = await run(`Connect ${container}`, () =>
              connectNetworkAction({ endpointId, network: n.id, container, aliases }),
            );
            if (r) {
              setOpen(null);
              toast.success(`Connected ${container} to ${n.name}`);
            }
          }}
        />
      )}
      {open === "remove" && (
        <ConfirmDialog
          title={`Remove network ${n.name}?`}
          body={
            n.containers.length
              ? `${n.containers.length} container(s) are still connected: the engine refuses until they are disconnected.`
              : "No container uses it. This cannot be undone."
          }
          confirmLabel="Remove"
          onCancel={() => setOpen(null)}
          onConfirm={async () => {
            setOpen(null);
            const r = await run(`Remove ${n.name}`, () => removeNetworkAction({ endpointId, network: n.id }));
            if (r) {
              toast.success(`Removed network ${n.name}`);
              router.push(`${base}/networks`);
            }
          }}
        />
      )}
    </div>
  );
}
