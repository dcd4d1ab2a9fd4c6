"use client";

import { type FormEvent, useState } from "react";
import { type ContainerRestrictions, RESTRICTION_RULES } from "@/lib/restriction-rules";
import { saveRestrictionsAction } from "@/server/actions/settings/restrictions-actions";

export function RestrictionsForm({ initial }: { initial: ContainerRestrictions }) {
  const [rules, setRules] = useState(initial);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setStatus(null);
    try {
      const r = await saveRestrictionsAction(rules);
      setStatus(r.ok ? { ok: true, text: "Saved." } : { ok: false, text: r.error });
    } catch {
      setStatus({ ok: false, text: "Berth could not be reached. Try again." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label="Container restrictions" className="space-y-3">
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold">Refuse for non-admins</legend>
        {RESTRICTION_RULES.map((r) => (
          <span key={r.id} className="flex items-center gap-2">
            <input
              id={`rule-${r.id}`}
              type="checkbox"
              checked={rules[r.id]}
              onChange={(e) => setRules((prev) => ({ ...prev, [r.id]: e.target.checked }))}
            />
            <label htmlFor={`rule-${r.id}`} className="text-sm">
              {r.label}
            </label>
          </span>
        ))}
      </fieldset>
      {status && (
        <p
          role={status.ok ? "status" : "alert"}
          className={`text-sm ${status.ok ? "text-green-700 dark:text-green-300" : "text-red-600 dark:text-red-300"}`}
        >
          {status.text}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="rounded bg-blue-600 px-4 py-2 font-medium text-white hover:bg-blue-700 disabled:opacity-60"
      >
        Save
      </button>
    </form>
  );
}
