"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

type Result<R> = { ok: true; data: R } | { ok: false; error: string };

/**
 * Runs one server action at a time for a resource page: busy flag, an error or notice line, and a refresh of the
 * server-rendered list on success. Success comes back wrapped (`{ value }`) so actions returning nothing still count.
 */
export function useActionRunner() {
  const router = useRouter();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run<R>(what: string, fn: () => Promise<Result<R>>): Promise<{ value: R } | null> {
    setBusy(true);
    setMessage(null);
    try {
      const r = await fn();
      if (!r.ok) {
        setMessage({ error: true, text: `${what}: ${r.error}` });
        return null;
      }
      router.refresh();
      return { value: r.data };
    } catch {
      setMessage({ error: true, text: `${what}: Berth could not be reached` });
      return null;
    } finally {
      setBusy(false);
    }
  }

  return { run, busy, message, setMessage };
}
