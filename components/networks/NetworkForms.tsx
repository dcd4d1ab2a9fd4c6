"use client";

import { useState } from "react";
import { buttonClass, inputClass, primaryClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { CreateNetworkInput } from "@/lib/resource-schemas";
import { parseLabelLines } from "@/lib/resources";

export function CreateNetworkDialog(props: {
  swarm: boolean;
  busy: boolean;
  onClose: () => void;
  onSubmit: (input: Omit<CreateNetworkInput, "endpointId">) => void;
}) {
  const [f, setF] = useState({
    name: "",
    driver: "bridge" as CreateNetworkInput["driver"],
    subnet: "",
    gateway: "",
    parent: "",
    internal: false,
    attachable: false,
    labels: "",
  });
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((cur) => ({ ...cur, [k]: v }));
  return (
    <Dialog title="Create network" onClose={props.onClose}>
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          try {
            const labels = parseLabelLines(f.labels);
            setError(null);
            props.onSubmit({ ...f, labels });
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      >
        <label className="flex flex-col text-sm">
          Name
          <input className={inputClass} value={f.name} onChange={(e) => set("name", e.target.value)} required />
        </label>
        <label className="flex flex-col text-sm">
          Driver
          <select
            className={inputClass}
            value={f.driver}
            onChange={(e) => set("driver", e.target.value as CreateNetworkInput["driver"])}
          >
            <option value="bridge">bridge</option>
            <option value="macvlan">macvlan</option>
            <option value="overlay" disabled={!props.swarm}>
              overlay{props.swarm ? "" : " (needs Swarm)"}
            </option>
          </select>
        </label>
        {f.driver === "macvlan" && (
          <label className="flex flex-col text-sm">
            Parent interface
            <input className={inputClass} value={f.parent} onChange={(e) => set("parent", e.target.value)} />
          </label>
        )}
        <label className="flex flex-col text-sm">
          Subnet
          <input
            className={inputClass}
            value={f.subnet}
            placeholder="10.20.0.0/24"
            onChange={(e) => set("subnet", e.target.value)}
          />
        </label>
        <label className="flex flex-col text-sm">
          Gateway
          <input
            className={inputClass}
            value={f.gateway}
            placeholder="10.20.0.1"
            onChange={(e) => set("gateway", e.target.value)}
          />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={f.internal} onChange={(e) => set("internal", e.target.checked)} />
          Internal (no outside access)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={f.attachable} onChange={(e) => set("attachable", e.target.checked)} />
          Attachable
        </label>
        <label className="flex flex-col text-sm">
          Labels (key=value, one per line)
          <textarea className={inputClass} rows={2} value={f.labels} onChange={(e) => set("labels", e.target.value)} />
        </label>
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass} onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className={primaryClass} disabled={props.busy}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ConnectDialog(props: {
  network: string;
  containers: { id: string; name: string }[];
  busy: boolean;
  onClose: () => void;
  onSubmit: (container: string, aliases: string[]) => void;
}) {
  const [container, setContainer] = useState(props.containers[0]?.name ?? "");
  const [aliases, setAliases] = useState("");
  return (
    <Dialog title={`Connect a container to ${props.network}`} onClose={props.onClose}>
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit(
            container,
            aliases
              .split(/[\s,]+/)
              .map((a) => a.trim())
              .filter(Boolean),
          );
        }}
      >
        <label className="flex flex-col text-sm">
          Container
          <select className={inputClass} value={container} onChange={(e) => setContainer(e.target.value)} required>
            {props.containers.map((c) => (
              <option key={c.id} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          Aliases (comma separated)
          <input className={inputClass} value={aliases} onChange={(e) => setAliases(e.target.value)} />
        </label>
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass} onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className={primaryClass} disabled={props.busy || !container}>
            Connect
          </button>
        </div>
      </form>
    </Dialog>
  );
}
