"use client";

import { useMemo, useState } from "react";
import { buttonClass, inputClass, primaryClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { type SwarmService, stacksOf } from "@/lib/swarm";
import { deployStackAction, removeStackAction } from "@/server/actions/swarm/stack-actions";
import { ErrorAlert, useRunAction } from "./run-action";
import { useSwarm } from "./use-swarm";

/** Stacks (Berth's and the docker CLI's alike: services carrying com.docker.stack.namespace), live. */
export function StacksView(props: { endpointId: string; services: SwarmService[]; canOperate: boolean }) {
  const { endpointId } = props;
  const services = useSwarm(endpointId, "services", props.services);
  const runner = useRunAction();
  const [deploying, setDeploying] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const stacks = useMemo(() => stacksOf(services.items), [services.items]);
  return (
    <div className="space-y-3">
      <div className="flex items-center">
        <h2 className="text-lg font-semibold">Stacks ({stacks.length})</h2>
        {props.canOperate && (
          <button type="button" className={`${primaryClass} ml-auto`} onClick={() => setDeploying(true)}>
            Deploy stack
          </button>
        )}
      </div>
      <ErrorAlert error={runner.error ?? services.error} />
      {notes.length > 0 && (
        <ul role="status" className="list-disc pl-5 text-sm text-amber-800 dark:text-amber-300">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Stacks</caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th className="p-2">Name</th>
            <th className="p-2">Services</th>
            <th className="p-2">Tasks running</th>
            {props.canOperate && <th className="p-2">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {stacks.map((s) => (
            <tr key={s.name} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className="p-2 font-medium">
                {s.name}
              </th>
              <td className="p-2">{s.services}</td>
              <td className="p-2">
                {s.running}/{s.desired}
              </td>
              {props.canOperate && (
                <td className="p-2">
                  <button
                    type="button"
                    className={buttonClass}
                    aria-label={`Remove stack ${s.name}`}
                    onClick={() => setRemoving(s.name)}
                  >
                    Remove
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {deploying && (
        <DeployDialog
          onClose={() => setDeploying(false)}
          onDeploy={async (stack, compose) => {
            setNotes([]);
            let warnings: string[] = [];
            const ok = await runner.run(`Deploy ${stack}`, async () => {
              const r = await deployStackAction({ endpointId, stack, compose, env: {} });
              if (r.ok) warnings = r.data.warnings;
              return r;
            });
            if (ok) {
              setNotes(warnings);
              setDeploying(false);
            }
          }}
          error={runner.error}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove stack ${removing}?`}
          body="Its services, networks, secrets and configs are removed, as `docker stack rm` does."
          confirmLabel="Remove stack"
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const s = removing;
            setRemoving(null);
            void runner.run(`Remove ${s}`, () => removeStackAction({ endpointId, stack: s }));
          }}
        />
      )}
    </div>
  );
}

function DeployDialog(props: {
  onClose: () => void;
  onDeploy: (stack: string, compose: string) => void;
  error: string | null;
}) {
  const [stack, setStack] = useState("");
  const [compose, setCompose] = useState("");
  return (
    <Dialog title="Deploy a stack" onClose={props.onClose} wide>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          props.onDeploy(stack, compose);
        }}
      >
        <ErrorAlert error={props.error} />
        <label className="block text-sm">
          Stack name
          <input
            className={`${inputClass} mt-1 block w-full`}
            required
            value={stack}
            onChange={(e) => setStack(e.target.value)}
          />
        </label>
        <label className="block text-sm">
          Compose file
          <textarea
            className={`${inputClass} mt-1 block h-72 w-full font-mono`}
            required
            spellCheck={false}
            value={compose}
            onChange={(e) => setCompose(e.target.value)}
          />
        </label>
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass} onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className={primaryClass}>
            Deploy
          </button>
        </div>
      </form>
    </Dialog>
  );
}
