"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import type { ActionReply } from "@/lib/access-views";

/** Runs a server action, shows its error, and refreshes the server-rendered page when it worked. */
export function useActionRunner() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  async function run<R>(fn: () => Promise<ActionReply<R>>): Promise<R | undefined> {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const reply = await fn();
      if (!reply.ok) {
        setError(reply.error);
        setFieldErrors(reply.fieldErrors ?? {});
        return undefined;
      }
      router.refresh();
      return reply.data;
    } catch {
      setError("Berth could not be reached");
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { run, error, fieldErrors, busy, setError };
}

export function ErrorText({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
      {error}
    </p>
  );
}

export function TextField(props: {
  label: string;
  name: string;
  type?: string;
  autoComplete?: string;
  error?: string;
  required?: boolean;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        autoComplete={props.autoComplete ?? "off"}
        required={props.required ?? true}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        className="rounded border border-slate-300 bg-white px-3 py-1.5 dark:border-slate-700 dark:bg-slate-900"
      />
      {props.error && (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {props.error}
        </p>
      )}
    </div>
  );
}

export function SelectField(props: { label: string; name: string; options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {props.label}
      </label>
      <select
        id={id}
        name={props.name}
        required
        className="rounded border border-slate-300 bg-white px-3 py-1.5 dark:border-slate-700 dark:bg-slate-900"
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Button(props: {
  children: ReactNode;
  onClick?: () => void;
  type?: "button" | "submit";
  danger?: boolean;
  disabled?: boolean;
}) {
  return (
    <button
      type={props.type ?? "button"}
      onClick={props.onClick}
      disabled={props.disabled}
      className={`rounded px-3 py-1 text-sm text-white disabled:opacity-60 ${
        props.danger ? "bg-red-600 hover:bg-red-700" : "bg-blue-600 hover:bg-blue-700"
      }`}
    >
      {props.children}
    </button>
  );
}

/** A modal form on <dialog>: Escape or Cancel closes it; the submit button carries the verb. */
export function FormDialog(props: {
  title: string;
  submitLabel: string;
  onSubmit: (data: Record<string, string>) => Promise<boolean>;
  onClose: () => void;
  error: string | null;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={props.onClose}
      className="m-auto rounded-lg border border-slate-300 bg-white p-6 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100"
    >
      <form
        aria-labelledby={titleId}
        className="space-y-3"
        onSubmit={async (e) => {
          e.preventDefault();
          const data = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
          if (await props.onSubmit(data)) props.onClose();
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {props.title}
        </h2>
        {props.children}
        <ErrorText error={props.error} />
        <div className="flex justify-end gap-2">
          <button type="button" onClick={props.onClose} className="rounded px-3 py-1 hover:bg-slate-100">
            Cancel
          </button>
          <Button type="submit">{props.submitLabel}</Button>
        </div>
      </form>
    </dialog>
  );
}
