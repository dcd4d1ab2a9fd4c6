"use client";

import { type FormEvent, type ReactNode, useState } from "react";
import { UiButton } from "./button";
import { Dialog, DialogFooter } from "./dialog";

/** A failure without `error` leaves the message to the caller (its `error` prop). */
export type FormDialogResult = { ok: true } | { ok: false; error?: string };

/**
 * A modal form: submits once at a time, shows the server's message on failure (the dialog stays open and nothing
 * typed is lost), closes on success. `run` gets the form's fields for callers that read them by name.
 */
export function FormDialog(props: {
  title: string;
  submitLabel: string;
  children: ReactNode;
  onClose: () => void;
  run: (data: Record<string, string>) => Promise<FormDialogResult>;
  wide?: boolean;
  /** An error owned by the caller (e.g. field errors kept elsewhere); shown under the fields. */
  error?: string | null;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    setBusy(true);
    setError(null);
    try {
      const r = await props.run(data);
      if (r.ok) props.onClose();
      else setError(r.error ?? null);
    } catch {
      setError("Berth could not be reached. Try again.");
    } finally {
      setBusy(false);
    }
  }
  const shown = error ?? props.error ?? null;
  return (
    <Dialog title={props.title} onClose={props.onClose} wide={props.wide}>
      <form onSubmit={onSubmit} className="space-y-3" aria-label={props.title}>
        {props.children}
        {shown && (
          <p
            role="alert"
            className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
          >
            {shown}
          </p>
        )}
        <DialogFooter>
          <UiButton variant="ghost" onClick={props.onClose}>
            Cancel
          </UiButton>
          <UiButton type="submit" disabled={busy}>
            {busy ? `${props.submitLabel}…` : props.submitLabel}
          </UiButton>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
