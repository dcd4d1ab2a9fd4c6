"use client";

import dynamic from "next/dynamic";
import { type ComponentProps, type ReactNode, useEffect } from "react";

/**
 * Outcome toasts. Success says what happened and fades; an error stays until closed and keeps the engine's own text
 * behind a "Details" disclosure, so the headline stays readable and nothing is lost.
 *
 * Sonner loads after the page is up (the Toaster below is mounted without server rendering), not with the page's
 * first JavaScript: nobody sees a toast before they have done something. The functions here wait for it.
 */
let sonnerModule: Promise<typeof import("sonner")> | null = null;
const load = () => {
  sonnerModule ??= import("sonner");
  return sonnerModule;
};
// Resolved once the Toaster listens (a toast sent before that would be lost).
let markReady: () => void = () => {};
const toasterReady = new Promise<void>((resolve) => {
  markReady = resolve;
});
const sonner = () => toasterReady.then(load);

export const toast = {
  success(title: string, opts?: { description?: ReactNode }) {
    void sonner().then((s) => s.toast.success(title, { description: opts?.description }));
  },
  error(title: string, opts?: { details?: string; description?: ReactNode }) {
    const description =
      opts?.details || opts?.description ? (
        <>
          {opts.description}
          {opts.details && <ToastDetails text={opts.details} />}
        </>
      ) : undefined;
    void sonner().then((s) => s.toast.error(title, { description, duration: Number.POSITIVE_INFINITY }));
  },
  message(title: string, opts?: { description?: ReactNode }) {
    void sonner().then((s) => s.toast(title, { description: opts?.description }));
  },
  dismiss(id?: string | number) {
    void sonner().then((s) => s.toast.dismiss(id));
  },
};

function ToastDetails({ text }: { text: string }) {
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs underline">Details</summary>
      <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-words text-xs">{text}</pre>
    </details>
  );
}

const SonnerToaster = dynamic(
  () =>
    load().then((s) => {
      // Sonner's Toaster subscribes in its own effect, which runs before this parent's: then toasts may go out.
      function ListeningToaster(props: ComponentProps<typeof s.Toaster>) {
        useEffect(() => markReady(), []);
        return <s.Toaster {...props} />;
      }
      return ListeningToaster;
    }),
  { ssr: false },
);

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
