"use client";

import { useId, useState } from "react";
import { LIMITS, readUploadedFile } from "@/lib/body-limits";

/**
 * A PEM credential: pasted into the text area, or read from a chosen file into it (the file never leaves the
 * browser except as the form's text). On an edit, an empty field keeps the stored value, which is never shown.
 */
export function PemField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  stored: boolean;
  error?: string;
}) {
  const id = useId();
  const [uploadError, setUploadError] = useState<string>();
  const error = uploadError ?? props.error;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {props.label}
      </label>
      {props.stored && (
        <p id={`${id}-stored`} className="text-xs text-slate-500 dark:text-slate-400">
          stored — leave empty to keep it, or paste or upload a new one
        </p>
      )}
      <textarea
        id={id}
        rows={3}
        spellCheck={false}
        value={props.value}
        onChange={(e) => {
          setUploadError(undefined);
          props.onChange(e.target.value);
        }}
        placeholder={props.stored ? "stored" : "-----BEGIN …-----"}
        aria-describedby={
          [props.stored && `${id}-stored`, error && `${id}-error`].filter(Boolean).join(" ") || undefined
        }
        aria-invalid={error ? true : undefined}
        className="rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
      />
      <input
        type="file"
        aria-label={`Upload ${props.label}`}
        accept=".pem,.crt,.cert,.key,.pub,text/plain,application/x-pem-file"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          if (!f) return;
          // The same limit the server applies, checked before the file is read into memory.
          const r = await readUploadedFile(f, props.label, LIMITS.pemFile);
          setUploadError(r.ok ? undefined : r.error);
          if (r.ok) props.onChange(r.text);
        }}
        className="text-xs"
      />
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
