import { splitCommandLine } from "../command-line";
import { STACK_IMAGE_LABEL, STACK_NAMESPACE_LABEL } from "../swarm";
import { ComposeError } from "./parse";
import type { ComposeFile, ComposeService } from "./schema";
import { parseBytes, parseDuration } from "./units";

// A parsed compose file -> what `docker stack deploy` would create: namespaced networks (`<stack>_<name>`) and
// service specs with the labels the CLI sets, so the docker CLI and Berth each see the other's stacks. Pure.

type Json = Record<string, unknown>;

export interface StackNetwork {
  name: string;
  external: boolean;
  create?: Json;
}

export interface StackPlan {
  networks: StackNetwork[];
  /** Secret and config names the services refer to (all external: made beforehand, e.g. on the Secrets page). */
  secrets: string[];
  configs: string[];
  services: { name: string; spec: Json }[];
}

const ns = (stack: string, name: string) => `${stack}_${name}`;

function toMap(
  v: string[] | Record<string, string | number | boolean | null> | undefined,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (Array.isArray(v))
    for (const item of v) {
      const eq = item.indexOf("=");
      out[eq < 0 ? item : item.slice(0, eq)] = eq < 0 ? null : item.slice(eq + 1);
    }
  else for (const [k, val] of Object.entries(v ?? {})) out[k] = val === null ? null : String(val);
  return out;
}

const labelsOf = (v: Parameters<typeof toMap>[0]) =>
  Object.fromEntries(Object.entries(toMap(v)).map(([k, val]) => [k, val ?? ""]));

function words(v: string | string[] | undefined, what: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return v;
  const split = splitCommandLine(v);
  if (!split) throw new ComposeError(`${what}: unbalanced quotes`);
  return split;
}

function externalName(key: string, def: { external?: boolean | { name?: string }; name?: string } | null | undefined) {
  if (!def?.external) return undefined;
  return (typeof def.external === "object" && def.external.name) || def.name || key;
}

function ports(svc: ComposeService, where: string): Json[] {
  return (svc.ports ?? []).map((p) => {
    if (typeof p === "object")
      return {
        Protocol: p.protocol ?? "tcp",
        TargetPort: p.target,
        ...(p.published !== undefined ? { PublishedPort: Number(p.published) } : {}),
        PublishMode: p.mode ?? "ingress",
      };
    const text = String(p);
    const [spec, protocol = "tcp"] = text.split("/");
    const parts = (spec ?? "").replace(/^\[[^\]]*\]:|^[\d.]+:(?=\d+:)/, "").split(":");
    if (parts.some((x) => x.includes("-")))
      throw new ComposeError(`${where}.ports: port ranges are not supported here`);
    const target = Number(parts[parts.length - 1]);
    const published = parts.length > 1 ? Number(parts[0]) : undefined;
    return {
      Protocol: protocol,
      TargetPort: target,
      ...(published ? { PublishedPort: published } : {}),
      PublishMode: "ingress",
    };
  });
}

function mounts(stack: string, file: ComposeFile, svc: ComposeService): Json[] {
  const named = (source: string) => {
    const def = file.volumes?.[source];
    return externalName(source, def) ?? def?.name ?? ns(stack, source);
  };
  const volumeOptions = (source: string) => {
    const def = file.volumes?.[source];
    if (externalName(source, def)) return undefined;
    return {
      Labels: { ...labelsOf(def?.labels), [STACK_NAMESPACE_LABEL]: stack },
      ...(def?.driver ? { DriverConfig: { Name: def.driver, Options: def.driver_opts } } : {}),
    };
  };
  return (svc.volumes ?? []).map((v) => {
    if (typeof v === "object") {
      const isNamed = v.type === "volume" && v.source;
      return {
        Type: v.type,
        ...(v.source ? { Source: isNamed ? named(v.source) : v.source } : {}),
        Target: v.target,
        ...(v.read_only ? { ReadOnly: true } : {}),
        ...(isNamed
          ? { VolumeOptions: { ...volumeOptions(v.source!), ...(v.volume?.nocopy ? { NoCopy: true } : {}) } }
          : {}),
      };
    }
    const parts = v.split(":");
    if (parts.length === 1) return { Type: "volume", Target: parts[0] };
    const [source = "", target = "", mode] = parts;
    const ro = mode?.split(",").includes("ro") ? { ReadOnly: true } : {};
    if (source.startsWith("/") || source.startsWith(".") || source.startsWith("~"))
      return { Type: "bind", Source: source, Target: target, ...ro };
    return { Type: "volume", Source: named(source), Target: target, ...ro, VolumeOptions: volumeOptions(source) };
  });
}

