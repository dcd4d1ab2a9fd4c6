"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { buttonClass } from "./button";

/**
 * Copies a value to the clipboard and says so next to the button (a polite live region, so a screen reader hears
 * it). Where the browser refuses the clipboard (not a secure origin, permission denied) it says to copy by hand.
 */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className={buttonClass}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setState("copied");
          } catch {
            setState("failed");
          }
        }}
      >
        {state === "copied" ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
        {label}
      </button>
      <span role="status" className="text-xs">
        {state === "copied"
          ? "Copied"
          : state === "failed"
            ? "The browser refused the clipboard: select and copy it"
            : ""}
      </span>
    </span>
  );
}
