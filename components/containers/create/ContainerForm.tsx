"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { createContainerAction } from "@/app/(app)/endpoints/[id]/containers/new/actions";
import { type ContainerSpecInput, RESTART_POLICIES } from "@/lib/container-spec";
import { CheckboxInput, Rows, SelectInput, TextInput } from "./fields";
import { EMPTY_PORT, EMPTY_VOLUME, type FormState, toFormState } from "./form-state";

/** The create form: every setting of the spec, with the server's field-level messages shown beside each field. */
export function ContainerForm(props: { endpointId: string; initial?: ContainerSpecInput }) {
  const router = useRouter();
  const [f, setF] = useState<FormState>(() => toFormState(props.initial));
  const [start, setStart] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof FormState>(k: K) =>
    (v: FormState[K]) =>
      setF((prev) => ({ ...prev, [k]: v }));
  const err = (path: string) => errors[path];

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const result = await createContainerAction({ endpointId: props.endpointId, spec: f, start });
      if (result.ok) {
        router.push(`/endpoints/${encodeURIComponent(props.endpointId)}/containers`);
        return;
      }
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(result.fieldErrors ?? {})) fields[k.replace(/^spec\./, "")] = v;
      setErrors(fields);
      setMessage(
        Object.keys(fields).length
          ? `The container was not created: fix the ${Object.keys(fields).length === 1 ? "field" : "fields"} marked below.`
          : result.error,
      );
    } catch {
      setMessage("Berth could not be reached. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label="Create container" className="max-w-4xl space-y-4" noValidate>
      {message && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          {message}
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextInput
          path="image"
          label="Image"
          value={f.image}
          onChange={set("image")}
          error={err("image")}
          placeholder="nginx:1.27"
        />
        <TextInput
          path="name"
          label="Name"
          value={f.name}
          onChange={set("name")}
          error={err("name")}
          hint="Empty: the engine picks one"
        />
        <TextInput
          path="command"
          label="Command"
          value={f.command}
          onChange={set("command")}
          error={err("command")}
          hint="Empty: the image's default; quotes group words"
        />
        <TextInput
          path="entrypoint"
          label="Entrypoint"
          value={f.entrypoint}
          onChange={set("entrypoint")}
          error={err("entrypoint")}
        />
        <TextInput
          path="workingDir"
          label="Working directory"
          value={f.workingDir}
          onChange={set("workingDir")}
          error={err("workingDir")}
        />
        <TextInput
          path="user"
          label="User"
          value={f.user}
          onChange={set("user")}
          error={err("user")}
          placeholder="1000:1000"
        />
      </div>

      <Rows
        legend="Environment variables"
        noun="environment variable"
        path="env"
        rows={f.env}
        empty=""
        onChange={set("env")}
        render={(row, i, update) => (
          <TextInput
            path={`env.${i}`}
            label={`Environment variable ${i + 1}`}
            hideLabel
            value={row}
            onChange={update}
            error={err(`env.${i}`)}
            placeholder="KEY=VALUE"
            className="min-w-80 flex-1"
          />
        )}
      />

      <Rows
        legend="Labels"
        noun="label"
        path="labels"
        rows={f.labels}
        empty={{ key: "", value: "" }}
        onChange={set("labels")}
        render={(row, i, update) => (
          <>
            <TextInput
              path={`labels.${i}.key`}
              label={`Label ${i + 1} key`}
              hideLabel
              value={row.key}
              onChange={(key) => update({ ...row, key })}
              error={err(`labels.${i}.key`)}
              placeholder="key"
            />
            <TextInput
              path={`labels.${i}.value`}
              label={`Label ${i + 1} value`}
              hideLabel
              value={row.value}
              onChange={(value) => update({ ...row, value })}
              error={err(`labels.${i}.value`)}
              placeholder="value"
              className="flex-1"
            />
          </>
        )}
      />

      <Rows
        legend="Published ports"
        noun="port"
        path="ports"
        rows={f.ports}
        empty={EMPTY_PORT}
        onChange={set("ports")}
        render={(row, i, update) => (
          <>
            <TextInput
              path={`ports.${i}.hostIp`}
              label={`Port ${i + 1} host IP`}
              value={row.hostIp}
              onChange={(hostIp) => update({ ...row, hostIp })}
              error={err(`ports.${i}.hostIp`)}
              placeholder="all addresses"
            />
            <TextInput
              path={`ports.${i}.hostPort`}
              label={`Port ${i + 1} host port`}
              inputMode="numeric"
              value={row.hostPort}
              onChange={(hostPort) => update({ ...row, hostPort })}
              error={err(`ports.${i}.hostPort`)}
              placeholder="any free port"
            />
            <TextInput
              path={`ports.${i}.containerPort`}
              label={`Port ${i + 1} container port`}
              inputMode="numeric"
              value={row.containerPort}
              onChange={(containerPort) => update({ ...row, containerPort })}
              error={err(`ports.${i}.containerPort`)}
            />
            <SelectInput
              path={`ports.${i}.protocol`}
              label={`Port ${i + 1} protocol`}
              value={row.protocol}
              options={["tcp", "udp", "sctp"] as const}
              onChange={(protocol) => update({ ...row, protocol })}
              error={err(`ports.${i}.protocol`)}
            />
          </>
        )}
      />

      <Rows
        legend="Volumes and binds"
        noun="volume"
        path="volumes"
        rows={f.volumes}
        empty={EMPTY_VOLUME}
        onChange={set("volumes")}
        render={(row, i, update) => (
          <>
            <SelectInput
              path={`volumes.${i}.type`}
              label={`Volume ${i + 1} type`}
              value={row.type}
              options={["volume", "bind"] as const}
              onChange={(type) => update({ ...row, type })}
              error={err(`volumes.${i}.type`)}
            />
            <TextInput
              path={`volumes.${i}.source`}
              label={`Volume ${i + 1} source`}
              value={row.source}
              onChange={(source) => update({ ...row, source })}
              error={err(`volumes.${i}.source`)}
              placeholder={row.type === "bind" ? "/host/path" : "volume name (empty: anonymous)"}
            />
            <TextInput
              path={`volumes.${i}.target`}
              label={`Volume ${i + 1} container path`}
              value={row.target}
              onChange={(target) => update({ ...row, target })}
              error={err(`volumes.${i}.target`)}
              placeholder="/data"
            />
            <div className="pt-6">
              <CheckboxInput
                path={`volumes.${i}.readOnly`}
                label={`Volume ${i + 1} read-only`}
                checked={row.readOnly}
                onChange={(readOnly) => update({ ...row, readOnly })}
              />
            </div>
          </>
        )}
      />

      <div className="grid gap-3 sm:grid-cols-3">
        <TextInput
          path="network"
          label="Network"
          value={f.network}
          onChange={set("network")}
          error={err("network")}
          placeholder="bridge"
        />
        <SelectInput
          path="restartPolicy"
          label="Restart policy"
          value={f.restartPolicy}
          options={RESTART_POLICIES}
          onChange={set("restartPolicy")}
          error={err("restartPolicy")}
        />
        <TextInput
          path="maxRetries"
          label="Maximum retries"
          inputMode="numeric"
          value={f.maxRetries}
          onChange={set("maxRetries")}
          error={err("maxRetries")}
          hint="Only with on-failure"
        />
        <TextInput
          path="memoryMb"
          label="Memory limit (MB)"
          inputMode="decimal"
          value={f.memoryMb}
          onChange={set("memoryMb")}
          error={err("memoryMb")}
          placeholder="no limit"
        />
        <TextInput
          path="cpus"
          label="CPUs"
          inputMode="decimal"
          value={f.cpus}
          onChange={set("cpus")}
          error={err("cpus")}
          placeholder="no limit"
        />
      </div>
      <div className="flex flex-wrap gap-6">
        <CheckboxInput
          path="autoRemove"
          label="Auto-remove when stopped"
          checked={f.autoRemove}
          onChange={set("autoRemove")}
          error={err("autoRemove")}
        />
        <CheckboxInput path="init" label="Run an init process" checked={f.init} onChange={set("init")} />
        <CheckboxInput path="start" label="Start after creating" checked={start} onChange={setStart} />
      </div>
      <button
        type="submit"
        disabled={busy}
        className="rounded bg-blue-600 px-4 py-2 font-medium text-white hover:bg-blue-700 disabled:opacity-60"
      >
        {busy ? "Creating…" : "Create"}
      </button>
    </form>
  );
}
