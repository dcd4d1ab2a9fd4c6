import type { ServiceForm } from "./swarm-schemas";

// The service form <-> the engine's ServiceSpec (POST /services/create, /services/{id}/update). Pure.

type Json = Record<string, unknown>;
const NANO = 1e9;
const MB = 1024 * 1024;

/** Secret and config names resolved to the ids the engine wants. */
export interface SwarmRefs {
  secretId(name: string): string | undefined;
  configId(name: string): string | undefined;
}

function resources(r: { cpus?: number; memoryMb?: number }): Json | undefined {
  const out: Json = {};
  if (r.cpus) out.NanoCPUs = Math.round(r.cpus * NANO);
  if (r.memoryMb) out.MemoryBytes = r.memoryMb * MB;
  return Object.keys(out).length ? out : undefined;
}

/**
 * The spec for a form. `previous` (an update) keeps what the form does not edit (healthchecks, DNS, a stack's own
 * settings) and must carry the same name. Throws an Error naming a secret or config that does not exist.
 */
export function toServiceSpec(form: ServiceForm, refs: SwarmRefs, previous?: Json): Json {
  const prevTask = (previous?.TaskTemplate as Json | undefined) ?? {};
  const prevContainer = (prevTask.ContainerSpec as Json | undefined) ?? {};
  const secrets = form.secrets.map((s) => {
    const id = refs.secretId(s.name);
    if (!id) throw new Error(`No secret named ${s.name}`);
    return {
      SecretID: id,
      SecretName: s.name,
      File: { Name: s.target || s.name, UID: "0", GID: "0", Mode: 0o444 },
    };
  });
  const configs = form.configs.map((c) => {
    const id = refs.configId(c.name);
    if (!id) throw new Error(`No config named ${c.name}`);
    return {
      ConfigID: id,
      ConfigName: c.name,
      File: { Name: c.target || `/${c.name}`, UID: "0", GID: "0", Mode: 0o444 },
    };
  });
  const limits = resources(form.limits);
  const reservations = resources(form.reservations);
  const container: Json = {
    ...prevContainer,
    Image: form.image,
    Env: form.env.length ? form.env : undefined,
    Labels: Object.keys(form.containerLabels).length ? form.containerLabels : undefined,
    Mounts: form.mounts.length
      ? form.mounts.map((m) => ({
          Type: m.type,
          ...(m.source ? { Source: m.source } : {}),
          Target: m.target,
          ReadOnly: m.readOnly,
        }))
      : undefined,
    Secrets: secrets.length ? secrets : undefined,
    Configs: configs.length ? configs : undefined,
    StopGracePeriod: form.stopGraceSeconds !== undefined ? Math.round(form.stopGraceSeconds * NANO) : undefined,
  };
  container.Command = form.command.length ? form.command : undefined;
  container.Args = form.args.length ? form.args : undefined;
  return {
    ...(previous ?? {}),
    Name: form.name,
    Labels: form.labels,
    TaskTemplate: {
      ...prevTask,
      ContainerSpec: prune(container),
      Resources: limits || reservations ? prune({ Limits: limits, Reservations: reservations }) : undefined,
      RestartPolicy: {
        Condition: form.restart.condition,
        Delay: Math.round(form.restart.delaySeconds * NANO),
        MaxAttempts: form.restart.maxAttempts,
      },
      Placement: prune({
        Constraints: form.constraints.length ? form.constraints : undefined,
        Preferences: form.preferences.length
          ? form.preferences.map((p) => ({ Spread: { SpreadDescriptor: p } }))
          : undefined,
      }),
      Networks: form.networks.length ? form.networks.map((n) => ({ Target: n })) : undefined,
      ForceUpdate: prevTask.ForceUpdate,
    },
    Mode: form.mode === "global" ? { Global: {} } : { Replicated: { Replicas: form.replicas } },
    UpdateConfig: {
      Parallelism: form.update.parallelism,
      Delay: Math.round(form.update.delaySeconds * NANO),
      FailureAction: form.update.failureAction,
      Monitor: Math.round(form.update.monitorSeconds * NANO),
      Order: form.update.order,
    },
    EndpointSpec: {
      Mode: form.endpointMode,
      Ports: form.ports.map((p) => ({
        Protocol: p.protocol,
        TargetPort: p.target,
        ...(p.published ? { PublishedPort: p.published } : {}),
        PublishMode: p.mode,
      })),
    },
  };
}

