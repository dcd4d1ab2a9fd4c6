"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { FormDialog } from "@/components/ui/form-dialog";
import type { ContainerSummary } from "@/lib/domain";
import { recreateContainerAction, renameContainerAction } from "@/server/actions/containers/rename-recreate-actions";

const buttonClass =
  "mr-1 rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:hover:bg-slate-800 disabled:opacity-40";

/** Duplicate, Edit (pages with the create form), Rename and Recreate (small dialogs) for one container row. */
export function ContainerMoreActions(props: { endpointId: string; container: ContainerSummary; disabled: boolean }) {
  const { container: c, endpointId } = props;
  const [open, setOpen] = useState<"rename" | "recreate" | null>(null);
  return (
    <>
      <Link
        href={`/endpoints/${encodeURIComponent(endpointId)}/containers/new?from=${encodeURIComponent(c.id)}`}
        className={buttonClass}
      >
        Duplicate
      </Link>
      <Link
        href={`/endpoints/${encodeURIComponent(endpointId)}/containers/${encodeURIComponent(c.id)}/edit`}
        className={buttonClass}
      >
        Edit
      </Link>
      <button type="button" className={buttonClass} disabled={props.disabled} onClick={() => setOpen("rename")}>
        Rename
      </button>
      <button type="button" className={buttonClass} disabled={props.disabled} onClick={() => setOpen("recreate")}>
        Recreate
      </button>
      {open === "rename" && <RenameDialog endpointId={endpointId} container={c} onClose={() => setOpen(null)} />}
      {open === "recreate" && <RecreateDialog endpointId={endpointId} container={c} onClose={() => setOpen(null)} />}
    </>
  );
}

function RenameDialog(props: { endpointId: string; container: ContainerSummary; onClose: () => void }) {
  const [name, setName] = useState(props.container.name);
  const inputId = useId();
  return (
    <FormDialog
      title={`Rename container ${props.container.name}`}
      submitLabel="Rename"
      onClose={props.onClose}
      run={() => renameContainerAction({ endpointId: props.endpointId, containerId: props.container.id, name })}
    >
      <label htmlFor={inputId} className="text-sm font-medium">
        New name
      </label>
      <input
        id={inputId}
        value={name}
        onChange={(e) => setName(e.target.value)}
        className="w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
      />
    </FormDialog>
  );
}

function RecreateDialog(props: { endpointId: string; container: ContainerSummary; onClose: () => void }) {
  const [pull, setPull] = useState(false);
  const boxId = useId();
  return (
    <FormDialog
      title={`Recreate container ${props.container.name}`}
      submitLabel="Recreate"
      onClose={props.onClose}
      run={() => recreateContainerAction({ endpointId: props.endpointId, containerId: props.container.id, pull })}
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
