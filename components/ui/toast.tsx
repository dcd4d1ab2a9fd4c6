"use client";

import type { ReactNode } from "react";
import { Toaster as SonnerToaster, toast as sonner } from "sonner";

/**
 * Outcome toasts. Success says what happened and fades; an error stays until closed and keeps the engine's own text
 * behind a "Details" disclosure, so the headline stays readable and nothing is lost.
 */
export const toast = {
  success(title: string, opts?: { description?: ReactNode }) {
    return sonner.success(title, { description: opts?.description });
  },
  error(title: string, opts?: { details?: string; description?: ReactNode }) {
    const description =
      opts?.details || opts?.description ? (
        <>
          {opts.description}
          {opts.details && <ToastDetails text={opts.details} />}
        </>
      ) : undefined;
    return sonner.error(title, { description, duration: Number.POSITIVE_INFINITY });
  },
  message(title: string, opts?: { description?: ReactNode }) {
    return sonner(title, { description: opts?.description });
  },
  dismiss: sonner.dismiss,
};

function ToastDetails({ text }: { text: string }) {
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs underline">Details</summary>
      <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-words text-xs">{text}</pre>
    </details>
  );
}

/** Mounted once in the root layout. `theme` follows the user's theme choice. */
export function Toaster({ theme }: { theme: "light" | "dark" | "system" }) {
  return (
    <SonnerToaster
      theme={theme}
      richColors
      closeButton
      position="bottom-right"
      toastOptions={{ closeButtonAriaLabel: "Close notification" }}
    />
  );
}
