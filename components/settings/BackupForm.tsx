"use client";

import { type FormEvent, useState } from "react";
import { inputClass, primaryClass } from "@/components/ui/button";

/** Asks for a passphrase, posts it to the API and saves the file the answer carries. */
export function BackupForm() {
  const [passphrase, setPassphrase] = useState("");
  const [confirm, setConfirm] = useState("");
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = confirm !== "" && confirm !== passphrase;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setStatus(null);
    try {
      const res = await fetch("/api/v1/backup", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ passphrase }),
      });
      if (!res.ok) {
        const p = (await res.json().catch(() => ({}))) as { detail?: string; errors?: Record<string, string[]> };
        setStatus({ ok: false, text: p.errors?.["body.passphrase"]?.[0] ?? p.detail ?? "The backup failed." });
        return;
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "berth.berthbak";
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
      URL.revokeObjectURL(url);
      setStatus({ ok: true, text: `Saved ${name}.` });
      setPassphrase("");
      setConfirm("");
    } catch {
      setStatus({ ok: false, text: "Berth could not be reached. Try again." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label="Download a backup" className="max-w-md space-y-3">
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Passphrase</span>
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          className={`${inputClass} w-full`}
        />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Confirm passphrase</span>
        <input
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          aria-invalid={mismatch}
          aria-describedby={mismatch ? "backup-mismatch" : undefined}
          className={`${inputClass} w-full`}
        />
      </label>
      {mismatch && (
        <p id="backup-mismatch" className="text-sm text-red-700 dark:text-red-400">
          Passphrases do not match
        </p>
      )}
      {status && (
        <p role={status.ok ? "status" : "alert"} className={`text-sm ${status.ok ? "text-green-700" : "text-red-700"}`}>
          {status.text}
        </p>
      )}
      <button type="submit" disabled={busy || mismatch} className={primaryClass}>
        Download backup
      </button>
    </form>
  );
}
