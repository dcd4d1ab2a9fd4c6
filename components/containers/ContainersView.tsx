"use client";

import { useState } from "react";
import { HealthBadge } from "@/components/endpoints/HealthBadge";
import { useTopic } from "@/components/realtime/use-topic";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ContainerSummary, EndpointView } from "@/lib/domain";
import {
  removeContainerAction,
  restartContainerAction,
  startContainerAction,
  stopContainerAction,
} from "@/server/actions/containers/container-actions";
import { ContainerMoreActions } from "./ContainerMoreActions";
import { ContainersTable, type RowAction } from "./ContainersTable";

const ACTIONS = {
  Start: startContainerAction,
  Stop: stopContainerAction,
  Restart: restartContainerAction,
  Remove: removeContainerAction,
} as const;

export function ContainersView(props: { endpoint: EndpointView; initial: ContainerSummary[]; canOperate: boolean }) {
  const { endpoint } = props;
  const containers = useTopic<ContainerSummary>(`endpoint:${endpoint.id}:containers`, props.initial);
  const endpoints = useTopic<EndpointView>("endpoints", [endpoint]);
  const health = endpoints.items.find((e) => e.id === endpoint.id)?.health ?? endpoint.health;
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState<Set<string>>(new Set());
  const [confirm, setConfirm] = useState<ContainerSummary | null>(null);

  async function run(action: RowAction, c: ContainerSummary) {
    setMessage(null);
    setPending((p) => new Set(p).add(c.id));
    try {
      const result = await ACTIONS[action]({ endpointId: endpoint.id, containerId: c.id });
      if (!result.ok) setMessage(`${action} ${c.name}: ${result.error}`);
    } catch {
      setMessage(`${action} ${c.name}: Berth could not be reached`);
    } finally {
      setPending((p) => {
        const n = new Set(p);
        n.delete(c.id);
        return n;
      });
    }
  }

  return (
    <div className="space-y-4">
      <p className="flex items-center gap-2 text-sm">
        <span>Endpoint status:</span>
        <HealthBadge health={health} />
        {health.state === "down" && <span>{health.reason}</span>}
        <span className="ml-auto text-slate-500" aria-live="polite">
          {containers.status === "live" ? "Live" : containers.status === "error" ? containers.error : "Connecting…"}
        </span>
      </p>
      {message && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          {message}
        </p>
      )}
      <ContainersTable
        containers={containers.items}
        canOperate={props.canOperate}
        pending={pending}
        onAction={(action, c) => (action === "Remove" ? setConfirm(c) : void run(action, c))}
        extraActions={(c, busy) => <ContainerMoreActions endpointId={endpoint.id} container={c} disabled={busy} />}
      />
      {confirm && (
        <ConfirmDialog
          title={`Remove container ${confirm.name}?`}
          body="The container and its anonymous volumes are deleted. This cannot be undone."
          confirmLabel="Remove"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const c = confirm;
            setConfirm(null);
            void run("Remove", c);
          }}
        />
      )}
    </div>
  );
}