function fileRefs(
  kind: "secrets" | "configs",
  file: ComposeFile,
  svc: ComposeService,
  used: Set<string>,
  where: string,
): Json[] {
  return (svc[kind] ?? []).map((r) => {
    const ref = typeof r === "string" ? { source: r } : r;
    const def = file[kind]?.[ref.source];
    if (!def) throw new ComposeError(`${where}.${kind}: ${ref.source} is not declared under top-level ${kind}`);
    const name = externalName(ref.source, def);
    if (!name)
      throw new ComposeError(
        `${kind}.${ref.source}: a stack deployed by Berth uses existing ${kind} only; create it on the ${kind === "secrets" ? "Secrets" : "Configs"} page and declare it "external: true"`,
      );
    used.add(name);
    const target = ref.target ?? (kind === "secrets" ? ref.source : `/${ref.source}`);
    const fileSpec = { Name: target, UID: ref.uid ?? "0", GID: ref.gid ?? "0", Mode: ref.mode ?? 0o444 };
    return kind === "secrets" ? { File: fileSpec, SecretName: name } : { File: fileSpec, ConfigName: name };
  });
}

function updateConfig(u: NonNullable<NonNullable<ComposeService["deploy"]>["update_config"]> | undefined) {
  if (!u) return undefined;
  return prune({
    Parallelism: u.parallelism ?? 1,
    Delay: u.delay ? parseDuration(u.delay) : undefined,
    FailureAction: u.failure_action,
    Monitor: u.monitor ? parseDuration(u.monitor) : undefined,
    MaxFailureRatio: u.max_failure_ratio,
    Order: u.order,
  });
}

