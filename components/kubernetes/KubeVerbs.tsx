"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { UiButton } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import type { KubeRevision } from "@/lib/kube-types";
import {
  drainNodeAction,
  pauseRolloutAction,
  replaceKubeObjectAction,
  runCronJobAction,
  undoRolloutAction,
} from "@/server/actions/kubernetes/kube-actions";
import { age } from "./kube-columns";
import { useActionStatus } from "./use-action-status";

const btn =
  "rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700";

/** A Deployment's rollout: pause/resume, and its revisions with "Roll back to" each older one. */
export function RolloutPanel(props: {
  endpointId: string;
  namespace: string;
  name: string;
  paused: boolean;
  history: KubeRevision[];
  canOperate: boolean;
}) {
  const { busy, run, note: view } = useActionStatus({ refresh: true });
  const ref = { endpointId: props.endpointId, namespace: props.namespace, name: props.name };
  return (
    <section aria-label="Rollout" className="space-y-2">
      <h2 className="text-lg font-semibold">Rollout{props.paused ? " (paused)" : ""}</h2>
      {props.canOperate && (
        <UiButton
          variant="ghost"
          disabled={busy}
          onClick={() =>
            void run(
              () => pauseRolloutAction({ ...ref, paused: !props.paused }),
              () => (props.paused ? "Rollout resumed" : "Rollout paused"),
            )
          }
        >
          {props.paused ? "Resume rollout" : "Pause rollout"}
        </UiButton>
      )}
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Revisions of {props.name}</caption>
        <thead>
          <tr>
            <th className="py-1 pr-3">Revision</th>
            <th className="py-1 pr-3">ReplicaSet</th>
            <th className="py-1 pr-3">Images</th>
            <th className="py-1 pr-3">Change cause</th>
            <th className="py-1 pr-3">Age</th>
            <th className="py-1 pr-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {[...props.history].reverse().map((r) => (
            <tr key={r.revision}>
              <td className="py-1 pr-3">
                {r.revision}
                {r.current ? " (current)" : ""}
              </td>
              <td className="py-1 pr-3">{r.replicaSet}</td>
              <td className="py-1 pr-3 font-mono text-xs">{r.images.join(", ")}</td>
              <td className="py-1 pr-3">{r.changeCause || "<none>"}</td>
              <td className="py-1 pr-3">{age(r.createdAt)}</td>
              <td className="py-1 pr-3">
                {props.canOperate && !r.current && (
                  <button
                    type="button"
                    className={btn}
                    disabled={busy}
                    onClick={() =>
                      void run(
                        () => undoRolloutAction({ ...ref, revision: r.revision }),
                        () => `Rolled back to revision ${r.revision}`,
                      )
                    }
                  >
                    Roll back to {r.revision}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {view && <p>{view}</p>}
    </section>
  );
}

/** A CronJob's "Run now": a Job from its template, linked once made. */
export function RunCronJob(props: { endpointId: string; namespace: string; name: string }) {
  const { busy, run, note: view } = useActionStatus({ refresh: true });
  const [job, setJob] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <UiButton
        variant="ghost"
        disabled={busy}
        onClick={() =>
          void run(
            () => runCronJobAction({ endpointId: props.endpointId, namespace: props.namespace, name: props.name }),
            (r) => {
              const made = (r.data as { job: string }).job;
              setJob(made);
              return `Created job ${made}`;
            },
          )
        }
      >
        Run now
      </UiButton>
      {view && <p>{view}</p>}
      {job && (
        <Link
          className="text-sm text-blue-600 hover:underline"
          href={`/endpoints/${encodeURIComponent(props.endpointId)}/k8s/jobs/${encodeURIComponent(props.namespace)}/${job}`}
        >
          Open job {job}
        </Link>
      )}
    </div>
  );
}

/** Drain a node (admins): cordon, then evict its pods; "force" also evicts pods no controller manages. */
export function DrainNode(props: { endpointId: string; node: string }) {
  const { busy, run, note: view } = useActionStatus({ refresh: true });
  const [open, setOpen] = useState(false);
  const [force, setForce] = useState(false);
  return (
    <div className="space-y-1">
      <UiButton variant="ghost" onClick={() => setOpen(true)}>
        Drain…
      </UiButton>
      {open && (
        <Dialog
          title={`Drain ${props.node}?`}
          description="The node is cordoned, then every pod on it except DaemonSet pods is evicted."
          onClose={() => setOpen(false)}
        >
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
            Also evict pods no controller manages (they are gone for good)
          </label>
          <DialogFooter>
            <UiButton variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </UiButton>
            <UiButton
              variant="danger"
              disabled={busy}
              onClick={() =>
                void run(
                  () => drainNodeAction({ endpointId: props.endpointId, node: props.node, force }),
                  (r) => {
                    const d = r.data as { evicted: string[]; skipped: string[]; failed: { pod: string }[] };
                    return `Drained: ${d.evicted.length} evicted, ${d.skipped.length} skipped (DaemonSet or mirror), ${d.failed.length} refused`;
                  },
                ).then(() => setOpen(false))
              }
            >
              Drain
            </UiButton>
          </DialogFooter>
        </Dialog>
      )}
      {view && <p>{view}</p>}
    </div>
  );
}

/** Edit an object's YAML; saving sends the resourceVersion it was read at, so a concurrent change is refused. */
export function EditYaml(props: {
  endpointId: string;
  resource: string;
  namespace?: string;
  name: string;
  yaml: string;
}) {
  const id = useId();
  const { busy, run, note: view } = useActionStatus({ refresh: true });
  const [text, setText] = useState(props.yaml);
  const [editing, setEditing] = useState(false);
  if (!editing)
    return (
      <div className="space-y-1">
        <UiButton
          variant="ghost"
          onClick={() => {
            setText(props.yaml);
            setEditing(true);
          }}
        >
          Edit YAML
        </UiButton>
        {view && <p>{view}</p>}
      </div>
    );
  return (
    <section aria-label="Edit YAML" className="space-y-2">
      <label htmlFor={id} className="text-sm font-medium">
        YAML of {props.name}
      </label>
      <textarea
        id={id}
        rows={24}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="w-full rounded border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
      />
      <div className="flex gap-2">
        <UiButton
          disabled={busy}
          onClick={() =>
            void run(
              () =>
                replaceKubeObjectAction({
                  endpointId: props.endpointId,
                  resource: props.resource,
                  namespace: props.namespace,
                  name: props.name,
                  yaml: text,
                }),
              () => "Saved",
            ).then((ok) => ok && setEditing(false))
          }
        >
          Save
        </UiButton>
        <UiButton variant="ghost" onClick={() => setEditing(false)}>
          Cancel
        </UiButton>
      </div>
      {view && <p>{view}</p>}
    </section>
  );
}
