import type { ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

// Shared class strings so links, buttons and inputs look alike everywhere. Colours are picked for WCAG AA contrast in
// both themes (white on red-700 / blue-700 is above 4.5:1; red-600 was borderline on dark backgrounds).
export const buttonClass =
  "inline-flex items-center gap-1 rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800";
export const primaryClass =
  "inline-flex items-center gap-1 rounded bg-blue-700 px-3 py-1 text-sm text-white hover:bg-blue-800 disabled:opacity-50 dark:bg-blue-600 dark:hover:bg-blue-500 dark:text-white";
export const dangerClass =
  "inline-flex items-center gap-1 rounded bg-red-700 px-3 py-1 text-sm text-white hover:bg-red-800 disabled:opacity-50";
export const ghostClass =
  "inline-flex items-center gap-1 rounded px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:hover:bg-slate-800";
export const inputClass =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";

const variants = { primary: primaryClass, danger: dangerClass, ghost: ghostClass, outline: buttonClass } as const;

export type ButtonVariant = keyof typeof variants;

/** A button with one of the shared looks; defaults to type="button" so it never submits a form by accident. */
export function UiButton({
  variant = "primary",
  className,
  type = "button",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={cn(variants[variant], className)} {...rest} />;
}
