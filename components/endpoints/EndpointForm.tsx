"use client";

import { useId, useState } from "react";
import type { EndpointConnection, EndpointSettings, EndpointType } from "@/lib/endpoint-schemas";
import { createEndpointAction, updateEndpointAction } from "@/server/actions/endpoints/endpoint-actions";
import {
  EMPTY_KUBE,
  KubeConnectionFields,
  type KubeValues,
  kubeConnectionOf,
} from "../kubernetes/KubeConnectionFields";
import { PemField } from "./PemField";

/** Docker connection types, and the two ways to reach a Kubernetes cluster. */
type FormType = EndpointType | "kubeconfig" | "kube-token";
const isKube = (t: FormType): t is "kubeconfig" | "kube-token" => t === "kubeconfig" || t === "kube-token";

const TYPE_LABELS: Record<FormType, string> = {
  unix: "Unix socket",
  tcp: "TCP (no TLS)",
  tls: "TCP + TLS",
  ssh: "SSH",
  kubeconfig: "Kubernetes: kubeconfig",
  "kube-token": "Kubernetes: server URL and token",
};
const DEFAULT_PORT: Record<FormType, string> = {
  unix: "",
  tcp: "2375",
  tls: "2376",
  ssh: "22",
  kubeconfig: "",
  "kube-token": "",
};

type Values = Record<
  | "name"
  | "socketPath"
  | "host"
  | "port"
  | "user"
  | "ca"
  | "cert"
  | "key"
  | "privateKey"
  | "passphrase"
  | "hostKeyFingerprint",
  string
>;

function initialValues(s?: EndpointSettings): Values {
  return {
    name: s?.name ?? "",
    socketPath: s?.socketPath ?? "/var/run/docker.sock",
    host: s?.host ?? "",
    port: s?.port ? String(s.port) : DEFAULT_PORT[s?.type ?? "tls"],
    user: s?.user ?? "root",
    ca: "",
    cert: "",
    key: "",
    privateKey: "",
    passphrase: "",
    hostKeyFingerprint: s?.hostKeyFingerprint ?? "",
  };
}

function connectionOf(type: EndpointType, v: Values): EndpointConnection {
  const port = Number(v.port);
  switch (type) {
    case "unix":
      return { type, socketPath: v.socketPath };
    case "tcp":
      return { type, host: v.host, port };
    case "tls":
      return { type, host: v.host, port, ca: v.ca, cert: v.cert, key: v.key };
    case "ssh":
      return {
        type,
        host: v.host,
        port,
        user: v.user,
        privateKey: v.privateKey,
        passphrase: v.passphrase,
        hostKeyFingerprint: v.hostKeyFingerprint,
      };
  }
}

/** Add or edit an endpoint. Saving tests the connection on the server first; failures are explained in words. */
export function EndpointForm(props: { settings?: EndpointSettings; onDone: () => void; onCancel: () => void }) {
  const editing = props.settings;
  const [type, setType] = useState<FormType>(editing?.type ?? "tls");
  const [kube, setKube] = useState<KubeValues>(EMPTY_KUBE);
  const [v, setV] = useState<Values>(() => initialValues(editing));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const stored = editing?.type === type ? editing.stored : undefined;
  const set = (k: keyof Values) => (value: string) => setV((cur) => ({ ...cur, [k]: value }));
  const fe = (k: string) => fieldErrors[k] ?? fieldErrors[`connection.${k}`];

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const connection = isKube(type) ? kubeConnectionOf(type, kube) : connectionOf(type, v);
      const result = editing
        ? await updateEndpointAction({ endpointId: editing.id, name: v.name, connection })
        : await createEndpointAction({ name: v.name, connection });
      if (result.ok) return props.onDone();
      setError(result.error);
      setFieldErrors(result.fieldErrors ?? {});
    } catch {
      setError("Berth could not be reached");
    } finally {
      setBusy(false);
    }
  }

  const title = editing ? `Edit endpoint ${editing.name}` : "Add endpoint";
  return (
    <form
      onSubmit={submit}
      aria-label={title}
      className="mb-6 max-w-2xl space-y-3 rounded border border-slate-300 p-4 dark:border-slate-700"
    >
      <h2 className="text-lg font-semibold">{title}</h2>
      <TextField label="Name" value={v.name} onChange={set("name")} error={fe("name")} />
      <div className="flex flex-col gap-1">
        <label htmlFor="endpoint-type" className="text-sm font-medium">
          Connection type
        </label>
        <select
          id="endpoint-type"
          value={type}
          onChange={(e) => {
            const t = e.target.value as FormType;
            setType(t);
            if (!editing) setV((cur) => ({ ...cur, port: DEFAULT_PORT[t] }));
          }}
          className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
        >
          {(Object.keys(TYPE_LABELS) as FormType[]).map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      {isKube(type) ? (
        <KubeConnectionFields mode={type} value={kube} onChange={setKube} error={fe} />
      ) : type === "unix" ? (
        <TextField label="Socket path" value={v.socketPath} onChange={set("socketPath")} error={fe("socketPath")} />
      ) : (
        <div className="flex gap-3">
          <TextField label="Host" value={v.host} onChange={set("host")} error={fe("host")} />
          <TextField label="Port" value={v.port} onChange={set("port")} error={fe("port")} inputMode="numeric" />
        </div>
      )}
      {type === "tls" && (
        <>
          <PemField label="CA certificate" value={v.ca} onChange={set("ca")} stored={!!stored?.ca} error={fe("ca")} />
          <PemField
            label="Client certificate"
            value={v.cert}
            onChange={set("cert")}
            stored={!!stored?.cert}
            error={fe("cert")}
          />
          <PemField label="Client key" value={v.key} onChange={set("key")} stored={!!stored?.key} error={fe("key")} />
        </>
      )}
      {type === "ssh" && (
        <>
          <TextField label="User" value={v.user} onChange={set("user")} error={fe("user")} />
          <PemField
            label="Private key"
            value={v.privateKey}
            onChange={set("privateKey")}
            stored={!!stored?.privateKey}
            error={fe("privateKey")}
          />
          <TextField
            label="Key passphrase (if any)"
            type="password"
            value={v.passphrase}
            onChange={set("passphrase")}
            placeholder={stored?.passphrase ? "stored" : ""}
          />
          <TextField
            label="Host key fingerprint (optional, SHA256:…)"
            value={v.hostKeyFingerprint}
            onChange={set("hostKeyFingerprint")}
            error={fe("hostKeyFingerprint")}
          />
        </>
      )}
      {error && (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300"
        >
          {error}
        </p>
      )}
      <div className="flex items-center gap-2">
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-blue-600 px-4 py-1.5 font-medium text-white hover:bg-blue-700 disabled:opacity-60"
        >
          Save
        </button>
        <button
          type="button"
          onClick={props.onCancel}
          className="rounded px-3 py-1.5 hover:bg-slate-100 dark:hover:bg-slate-800"
        >
          Cancel
        </button>
        {busy && (
          <span role="status" className="text-sm text-slate-500 dark:text-slate-400">
            Testing the connection…
          </span>
        )}
      </div>
    </form>
  );
}

function TextField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  type?: string;
  placeholder?: string;
  inputMode?: "numeric";
}) {
  const id = useId();
  return (
    <div className="flex flex-1 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {props.label}
      </label>
      <input
        id={id}
        type={props.type ?? "text"}
        value={props.value}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        autoComplete="off"
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
      />
      {props.error && (
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-300">
          {props.error}
        </p>
      )}
    </div>
  );
}
