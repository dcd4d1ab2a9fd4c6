"use client";

import Link from "next/link";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
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

/** A modal form: submits once, shows the server's message on failure, closes on success. */
function FormDialog(props: {
  title: string;
  submitLabel: string;
  children: ReactNode;
  onClose: () => void;
  run: () => Promise<{ ok: true } | { ok: false; error: string }>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await props.run();
      if (r.ok) props.onClose();
      else setError(r.error);
    } catch {
      setError("Berth could not be reached. Try again.");
    } finally {
      setBusy(false);
    }
  }
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={props.onClose}
      className="m-auto w-full max-w-md rounded-lg border border-slate-300 bg-white p-6 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100"
    >
      <form onSubmit={onSubmit} className="space-y-3">
        <h2 id={titleId} className="text-lg font-semibold">
          {props.title}
        </h2>
        {props.children}
        {error && (
          <p role="alert" className="text-sm text-red-600">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button
            type="button"
            onClick={props.onClose}
            className="rounded px-3 py-1 hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
          <button
            type="submit"
            disabled={busy}
            className="rounded bg-blue-600 px-3 py-1 text-white hover:bg-blue-700 disabled:opacity-60"
          >
            {busy ? `${props.submitLabel}…` : props.submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
