"use client";

import type { ReactNode } from "react";

// Small labelled controls for the create form. Every control has a visible label or an aria-label, and an error
// is tied to its control with aria-describedby so a screen reader reads it with the field.

const inputClass =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900 aria-[invalid=true]:border-red-500";

export const fieldId = (path: string) => `cf-${path.replace(/[^a-zA-Z0-9]/g, "-")}`;

export function ErrorText({ path, error }: { path: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${fieldId(path)}-error`} className="text-xs text-red-600 dark:text-red-300">
      {error}
    </p>
  );
}

const errorProps = (path: string, error?: string) => ({
  "aria-invalid": error ? true : undefined,
  "aria-describedby": error ? `${fieldId(path)}-error` : undefined,
});

export function TextInput(props: {
  path: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  placeholder?: string;
  hint?: string;
  hideLabel?: boolean;
  className?: string;
  inputMode?: "numeric" | "decimal" | "text";
  readOnly?: boolean;
  /** Suggestions from what exists (images, networks); typing anything else stays allowed. */
  suggestions?: readonly string[];
}) {
  const id = fieldId(props.path);
  const listId = props.suggestions?.length ? `${id}-suggestions` : undefined;
  return (
    <div className={`flex flex-col gap-1 ${props.className ?? ""}`}>
      <label htmlFor={id} className={props.hideLabel ? "sr-only" : "text-sm font-medium"}>
        {props.label}
      </label>
      <input
        id={id}
        type="text"
        value={props.value}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        readOnly={props.readOnly}
        list={listId}
        autoComplete={listId ? "off" : undefined}
        onChange={(e) => props.onChange(e.target.value)}
        className={`${inputClass} font-mono read-only:bg-slate-100 dark:read-only:bg-slate-800`}
        {...errorProps(props.path, props.error)}
      />
      {listId && (
        <datalist id={listId}>
          {props.suggestions?.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      )}
      {props.hint && !props.error && <p className="text-xs text-slate-500 dark:text-slate-400">{props.hint}</p>}
      <ErrorText path={props.path} error={props.error} />
    </div>
  );
}

/** A multi-line text field (a long command reads better over several lines; newlines count as spaces). */
export function TextAreaInput(props: {
  path: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
  rows?: number;
}) {
  const id = fieldId(props.path);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {props.label}
      </label>
      <textarea
        id={id}
        rows={props.rows ?? 2}
        value={props.value}
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
        className={`${inputClass} font-mono`}
        {...errorProps(props.path, props.error)}
      />
      {props.hint && !props.error && <p className="text-xs text-slate-500 dark:text-slate-400">{props.hint}</p>}
      <ErrorText path={props.path} error={props.error} />
    </div>
  );
}

export function SelectInput<T extends string>(props: {
  path: string;
  label: string;
  value: T;
  options: readonly T[];
  onChange: (v: T) => void;
  error?: string;
  hideLabel?: boolean;
}) {
  const id = fieldId(props.path);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={props.hideLabel ? "sr-only" : "text-sm font-medium"}>
        {props.label}
      </label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
        className={inputClass}
        {...errorProps(props.path, props.error)}
      >
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      <ErrorText path={props.path} error={props.error} />
    </div>
  );
}

export function CheckboxInput(props: {
  path: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  error?: string;
}) {
  const id = fieldId(props.path);
  return (
    <div className="flex flex-col gap-1">
      <span className="flex items-center gap-2">
        <input
          id={id}
          type="checkbox"
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
          {...errorProps(props.path, props.error)}
        />
        <label htmlFor={id} className="text-sm">
          {props.label}
        </label>
      </span>
      <ErrorText path={props.path} error={props.error} />
    </div>
  );
}

/** A fieldset of repeatable rows with "Add ..." and per-row "Remove ... N" buttons. */
export function Rows<T>(props: {
  legend: string;
  /** Singular noun used in button names: "Add port", "Remove port 2". */
  noun: string;
  rows: T[];
  empty: T;
  onChange: (rows: T[]) => void;
  error?: string;
  path: string;
  render: (row: T, i: number, set: (row: T) => void) => ReactNode;
}) {
  return (
    <fieldset className="space-y-2 rounded border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-sm font-semibold">{props.legend}</legend>
      {props.rows.map((row, i) => (
        <div key={i} className="flex flex-wrap items-start gap-2">
          {props.render(row, i, (next) => props.onChange(props.rows.map((r, j) => (j === i ? next : r))))}
          <button
            type="button"
            aria-label={`Remove ${props.noun} ${i + 1}`}
            onClick={() => props.onChange(props.rows.filter((_, j) => j !== i))}
            className="mt-0.5 rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Remove
          </button>
        </div>
      ))}
      <ErrorText path={props.path} error={props.error} />
      <button
        type="button"
        onClick={() => props.onChange([...props.rows, props.empty])}
        className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        Add {props.noun}
      </button>
    </fieldset>
  );
}
