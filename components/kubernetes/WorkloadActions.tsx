"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { UiButton } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import type { PROPAGATION } from "@/lib/kube-schemas";
import type { KubeResource, SCALABLE } from "@/lib/kube-types";
import {
  cordonNodeAction,
  deleteKubeObjectAction,
  restartWorkloadAction,
  scaleWorkloadAction,
} from "@/server/actions/kubernetes/kube-actions";
import { useActionStatus } from "./use-action-status";

const btn =
  "rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700";

/** Replicas of a Deployment, StatefulSet or ReplicaSet: a number and a Scale button (the list's and the detail page's). */
export function ScaleControl(props: {
  endpointId: string;
  resource: (typeof SCALABLE)[number];
  namespace: string;
  name: string;
  replicas: number;
}) {
  const id = useId();
  const [value, setValue] = useState(String(props.replicas));
  const { busy, run, note } = useActionStatus();
  return (
    <form
      className="flex items-center gap-1 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          () =>
            scaleWorkloadAction({
              endpointId: props.endpointId,
              resource: props.resource,
              namespace: props.namespace,
              name: props.name,
              replicas: Number(value),
            }),
          `Scaled to ${value}`,
        );
      }}
    >
      <label htmlFor={id} className="sr-only">
        Replicas of {props.name}
      </label>
      <input
        id={id}
        type="number"
        min={0}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        className="w-16 rounded border border-slate-300 px-1 dark:border-slate-700 dark:bg-slate-900"
      />
      <button type="submit" disabled={busy} className={btn} aria-label={`Scale ${props.name}`}>
        Scale
      </button>
      {note}
    </form>
  );
}

/** Detail page actions: rollout restart, cordon/uncordon, delete with a propagation choice and a confirmation. */
export function ObjectActions(props: {
  endpointId: string;
  resource: KubeResource;
  namespace?: string;
  name: string;
  canOperate: boolean;
  canCluster: boolean;
  unschedulable?: boolean;
}) {
  const router = useRouter();
  const { busy, run, note } = useActionStatus();
  const [confirming, setConfirming] = useState(false);
  const [propagation, setPropagation] = useState<(typeof PROPAGATION)[number]>("Background");
  const ref = { endpointId: props.endpointId, namespace: props.namespace ?? "", name: props.name };
  const restartable = ["deployments", "statefulsets", "daemonsets"].includes(props.resource);
  const canDelete = props.namespace ? props.canOperate : props.canCluster;
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2">
      {props.canOperate && restartable && (
        <button
          type="button"
          className={btn}
          disabled={busy}
          onClick={() =>
            void run(
              () => restartWorkloadAction({ ...ref, resource: props.resource as "deployments" }),
              "Rollout restarted",
            )
          }
        >
          Rollout restart
        </button>
      )}
      {props.canCluster && props.resource === "nodes" && (
        <button
          type="button"
          className={btn}
          disabled={busy}
          onClick={() =>
            void run(
              () =>
                cordonNodeAction({
                  endpointId: props.endpointId,
                  node: props.name,
                  unschedulable: !props.unschedulable,
                }),
              props.unschedulable ? "Uncordoned" : "Cordoned",
            ).then(() => router.refresh())
          }
        >
          {props.unschedulable ? "Uncordon" : "Cordon"}
        </button>
      )}
      {canDelete && (
        <button type="button" className={btn} onClick={() => setConfirming(true)}>
          Delete…
        </button>
      )}
      {canDelete && confirming && (
        <Dialog
          title={`Delete ${props.name}?`}
          description="The API server removes it; what happens to the objects it owns is your choice."
          onClose={() => setConfirming(false)}
        >
          <label className="flex flex-col gap-1 text-sm">
            Dependents
            <select
              value={propagation}
              onChange={(e) => setPropagation(e.target.value as typeof propagation)}
              className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            >
              <option value="Background">Delete them in the background</option>
              <option value="Foreground">Delete them first (foreground)</option>
              <option value="Orphan">Keep them (orphan)</option>
            </select>
          </label>
          <DialogFooter>
            <UiButton variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </UiButton>
            <UiButton
              variant="danger"
              disabled={busy}
              onClick={() =>
                void run(
                  () =>
                    deleteKubeObjectAction({
                      endpointId: props.endpointId,
                      resource: props.resource,
                      namespace: props.namespace,
                      name: props.name,
                      propagation,
                    }),
                  "Deleted",
                ).then(() => setConfirming(false))
              }
            >
              Delete
            </UiButton>
          </DialogFooter>
        </Dialog>
      )}
      {note}
    </div>
  );
}
