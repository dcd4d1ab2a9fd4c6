"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { EndpointView } from "@/lib/domain";
import type { EndpointSettings } from "@/lib/endpoint-schemas";
import { endpointSettingsAction, removeEndpointAction } from "@/server/actions/endpoints/endpoint-actions";
import { EndpointForm } from "./EndpointForm";
import { EndpointsTable } from "./EndpointsTable";

type Mode = { kind: "list" } | { kind: "add" } | { kind: "edit"; settings: EndpointSettings };

/** The endpoints page for admins: the live table plus Add, Edit and Remove. */
export function EndpointsManager({ initial }: { initial: EndpointView[] }) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>({ kind: "list" });
  const [confirm, setConfirm] = useState<EndpointView | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function edit(e: EndpointView) {
    setMessage(null);
    const r = await endpointSettingsAction({ endpointId: e.id });
    if (r.ok) setMode({ kind: "edit", settings: r.data });
    else setMessage(r.error);
  }

  async function remove(e: EndpointView) {
    setConfirm(null);
    const r = await removeEndpointAction({ endpointId: e.id });
    setMessage(r.ok ? `Endpoint ${e.name} removed` : `Remove ${e.name}: ${r.error}`);
    router.refresh();
  }

  const done = (what: string) => () => {
    setMode({ kind: "list" });
    setMessage(what);
    router.refresh();
  };

  return (
    <div>
      {mode.kind === "list" && (
        <button
          type="button"
          onClick={() => {
            setMessage(null);
            setMode({ kind: "add" });
          }}
          className="mb-4 rounded bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700"
        >
          Add endpoint
        </button>
      )}
      {mode.kind === "add" && (
        <EndpointForm onDone={done("Endpoint added")} onCancel={() => setMode({ kind: "list" })} />
      )}
      {mode.kind === "edit" && (
        <EndpointForm
          key={mode.settings.id}
          settings={mode.settings}
          onDone={done("Endpoint saved")}
          onCancel={() => setMode({ kind: "list" })}
        />
      )}
      {message && (
        <p role="status" className="mb-3 text-sm">
          {message}
        </p>
      )}
      <EndpointsTable
        initial={initial}
        renderActions={(e) => (
          <span className="ml-3 whitespace-nowrap">
            <button
              type="button"
              onClick={() => void edit(e)}
              className="mr-1 rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              Edit
            </button>
            <button
              type="button"
              onClick={() => setConfirm(e)}
              className="rounded border border-red-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
            >
              Remove
            </button>
          </span>
        )}
      />
      {confirm && (
        <ConfirmDialog
          title={`Remove endpoint ${confirm.name}?`}
          body="Berth forgets this endpoint, its credentials and every team's access to it. The engine and its containers are not touched."
          confirmLabel="Remove"
          onCancel={() => setConfirm(null)}
          onConfirm={() => void remove(confirm)}
        />
      )}
    </div>
  );
}