function prune(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function resources(r: { cpus?: string | number; memory?: string | number } | undefined): Json | undefined {
  if (!r) return undefined;
  return prune({
    NanoCPUs: r.cpus !== undefined ? Math.round(Number(r.cpus) * 1e9) : undefined,
    MemoryBytes: r.memory !== undefined ? parseBytes(r.memory) : undefined,
  });
}

export function toStackPlan(stack: string, file: ComposeFile, env: Readonly<Record<string, string>> = {}): StackPlan {
  const secrets = new Set<string>();
  const configs = new Set<string>();
  const usedNetworks = new Set<string>();
  const services = Object.entries(file.services)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, svc]) => {
      const where = `services.${key}`;
      const d = svc.deploy ?? {};
      // Sorted by name, aliases before the service's own name: the order `docker stack deploy` sends.
      const netKeys = (
        svc.networks
          ? Array.isArray(svc.networks)
            ? svc.networks.map((n) => [n, null] as const)
            : Object.entries(svc.networks)
          : [["default", null] as const]
      ).sort(([a], [b]) => a.localeCompare(b));
      const networks = netKeys.map(([n, opts]) => {
        if (n !== "default" && !Object.hasOwn(file.networks ?? {}, n))
          throw new ComposeError(`${where}.networks: ${n} is not declared under top-level networks`);
        usedNetworks.add(n);
        const def = file.networks?.[n];
        return { Target: externalName(n, def) ?? def?.name ?? ns(stack, n), Aliases: [...(opts?.aliases ?? []), key] };
      });
      const envMap = toMap(svc.environment);
      const envList = Object.entries(envMap)
        .map(([k, v]) => (v === null ? (Object.hasOwn(env, k) ? `${k}=${env[k]}` : null) : `${k}=${v}`))
        .filter((x): x is string => x !== null)
        .sort();
      const hc = svc.healthcheck;
      const container = prune({
        Image: svc.image,
        Labels: { ...labelsOf(svc.labels), [STACK_NAMESPACE_LABEL]: stack },
        Command: words(svc.entrypoint, `${where}.entrypoint`),
        Args: words(svc.command, `${where}.command`),
        Hostname: svc.hostname,
        Env: envList.length ? envList : undefined,
        Dir: svc.working_dir,
        User: svc.user,
        TTY: svc.tty,
        OpenStdin: svc.stdin_open,
        ReadOnly: svc.read_only,
        Init: svc.init,
        Mounts: svc.volumes?.length ? mounts(stack, file, svc) : undefined,
        StopSignal: svc.stop_signal,
        StopGracePeriod: svc.stop_grace_period ? parseDuration(svc.stop_grace_period) : undefined,
        Healthcheck: hc
          ? prune({
              Test: hc.disable ? ["NONE"] : typeof hc.test === "string" ? ["CMD-SHELL", hc.test] : hc.test,
              Interval: hc.interval ? parseDuration(hc.interval) : undefined,
              Timeout: hc.timeout ? parseDuration(hc.timeout) : undefined,
              Retries: hc.retries,
              StartPeriod: hc.start_period ? parseDuration(hc.start_period) : undefined,
            })
          : undefined,
        Hosts: svc.extra_hosts
          ? Object.entries(toMap(svc.extra_hosts)).map(([h, ip]) => `${ip ?? ""} ${h}`.trim())
          : undefined,
        DNSConfig: svc.dns ? { Nameservers: typeof svc.dns === "string" ? [svc.dns] : svc.dns } : undefined,
        Secrets: svc.secrets?.length ? fileRefs("secrets", file, svc, secrets, where) : undefined,
        Configs: svc.configs?.length ? fileRefs("configs", file, svc, configs, where) : undefined,
      });
      const rp = d.restart_policy;
      const placement = d.placement;
      const spec = prune({
        Name: ns(stack, key),
        Labels: { ...labelsOf(d.labels), [STACK_NAMESPACE_LABEL]: stack, [STACK_IMAGE_LABEL]: svc.image },
        TaskTemplate: prune({
          ContainerSpec: container,
          Resources:
            d.resources && (d.resources.limits || d.resources.reservations)
              ? prune({ Limits: resources(d.resources.limits), Reservations: resources(d.resources.reservations) })
              : undefined,
          RestartPolicy: rp
            ? prune({
                Condition: rp.condition,
                Delay: rp.delay ? parseDuration(rp.delay) : undefined,
                MaxAttempts: rp.max_attempts,
                Window: rp.window ? parseDuration(rp.window) : undefined,
              })
            : undefined,
          Placement: placement
            ? prune({
                Constraints: placement.constraints,
                Preferences: placement.preferences?.map((p) => ({ Spread: { SpreadDescriptor: p.spread } })),
                MaxReplicas: placement.max_replicas_per_node,
              })
            : undefined,
          Networks: networks,
        }),
        Mode: d.mode === "global" ? { Global: {} } : { Replicated: { Replicas: d.replicas ?? 1 } },
        UpdateConfig: updateConfig(d.update_config),
        RollbackConfig: updateConfig(d.rollback_config),
        EndpointSpec: prune({
          Mode: d.endpoint_mode ?? "vip",
          Ports: svc.ports?.length ? ports(svc, where) : undefined,
        }),
      });
      return { name: ns(stack, key), spec };
    });
  const networks: StackNetwork[] = [...usedNetworks].sort().map((key) => {
    const def = file.networks?.[key];
    const ext = externalName(key, def);
    if (ext) return { name: ext, external: true };
    const name = def?.name ?? ns(stack, key);
    return {
      name,
      external: false,
      create: prune({
        Name: name,
        Driver: def?.driver ?? "overlay",
        Options: def?.driver_opts,
        Attachable: def?.attachable,
        Internal: def?.internal,
        Labels: { ...labelsOf(def?.labels), [STACK_NAMESPACE_LABEL]: stack },
      }),
    };
  });
  return { networks, secrets: [...secrets].sort(), configs: [...configs].sort(), services };
}
