"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, inputClass, primaryClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SimpleTable } from "@/components/ui/simple-table";
import type { RegistryView } from "@/lib/resource-schemas";
import {
  addRegistryAction,
  deleteRegistryAction,
  updateRegistryAction,
} from "@/server/actions/registries/registry-actions";

const empty = { id: "", name: "", url: "", username: "", password: "" };

/** Private registries: the password or token is write-only (never sent back); the login is tested on save. */
export function RegistriesView({ registries }: { registries: RegistryView[] }) {
  const router = useRouter();
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<RegistryView | null>(null);
  const set = (k: keyof typeof empty, v: string) => setForm((f) => ({ ...f, [k]: v }));

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const { id, ...rest } = form;
      const r = id ? await updateRegistryAction({ id, ...rest }) : await addRegistryAction(rest);
      if (!r.ok) setError(r.error);
      else {
        setNotice(`Saved ${r.data.name}${rest.password ? " (login checked)" : ""}`);
        setForm(empty);
        router.refresh();
      }
    } catch {
      setError("Berth could not be reached");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-6">
      {registries.length === 0 && (
        <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          No registries yet. Public images pull without one; add a private registry below (its host, and a login if it
          needs one) and pulls of images from that host will use it.
        </p>
      )}
      {registries.length > 0 && (
        <SimpleTable
          label="Registries table"
          caption="Registries"
          rows={registries}
          rowKey={(r) => r.id}
          columns={[
            { header: "Name", cell: (r) => r.name },
            { header: "URL", cell: (r) => r.url, className: "pr-3 font-mono text-xs" },
            { header: "Host", cell: (r) => r.host, className: "pr-3 font-mono text-xs" },
            { header: "Username", cell: (r) => r.username },
            { header: "Password", cell: (r) => (r.hasSecret ? "stored" : "none") },
          ]}
          actions={(r) => (
            <>
              <button
                type="button"
                className={buttonClass}
                onClick={() => setForm({ id: r.id, name: r.name, url: r.url, username: r.username, password: "" })}
              >
                Edit<span className="sr-only"> {r.name}</span>
              </button>
              <button type="button" className={buttonClass} onClick={() => setConfirm(r)}>
                Delete<span className="sr-only"> {r.name}</span>
              </button>
            </>
          )}
        />
      )}
      <form onSubmit={save} aria-label={form.id ? "Edit registry" : "Add registry"} className="max-w-lg space-y-2">
        <h2 className="text-lg font-semibold">{form.id ? `Edit ${form.name}` : "Add a registry"}</h2>
        <label className="flex flex-col text-sm">
          Name
          <input className={inputClass} value={form.name} onChange={(e) => set("name", e.target.value)} required />
        </label>
        <label className="flex flex-col text-sm">
          URL
          <input
            className={inputClass}
            value={form.url}
            placeholder="registry.example.com:5000"
            onChange={(e) => set("url", e.target.value)}
            required
          />
        </label>
        <label className="flex flex-col text-sm">
          Username
          <input
            className={inputClass}
            value={form.username}
            autoComplete="off"
            onChange={(e) => set("username", e.target.value)}
          />
        </label>
        <label className="flex flex-col text-sm">
          Password or token
          <input
            className={inputClass}
            type="password"
            autoComplete="new-password"
            value={form.password}
            placeholder={form.id ? "(unchanged)" : ""}
            onChange={(e) => set("password", e.target.value)}
          />
        </label>
        {error && (
          <p
            role="alert"
            className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300"
          >
            {error}
          </p>
        )}
        {notice && (
          <p role="status" className="text-sm text-green-800 dark:text-green-300">
            {notice}
          </p>
        )}
        <div className="flex gap-2">
          <button type="submit" className={primaryClass} disabled={busy}>
            {busy ? "Testing login…" : "Save registry"}
          </button>
          {form.id && (
            <button type="button" className={buttonClass} onClick={() => setForm(empty)}>
              Cancel edit
            </button>
          )}
        </div>
      </form>
      {confirm && (
        <ConfirmDialog
          title={`Delete registry ${confirm.name}?`}
          body="Pulls from this registry will no longer use its credentials."
          confirmLabel="Delete"
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            const r = confirm;
            setConfirm(null);
            const res = await deleteRegistryAction({ id: r.id });
            if (!res.ok) setError(res.error);
            router.refresh();
          }}
        />
      )}
    </div>
  );
}