/** Drops undefined keys, so the engine sees no nulls it would take as "clear this". */
function prune(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const secs = (ns: unknown) => (typeof ns === "number" ? ns / NANO : undefined);
const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strs = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === "string");

function fromResources(r: unknown): { cpus?: number; memoryMb?: number } {
  const o = obj(r);
  return {
    ...(typeof o.NanoCPUs === "number" && o.NanoCPUs ? { cpus: o.NanoCPUs / NANO } : {}),
    ...(typeof o.MemoryBytes === "number" && o.MemoryBytes ? { memoryMb: Math.round(o.MemoryBytes / MB) } : {}),
  };
}

/** The form for an existing service's spec (the edit page starts from it). */
export function fromServiceSpec(spec: unknown): ServiceForm {
  const s = obj(spec);
  const tt = obj(s.TaskTemplate);
  const cs = obj(tt.ContainerSpec);
  const mode = obj(s.Mode);
  const rp = obj(tt.RestartPolicy);
  const uc = obj(s.UpdateConfig);
  const es = obj(s.EndpointSpec);
  const res = obj(tt.Resources);
  const image = typeof cs.Image === "string" ? cs.Image.replace(/@sha256:[0-9a-f]{64}$/, "") : "";
  return {
    name: String(s.Name ?? ""),
    image,
    command: strs(cs.Command),
    args: strs(cs.Args),
    env: strs(cs.Env),
    labels: obj(s.Labels) as Record<string, string>,
    containerLabels: obj(cs.Labels) as Record<string, string>,
    mounts: arr(cs.Mounts).map((m) => {
      const o = obj(m);
      return {
        type: o.Type === "bind" || o.Type === "tmpfs" ? o.Type : "volume",
        source: String(o.Source ?? ""),
        target: String(o.Target ?? ""),
        readOnly: o.ReadOnly === true,
      };
    }),
    networks: arr(tt.Networks).map((n) => String(obj(n).Target ?? "")),
    mode: mode.Global ? "global" : "replicated",
    replicas: Number(obj(mode.Replicated).Replicas ?? 1),
    constraints: strs(obj(tt.Placement).Constraints),
    preferences: arr(obj(tt.Placement).Preferences)
      .map((p) => String(obj(obj(p).Spread).SpreadDescriptor ?? ""))
      .filter(Boolean),
    limits: fromResources(res.Limits),
    reservations: fromResources(res.Reservations),
    restart: {
      condition: rp.Condition === "none" || rp.Condition === "on-failure" ? rp.Condition : "any",
      delaySeconds: secs(rp.Delay) ?? 5,
      maxAttempts: Number(rp.MaxAttempts ?? 0),
    },
    update: {
      parallelism: Number(uc.Parallelism ?? 1),
      delaySeconds: secs(uc.Delay) ?? 0,
      failureAction: uc.FailureAction === "continue" || uc.FailureAction === "rollback" ? uc.FailureAction : "pause",
      monitorSeconds: secs(uc.Monitor) ?? 5,
      order: uc.Order === "start-first" ? "start-first" : "stop-first",
    },
    ports: arr(es.Ports).map((p) => {
      const o = obj(p);
      return {
        target: Number(o.TargetPort),
        ...(typeof o.PublishedPort === "number" ? { published: o.PublishedPort } : {}),
        protocol: o.Protocol === "udp" || o.Protocol === "sctp" ? o.Protocol : "tcp",
        mode: o.PublishMode === "ingress" ? "ingress" : "host",
      };
    }),
    endpointMode: es.Mode === "dnsrr" ? "dnsrr" : "vip",
    secrets: arr(cs.Secrets).map((x) => {
      const o = obj(x);
      return { name: String(o.SecretName ?? ""), target: String(obj(o.File).Name ?? "") };
    }),
    configs: arr(cs.Configs).map((x) => {
      const o = obj(x);
      return { name: String(o.ConfigName ?? ""), target: String(obj(o.File).Name ?? "") };
    }),
    ...(typeof cs.StopGracePeriod === "number" ? { stopGraceSeconds: cs.StopGracePeriod / NANO } : {}),
  };
}
