"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useId, useState } from "react";
import { FormDialog as UiFormDialog } from "@/components/ui/form-dialog";
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
    <p
      role="alert"
      className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300"
    >
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
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-300">
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

/** A modal form (Radix dialog): Escape or Cancel closes it; the submit button carries the verb. */
export function FormDialog(props: {
  title: string;
  submitLabel: string;
  onSubmit: (data: Record<string, string>) => Promise<boolean>;
  onClose: () => void;
  error: string | null;
  children: ReactNode;
}) {
  return (
    <UiFormDialog
      title={props.title}
      submitLabel={props.submitLabel}
      onClose={props.onClose}
      error={props.error}
      run={async (data) => ((await props.onSubmit(data)) ? { ok: true } : { ok: false })}
    >
      {props.children}
    </UiFormDialog>
  );
}
