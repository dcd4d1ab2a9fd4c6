"use client";

import type { Dispatch, SetStateAction } from "react";
import { CheckboxInput, Rows, SelectInput, TextInput } from "./fields";
import { EMPTY_PORT, EMPTY_VOLUME, type FormState } from "./form-state";

/** The repeatable sections of the create form: environment, labels, ports, volumes. */
export function ContainerFormRows(props: {
  f: FormState;
  setF: Dispatch<SetStateAction<FormState>>;
  err: (path: string) => string | undefined;
}) {
  const { f, err } = props;
  const set =
    <K extends keyof FormState>(k: K) =>
    (v: FormState[K]) =>
      props.setF((prev) => ({ ...prev, [k]: v }));
  return (
    <>
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
            className="min-w-0 flex-1 basis-80"
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
              className="min-w-0 flex-1 basis-72"
            />
            <TextInput
              path={`labels.${i}.value`}
              label={`Label ${i + 1} value`}
              hideLabel
              value={row.value}
              onChange={(value) => update({ ...row, value })}
              error={err(`labels.${i}.value`)}
              placeholder="value"
              className="min-w-0 flex-1 basis-56"
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
    </>
  );
}
