"use client";

import dynamic from "next/dynamic";
import type { ReactNode } from "react";

export const dialogOverlayClass = "fixed inset-0 z-40 bg-black/50";
export const dialogContentClass =
  "fixed left-1/2 top-1/2 z-50 max-h-[90vh] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border border-slate-300 bg-white p-6 text-slate-900 shadow-xl focus:outline-none dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  description?: ReactNode;
}

/**
 * A modal dialog on Radix: focus is trapped and returned to where it was, Escape and the close button call onClose,
 * the title is the dialog's accessible name. Mounted = open: callers render it conditionally, as before. Its code
 * (Radix dialog, focus scope, dismissable layer) loads when a dialog first opens, not with every page.
 */
export const Dialog = dynamic<DialogProps>(() => import("./dialog-radix").then((m) => m.RadixModal), { ssr: false });

/** The right-aligned row of buttons at the bottom of a dialog. */
export function DialogFooter({ children }: { children: ReactNode }) {
  return <div className="mt-4 flex flex-wrap justify-end gap-2">{children}</div>;
}
