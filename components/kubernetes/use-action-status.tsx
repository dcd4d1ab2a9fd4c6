"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

type Result = { ok: true; data?: unknown } | { ok: false; error: string };

/**
 * Runs one Kubernetes action at a time and says how it went (role=status, or role=alert with the server's message);
 * with `refresh`, a success re-reads the page's server data. The one helper of every verb on lists and detail pages.
 */
export function useActionStatus(opts: { refresh?: boolean } = {}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async <R extends Result>(
    fn: () => Promise<R>,
    done: string | ((r: R & { ok: true }) => string),
  ): Promise<boolean> => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await fn();
      if (r.ok) {
        setMessage({ ok: true, text: typeof done === "string" ? done : done(r as R & { ok: true }) });
        if (opts.refresh) router.refresh();
      } else setMessage({ ok: false, text: r.error });
      return r.ok;
    } catch {
      setMessage({ ok: false, text: "Berth could not be reached" });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const note = message && (
    <span
      role={message.ok ? "status" : "alert"}
      className={`text-sm ${message.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}
    >
      {message.text}
    </span>
  );
  return { busy, run, note };
}
