"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useId, useState } from "react";
import { inputClass, primaryClass } from "@/components/ui/button";
import type { ServiceForm } from "@/lib/swarm-schemas";
import { createServiceAction, updateServiceAction } from "@/server/actions/swarm/service-actions";
import { ErrorAlert, useRunAction } from "./run-action";
import { EMPTY_FORM, type FormText, fromText, toText } from "./service-form-text";

/** A labelled control; the hint describes it (aria-describedby) without becoming part of its name. */
function Field(props: { label: string; hint?: string; children: (id: string, hintId?: string) => ReactNode }) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium">
        {props.label}
      </label>
      {props.hint && (
        <span id={hintId} className="ml-2 text-xs text-slate-500 dark:text-slate-400">
          {props.hint}
        </span>
      )}
      <div className="mt-1">{props.children(id, hintId)}</div>
    </div>
  );
}

/** Create a service, or edit one (`serviceId` and `initial` given): every field maps to the engine's ServiceSpec. */
export function ServiceFormView(props: { endpointId: string; serviceId?: string; initial?: ServiceForm }) {
  const router = useRouter();
  const { busy, error, run } = useRunAction();
  const [f, setF] = useState<FormText>(props.initial ? toText(props.initial) : EMPTY_FORM);
  const editing = Boolean(props.serviceId);
  const set = (k: keyof FormText) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  type Extra = { required?: boolean; disabled?: boolean; type?: string };
  const text =
    (k: keyof FormText, extra: Extra = {}) =>
    (id: string, hintId?: string) => (
      <input
        id={id}
        aria-describedby={hintId}
        className={`${inputClass} w-full`}
        value={f[k]}
        onChange={set(k)}
        {...extra}
      />
    );
  const area = (k: keyof FormText) => (id: string, hintId?: string) => (
    <textarea
      id={id}
      aria-describedby={hintId}
      className={`${inputClass} h-20 w-full font-mono`}
      value={f[k]}
      onChange={set(k)}
    />
  );
  const select = (k: keyof FormText, options: string[]) => (id: string, hintId?: string) => (
    <select id={id} aria-describedby={hintId} className={inputClass} value={f[k]} onChange={set(k)}>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
  const base = `/endpoints/${encodeURIComponent(props.endpointId)}/swarm/services`;

  async function submit() {
    const service = fromText(f);
    const ok = props.serviceId
      ? await run(`Update ${service.name}`, () =>
          updateServiceAction({ endpointId: props.endpointId, serviceId: props.serviceId!, service }),
        )
      : await run(`Create ${service.name}`, () => createServiceAction({ endpointId: props.endpointId, service }));
    if (ok) router.push(props.serviceId ? `${base}/${encodeURIComponent(props.serviceId)}` : base);
  }

  return (
    <form
      className="max-w-3xl space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <ErrorAlert error={error} />
      <fieldset className="grid grid-cols-2 gap-3">
        <legend className="mb-2 font-semibold">Service</legend>
        <Field label="Name">{text("name", { required: true, disabled: editing })}</Field>
        <Field label="Image">{text("image", { required: true })}</Field>
        <Field label="Command" hint="as in a shell">
          {text("command")}
        </Field>
        <Field label="Stop grace period" hint="seconds">
          {text("stopGrace", { type: "number" })}
        </Field>
        <Field label="Environment" hint="KEY=value, one a line">
          {area("env")}
        </Field>
        <Field label="Labels" hint="key=value, one a line">
          {area("labels")}
        </Field>
        <Field label="Mounts" hint="type:source:target[:ro], one a line">
          {area("mounts")}
        </Field>
        <Field label="Networks" hint="names, comma-separated">
          {text("networks")}
        </Field>
      </fieldset>
      <fieldset className="grid grid-cols-2 gap-3">
        <legend className="mb-2 font-semibold">Scheduling</legend>
        <Field label="Mode">{select("mode", ["replicated", "global"])}</Field>
        <Field label="Replicas">{text("replicas", { type: "number", disabled: f.mode === "global" })}</Field>
        <Field label="Constraints" hint="e.g. node.role==worker, one a line">
          {area("constraints")}
        </Field>
        <Field label="Placement preferences" hint="spread descriptors, one a line">
          {area("preferences")}
        </Field>
        <Field label="CPU limit" hint="CPUs">
          {text("cpuLimit", { type: "number" })}
        </Field>
        <Field label="Memory limit" hint="MiB">
          {text("memLimit", { type: "number" })}
        </Field>
        <Field label="CPU reservation" hint="CPUs">
          {text("cpuReserve", { type: "number" })}
        </Field>
        <Field label="Memory reservation" hint="MiB">
          {text("memReserve", { type: "number" })}
        </Field>
      </fieldset>
      <fieldset className="grid grid-cols-3 gap-3">
        <legend className="mb-2 font-semibold">Restart and update policy</legend>
        <Field label="Restart condition">{select("restartCondition", ["any", "on-failure", "none"])}</Field>
        <Field label="Restart delay" hint="seconds">
          {text("restartDelay", { type: "number" })}
        </Field>
        <Field label="Restart max attempts" hint="0: no limit">
          {text("restartMax", { type: "number" })}
        </Field>
        <Field label="Update parallelism">{text("parallelism", { type: "number" })}</Field>
        <Field label="Update delay" hint="seconds">
          {text("updateDelay", { type: "number" })}
        </Field>
        <Field label="Update monitor" hint="seconds">
          {text("monitor", { type: "number" })}
        </Field>
        <Field label="Update failure action">{select("failureAction", ["pause", "continue", "rollback"])}</Field>
        <Field label="Update order">{select("order", ["stop-first", "start-first"])}</Field>
      </fieldset>
      <fieldset className="grid grid-cols-2 gap-3">
        <legend className="mb-2 font-semibold">Network, secrets and configs</legend>
        <Field label="Endpoint mode" hint="dnsrr where the kernel has no IPVS">
          {select("endpointMode", ["vip", "dnsrr"])}
        </Field>
        <Field label="Published ports" hint="published:target[/udp], host mode, one a line">
          {area("ports")}
        </Field>
        <Field label="Secrets" hint="names, comma-separated">
          {text("secrets")}
        </Field>
        <Field label="Configs" hint="names, comma-separated">
          {text("configs")}
        </Field>
      </fieldset>
      <button type="submit" className={primaryClass} disabled={busy}>
        {editing ? "Update service" : "Create service"}
      </button>
    </form>
  );
}
