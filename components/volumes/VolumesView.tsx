"use client";

import Link from "next/link";
import { useState } from "react";
import { ActionMessage } from "@/components/resources/ActionMessage";
import { PruneDialog } from "@/components/resources/PruneDialog";
import { ResourceTable } from "@/components/resources/resource-table";
import { useActionRunner } from "@/components/resources/use-action-runner";
import { useLiveRefresh } from "@/components/resources/use-live-refresh";
import { buttonClass, inputClass, primaryClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { formatBytes, type PrunePlan, parseLabelLines, type VolumeSummary } from "@/lib/resources";
import { eventsTopic } from "@/lib/topics";
import {
  createVolumeAction,
  previewVolumePruneAction,
  pruneVolumesAction,
  removeVolumeAction,
} from "@/server/actions/volumes/volume-actions";

type Open =
  | { kind: "create" }
  | { kind: "remove"; vol: VolumeSummary }
  | { kind: "prune"; plan: PrunePlan<VolumeSummary> }
  | null;

export function VolumesView(props: { endpointId: string; volumes: VolumeSummary[]; canManage: boolean }) {
  const { endpointId } = props;
  useLiveRefresh(eventsTopic(endpointId), ["volume", "container"]);
  const [open, setOpen] = useState<Open>(null);
  const { run, busy, message, setMessage } = useActionRunner();

  return (
    <div className="space-y-4">
      <div className="flex items-center gap-2">
        <h2 className="text-lg font-semibold">Volumes ({props.volumes.length})</h2>
        {props.canManage && (
          <>
            <button type="button" className={`${buttonClass} ml-auto`} onClick={() => setOpen({ kind: "create" })}>
              Create volume
            </button>
            <button
              type="button"
              className={buttonClass}
              disabled={busy}
              onClick={async () => {
                const r = await run("Prune preview", () => previewVolumePruneAction({ endpointId }));
                if (r) setOpen({ kind: "prune", plan: r.value });
              }}
            >
              Prune unused volumes
            </button>
          </>
        )}
      </div>
      <ActionMessage message={message} />
      <VolumesTable
        volumes={props.volumes}
        canManage={props.canManage}
        onRemove={(vol) => setOpen({ kind: "remove", vol })}
      />
      {open?.kind === "create" && (
        <CreateVolumeDialog
          busy={busy}
          onClose={() => setOpen(null)}
          onSubmit={async (name, driver, labels) => {
            const r = await run("Create volume", () => createVolumeAction({ endpointId, name, driver, labels }));
            if (r) {
              setOpen(null);
              setMessage({ error: false, text: `Created volume ${r.value.name}` });
            }
          }}
        />
      )}
      {open?.kind === "remove" && (
        <ConfirmDialog
          title={`Remove volume ${open.vol.name}?`}
          body="Its data is deleted. This cannot be undone."
          confirmLabel="Remove"
          onCancel={() => setOpen(null)}
          onConfirm={() => {
            const vol = open.vol;
            setOpen(null);
            void run(`Remove ${vol.name}`, () => removeVolumeAction({ endpointId, name: vol.name, force: false }));
          }}
        />
      )}
      {open?.kind === "prune" && (
        <PruneDialog
          plural="volumes"
          plan={open.plan}
          nothing="Every volume is mounted by a container: nothing to prune."
          summary={
            <>
              These {open.plan.items.length} volume(s) are mounted by no container and will be deleted with their data.
              Space returned: <strong>{formatBytes(open.plan.reclaimBytes)}</strong>.
            </>
          }
          itemKey={(v) => v.name}
          itemText={(v) => `${v.name} (${v.size === null ? "size unknown" : formatBytes(v.size)})`}
          busy={busy}
          onClose={() => setOpen(null)}
          onConfirm={async (items) => {
            setOpen(null);
            const r = await run("Prune", () => pruneVolumesAction({ endpointId, names: items.map((v) => v.name) }));
            if (r)
              setMessage({
                error: r.value.skipped.length > 0,
                text: `Pruned ${r.value.removed.length} volume(s)${r.value.skipped.length ? `; kept ${r.value.skipped.length}` : ""}`,
              });
          }}
        />
      )}
    </div>
  );
}

function CreateVolumeDialog(props: {
  busy: boolean;
  onClose: () => void;
  onSubmit: (name: string, driver: string, labels: Record<string, string>) => void;
}) {
  const [name, setName] = useState("");
  const [driver, setDriver] = useState("local");
  const [labels, setLabels] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title="Create volume" onClose={props.onClose}>
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          try {
            props.onSubmit(name.trim(), driver.trim(), parseLabelLines(labels));
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      >
        <label className="flex flex-col text-sm">
          Name (empty for a generated one)
          <input className={inputClass} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="flex flex-col text-sm">
          Driver
          <input className={inputClass} value={driver} onChange={(e) => setDriver(e.target.value)} required />
        </label>
        <label className="flex flex-col text-sm">
          Labels (key=value, one per line)
          <textarea className={inputClass} rows={2} value={labels} onChange={(e) => setLabels(e.target.value)} />
        </label>
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass} onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className={primaryClass} disabled={props.busy}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function VolumesTable(props: {
  volumes: VolumeSummary[];
  endpointNames?: Record<string, string>;
  canManage: boolean;
  onRemove?: (v: VolumeSummary) => void;
}) {
  const multi = !!props.endpointNames;
  return (
    <ResourceTable
      name="Volumes"
      first="Name"
      multi={multi}
      columns={["Driver", "Mountpoint", "Size", "Used by"]}
      isEmpty={props.volumes.length === 0}
      empty="No volumes yet: create one here, or a container that mounts a named volume makes it."
    >
      {props.volumes.map((v) => (
        <tr key={v.key} className="border-b border-slate-200 align-top dark:border-slate-800">
          <th scope="row" className="break-all py-1 font-mono text-xs font-medium">
            <Link
              className="hover:underline"
              href={`/endpoints/${encodeURIComponent(v.endpointId)}/volumes/${encodeURIComponent(v.name)}`}
            >
              {v.name}
            </Link>
          </th>
          {multi && <td>{props.endpointNames?.[v.endpointId] ?? v.endpointId}</td>}
          <td>{v.driver}</td>
          <td className="break-all font-mono text-xs">{v.mountpoint}</td>
          <td>{v.size === null ? "" : formatBytes(v.size)}</td>
          <td className="text-xs">{v.containers.length ? v.containers.map((c) => c.name).join(", ") : "unused"}</td>
          <td className="space-x-1 whitespace-nowrap">
            <Link
              className="text-xs text-blue-600 hover:underline dark:text-blue-300"
              href={`/endpoints/${encodeURIComponent(v.endpointId)}/volumes/${encodeURIComponent(v.name)}`}
            >
              Inspect<span className="sr-only"> {v.name}</span>
            </Link>
            {props.canManage && props.onRemove && (
              <button type="button" className={buttonClass} onClick={() => props.onRemove?.(v)}>
                Remove<span className="sr-only"> {v.name}</span>
              </button>
            )}
          </td>
        </tr>
      ))}
    </ResourceTable>
  );
}
