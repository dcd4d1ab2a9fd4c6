"use client";

import { useState } from "react";

type Result = { ok: true } | { ok: false; error: string };

/** Runs one server action at a time and keeps its error for an alert; no refresh needed, the lists are live. */
export function useRunAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(what: string, fn: () => Promise<Result | { ok: boolean; error?: string }>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const r = await fn();
      if (!r.ok) setError(`${what}: ${"error" in r ? r.error : "failed"}`);
      return r.ok;
    } catch {
      setError(`${what}: Berth could not be reached`);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}

export function ErrorAlert({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p
      role="alert"
      className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300"
    >
      {error}
    </p>
  );
}
