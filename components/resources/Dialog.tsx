"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";

/** A modal built on <dialog> (focus trapped, Escape closes), for forms and previews. */
export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
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
      className={`m-auto rounded-lg border border-slate-300 bg-white p-6 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100 ${
        props.wide ? "w-[48rem] max-w-[95vw]" : "w-[32rem] max-w-[95vw]"
      }`}
    >
      <h2 id={titleId} className="mb-3 text-lg font-semibold">
        {props.title}
      </h2>
      {props.children}
    </dialog>
  );
}

export const buttonClass =
  "rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";
export const primaryClass = "rounded bg-blue-600 px-3 py-1 text-sm text-white hover:bg-blue-700 disabled:opacity-50";
export const dangerClass = "rounded bg-red-600 px-3 py-1 text-sm text-white hover:bg-red-700 disabled:opacity-50";
export const inputClass = "rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800";
