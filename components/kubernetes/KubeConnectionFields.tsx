"use client";

import { useEffect, useId, useState } from "react";
import type { KubeConnectionInput } from "@/lib/kube-connection";

export interface KubeValues {
  kubeconfig: string;
  context: string;
  server: string;
  token: string;
  ca: string;
}

export const EMPTY_KUBE: KubeValues = { kubeconfig: "", context: "", server: "", token: "", ca: "" };

export function kubeConnectionOf(mode: "kubeconfig" | "kube-token", v: KubeValues): KubeConnectionInput {
  return mode === "kubeconfig"
    ? { mode: "kubeconfig", kubeconfig: v.kubeconfig, context: v.context || undefined }
    : { mode: "token", server: v.server, token: v.token, ca: v.ca || undefined };
}

type Contexts = { names: string[]; current: string };
const NO_CONTEXTS: Contexts = { names: [], current: "" };

/** Context names of a pasted kubeconfig, read in the browser for the picker (the server validates it again). */
function contextsOf(load: (text: string) => unknown, text: string): Contexts {
  try {
    const doc = load(text) as { contexts?: { name?: unknown }[]; "current-context"?: unknown } | null;
    const names = (Array.isArray(doc?.contexts) ? doc.contexts : [])
      .map((c) => (typeof c?.name === "string" ? c.name : ""))
      .filter(Boolean);
    return { names, current: typeof doc?.["current-context"] === "string" ? doc["current-context"] : "" };
  } catch {
    return { names: [], current: "" };
  }
}

/**
 * The contexts of the kubeconfig being typed. The YAML reader loads only once there is a kubeconfig to read: the
 * endpoints page carried it (18 kB compressed) in its first load for a field most visits never touch.
 */
function useContexts(text: string): Contexts {
  const [ctx, setCtx] = useState(NO_CONTEXTS);
  useEffect(() => {
    if (!text.trim()) {
      setCtx(NO_CONTEXTS);
      return;
    }
    let live = true;
    void import("js-yaml").then((m) => {
      if (live) setCtx(contextsOf(m.load, text));
    });
    return () => {
      live = false;
    };
  }, [text]);
  return ctx;
}

const input = "rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900";

/** The Kubernetes part of the endpoint form: a kubeconfig (pasted or uploaded) and a context, or URL + token + CA. */
export function KubeConnectionFields(props: {
  mode: "kubeconfig" | "kube-token";
  value: KubeValues;
  onChange: (v: KubeValues) => void;
  error: (field: string) => string | undefined;
}) {
  const id = useId();
  const v = props.value;
  const set = (k: keyof KubeValues) => (value: string) => props.onChange({ ...v, [k]: value });
  const ctx = useContexts(v.kubeconfig);
  if (props.mode === "kubeconfig")
    return (
      <>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-kc`} className="text-sm font-medium">
            Kubeconfig
          </label>
          <textarea
            id={`${id}-kc`}
            value={v.kubeconfig}
            onChange={(e) => set("kubeconfig")(e.target.value)}
            rows={8}
            spellCheck={false}
            className={`${input} font-mono text-xs`}
            aria-invalid={props.error("kubeconfig") ? true : undefined}
          />
          <label className="text-sm">
            Or upload a file{" "}
            <input
              type="file"
              aria-label="Upload kubeconfig"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                if (f) set("kubeconfig")(await f.text());
              }}
            />
          </label>
          {props.error("kubeconfig") && <p className="text-sm text-red-600">{props.error("kubeconfig")}</p>}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-ctx`} className="text-sm font-medium">
            Context
          </label>
          <select id={`${id}-ctx`} value={v.context} onChange={(e) => set("context")(e.target.value)} className={input}>
            <option value="">{ctx.current ? `Current context (${ctx.current})` : "Current context"}</option>
            {ctx.names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </>
    );
  return (
    <>
      <Field
        id={`${id}-server`}
        label="Server URL"
        value={v.server}
        onChange={set("server")}
        error={props.error("server")}
      />
      <Field
        id={`${id}-token`}
        label="Bearer token"
        type="password"
        value={v.token}
        onChange={set("token")}
        error={props.error("token")}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-ca`} className="text-sm font-medium">
          Cluster CA certificate (PEM)
        </label>
        <textarea
          id={`${id}-ca`}
          value={v.ca}
          onChange={(e) => set("ca")(e.target.value)}
          rows={4}
          spellCheck={false}
          className={`${input} font-mono text-xs`}
        />
        {props.error("ca") && <p className="text-sm text-red-600">{props.error("ca")}</p>}
      </div>
    </>
  );
}

function Field(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  type?: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={props.id} className="text-sm font-medium">
        {props.label}
      </label>
      <input
        id={props.id}
        type={props.type ?? "text"}
        value={props.value}
        autoComplete="off"
        onChange={(e) => props.onChange(e.target.value)}
        className={input}
      />
      {props.error && <p className="text-sm text-red-600">{props.error}</p>}
    </div>
  );
}
