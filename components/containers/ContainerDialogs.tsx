"use client";

import { useId, useState } from "react";
import { FormDialog } from "@/components/ui/form-dialog";
import { toast } from "@/components/ui/toast";
import { recreateContainerAction, renameContainerAction } from "@/server/actions/containers/rename-recreate-actions";

interface Target {
  endpointId: string;
  container: { id: string; name: string };
  onClose: () => void;
}

/** Rename one container: the row menu and the container page's header open it. */
export function RenameDialog(props: Target & { onDone?: () => void }) {
  const [name, setName] = useState(props.container.name);
  const inputId = useId();
  return (
    <FormDialog
      title={`Rename container ${props.container.name}`}
      submitLabel="Rename"
      onClose={props.onClose}
      run={async () => {
        const r = await renameContainerAction({
          endpointId: props.endpointId,
          containerId: props.container.id,
          name,
        });
        if (r.ok) {
          toast.success(`Renamed ${props.container.name} to ${name}`);
          props.onDone?.();
        }
        return r;
      }}
    >
      <label htmlFor={inputId} className="text-sm font-medium">
        New name
      </label>
      <input
        id={inputId}
        value={name}
        onChange={(e) => setName(e.target.value)}
        className="w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-600 dark:bg-slate-900"
      />
    </FormDialog>
  );
}

/** Recreate one container with the same settings (optionally pulling its image first); rolls back on failure. */
export function RecreateDialog(props: Target & { onDone?: (newId: string) => void }) {
  const [pull, setPull] = useState(false);
  const boxId = useId();
  return (
    <FormDialog
      title={`Recreate container ${props.container.name}`}
      submitLabel="Recreate"
      onClose={props.onClose}
      run={async () => {
        const r = await recreateContainerAction({
          endpointId: props.endpointId,
          containerId: props.container.id,
          pull,
        });
        if (r.ok) {
          toast.success(`Recreated ${props.container.name}`);
          props.onDone?.(r.data.id);
        }
        return r;
      }}
    >
      <p className="text-sm">
        A new container is made with the same settings and name; the old one is removed. If anything fails, the old one
        is put back.
      </p>
      <span className="flex items-center gap-2">
        <input id={boxId} type="checkbox" checked={pull} onChange={(e) => setPull(e.target.checked)} />
        <label htmlFor={boxId} className="text-sm">
          Pull image first
        </label>
      </span>
    </FormDialog>
  );
}
