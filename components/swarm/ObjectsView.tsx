"use client";

import { useState } from "react";
import { buttonClass, inputClass, primaryClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import type { SwarmObject } from "@/lib/swarm";
import { createSwarmObjectAction, removeSwarmObjectAction } from "@/server/actions/swarm/object-actions";
import { ErrorAlert, useRunAction } from "./run-action";
import { useSwarm } from "./use-swarm";

/** Secrets or configs of a swarm: names, labels, which services use them. A secret's value is never shown. */
export function ObjectsView(props: {
  endpointId: string;
  kind: "secret" | "config";
  items: SwarmObject[];
  usedBy: Record<string, string[]>;
  canOperate: boolean;
}) {
  const { endpointId, kind } = props;
  const live = useSwarm(endpointId, kind === "secret" ? "secrets" : "configs", props.items);
  const runner = useRunAction();
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<SwarmObject | null>(null);
  const title = kind === "secret" ? "Secrets" : "Configs";
  const sorted = [...live.items].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="space-y-3">
      <div className="flex items-center">
        <h2 className="text-lg font-semibold">
          {title} ({sorted.length})
        </h2>
        {props.canOperate && (
          <button type="button" className={`${primaryClass} ml-auto`} onClick={() => setCreating(true)}>
            Create {kind}
          </button>
        )}
      </div>
      <ErrorAlert error={runner.error ?? live.error} />
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th className="p-2">Name</th>
            <th className="p-2">Created</th>
            <th className="p-2">Labels</th>
            <th className="p-2">Used by</th>
            {props.canOperate && <th className="p-2">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((o) => (
            <tr key={o.id} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className="p-2 font-medium">
                {o.name}
              </th>
              <td className="p-2 text-xs">{o.createdAt.replace("T", " ").slice(0, 19)}</td>
              <td className="p-2 font-mono text-xs">
                {Object.entries(o.labels)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(", ")}
              </td>
              <td className="p-2">{(props.usedBy[o.id] ?? []).join(", ")}</td>
              {props.canOperate && (
                <td className="p-2">
                  <button
                    type="button"
                    className={buttonClass}
                    aria-label={`Remove ${o.name}`}
                    onClick={() => setRemoving(o)}
                  >
                    Remove
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {creating && (
        <CreateDialog
          kind={kind}
          onClose={() => setCreating(false)}
          onCreate={async (name, value) => {
            if (
              await runner.run(`Create ${name}`, () =>
                createSwarmObjectAction({ endpointId, kind, name, value, labels: {} }),
              )
            )
              setCreating(false);
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${kind} ${removing.name}?`}
          body="Services that use it keep running; the engine refuses while any service refers to it."
          confirmLabel={`Remove ${kind}`}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const o = removing;
            setRemoving(null);
            void runner.run(`Remove ${o.name}`, () => removeSwarmObjectAction({ endpointId, kind, id: o.id }));
          }}
        />
      )}
    </div>
  );
}

function CreateDialog(props: {
  kind: "secret" | "config";
  onClose: () => void;
  onCreate: (n: string, v: string) => void;
}) {
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  return (
    <Dialog title={`Create ${props.kind}`} onClose={props.onClose}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          props.onCreate(name, value);
        }}
      >
        <label className="block text-sm">
          Name
          <input
            className={`${inputClass} mt-1 block w-full`}
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="block text-sm">
          Value
          <textarea
            className={`${inputClass} mt-1 block h-32 w-full font-mono`}
            required
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        {props.kind === "secret" && (
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Stored encrypted by the swarm; Berth never shows it again.
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass} onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className={primaryClass}>
            Create {props.kind}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
