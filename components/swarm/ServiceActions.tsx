"use client";

import { useState } from "react";
import { buttonClass, inputClass, primaryClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import type { SwarmService } from "@/lib/swarm";
import {
  redeployServiceAction,
  removeServiceAction,
  rollbackServiceAction,
  scaleServiceAction,
} from "@/server/actions/swarm/service-actions";
import type { useRunAction } from "./run-action";

/** Scale, force update, rollback and remove of one service (operators and admins). */
export function ServiceActions(props: {
  endpointId: string;
  service: SwarmService;
  runner: ReturnType<typeof useRunAction>;
  onRemoved?: () => void;
}) {
  const { endpointId, service: s, runner } = props;
  const [dialog, setDialog] = useState<"scale" | "remove" | null>(null);
  const target = { endpointId, serviceId: s.id };
  return (
    <span className="space-x-1 whitespace-nowrap">
      {s.mode === "replicated" && (
        <button
          type="button"
          className={buttonClass}
          disabled={runner.busy}
          aria-label={`Scale ${s.name}`}
          onClick={() => setDialog("scale")}
        >
          Scale
        </button>
      )}
      <button
        type="button"
        className={buttonClass}
        disabled={runner.busy}
        aria-label={`Redeploy ${s.name}`}
        onClick={() => void runner.run(`Redeploy ${s.name}`, () => redeployServiceAction(target))}
      >
        Redeploy
      </button>
      <button
        type="button"
        className={buttonClass}
        disabled={runner.busy}
        aria-label={`Roll back ${s.name}`}
        onClick={() => void runner.run(`Roll back ${s.name}`, () => rollbackServiceAction(target))}
      >
        Roll back
      </button>
      <button
        type="button"
        className={buttonClass}
        disabled={runner.busy}
        aria-label={`Remove ${s.name}`}
        onClick={() => setDialog("remove")}
      >
        Remove
      </button>
      {dialog === "scale" && (
        <ScaleDialog
          service={s}
          onClose={() => setDialog(null)}
          onScale={async (replicas) => {
            if (await runner.run(`Scale ${s.name}`, () => scaleServiceAction({ ...target, replicas }))) setDialog(null);
          }}
        />
      )}
      {dialog === "remove" && (
        <ConfirmDialog
          title={`Remove service ${s.name}?`}
          body="Its tasks stop on every node."
          confirmLabel="Remove service"
          onCancel={() => setDialog(null)}
          onConfirm={async () => {
            setDialog(null);
            if (await runner.run(`Remove ${s.name}`, () => removeServiceAction(target))) props.onRemoved?.();
          }}
        />
      )}
    </span>
  );
}

function ScaleDialog(props: { service: SwarmService; onClose: () => void; onScale: (n: number) => void }) {
  const [replicas, setReplicas] = useState(String(props.service.replicas ?? 1));
  return (
    <Dialog title={`Scale ${props.service.name}`} onClose={props.onClose}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          props.onScale(Number(replicas));
        }}
      >
        <label className="block text-sm">
          Replicas
          <input
            type="number"
            min={0}
            max={1000}
            required
            className={`${inputClass} mt-1 block w-32`}
            value={replicas}
            onChange={(e) => setReplicas(e.target.value)}
          />
        </label>
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass} onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className={primaryClass}>
            Apply scale
          </button>
        </div>
      </form>
    </Dialog>
  );
}
