import { joinCommandLine, splitCommandLine } from "@/lib/command-line";
import type { ContainerSpec, ContainerSpecInput } from "@/lib/container-spec";

// Pure mappings between the form's spec and the Engine API: spec -> create body, inspect -> spec (Duplicate) and
// inspect -> create body (Recreate, which must keep every setting, not only those the form knows).

/** The JSON body of POST /containers/create (the name travels separately, as a query parameter). */
export type CreateBody = Record<string, unknown> & { Image: string; HostConfig: Record<string, unknown> };

/** The subset of `docker inspect <container>` these mappings read. */
export interface InspectLike {
  Id?: string;
  Name?: string;
  /** The id of the image the container runs (Config.Image is the reference it was made from). */
  Image?: string;
  Config?: {
    Hostname?: string;
    Image?: string;
    Cmd?: string[] | null;
    Entrypoint?: string[] | string | null;
    WorkingDir?: string;
    User?: string;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    [k: string]: unknown;
  };
  HostConfig?: Record<string, unknown>;
  Mounts?: { Type?: string; Name?: string; Destination?: string }[] | null;
  NetworkSettings?: { Networks?: Record<string, { Aliases?: string[] | null; IPAMConfig?: unknown } | null> };
}

/** The subset of `docker image inspect` used to leave image defaults out of a duplicated spec. */
export interface ImageConfigLike {
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  WorkingDir?: string;
  User?: string;
  Env?: string[] | null;
  Labels?: Record<string, string> | null;
  /** Read by Edit, which leaves out what a new image would bring itself. */
  ExposedPorts?: Record<string, object> | null;
  Volumes?: Record<string, object> | null;
  Healthcheck?: unknown;
  StopSignal?: string;
  Shell?: string[] | null;
  OnBuild?: string[] | null;
  ArgsEscaped?: boolean;
}

const MB = 1024 * 1024;

export function specToCreateBody(spec: ContainerSpec): { name?: string; body: CreateBody } {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    const list = bindings[key] ?? [];
    list.push({ HostIp: p.hostIp ?? "", HostPort: p.hostPort ? String(p.hostPort) : "" });
    bindings[key] = list;
  }
  const hostConfig: Record<string, unknown> = {
    PortBindings: bindings,
    Mounts: spec.volumes.map((v) => ({
      Type: v.type,
      ...(v.source ? { Source: v.source } : {}),
      Target: v.target,
      ReadOnly: v.readOnly,
    })),
    RestartPolicy: {
      Name: spec.restartPolicy,
      ...(spec.restartPolicy === "on-failure" && spec.maxRetries !== undefined
        ? { MaximumRetryCount: spec.maxRetries }
        : {}),
    },
    AutoRemove: spec.autoRemove,
    Init: spec.init,
  };
  if (spec.network) hostConfig.NetworkMode = spec.network;
  if (spec.memoryMb !== undefined) hostConfig.Memory = Math.round(spec.memoryMb * MB);
  if (spec.cpus !== undefined) hostConfig.NanoCpus = Math.round(spec.cpus * 1e9);
  const body: CreateBody = {
    Image: spec.image,
    Env: spec.env,
    Labels: Object.fromEntries(spec.labels.map((l) => [l.key, l.value])),
    ExposedPorts: exposed,
    HostConfig: hostConfig,
  };
  if (spec.command !== undefined) body.Cmd = splitCommandLine(spec.command) ?? [];
  if (spec.entrypoint !== undefined) body.Entrypoint = splitCommandLine(spec.entrypoint) ?? [];
  if (spec.workingDir) body.WorkingDir = spec.workingDir;
  if (spec.user) body.User = spec.user;
  return { ...(spec.name ? { name: spec.name } : {}), body };
}

const sameArgs = (a?: string[] | null, b?: string[] | null) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** Reads a binds entry "source:target[:options]"; a lone path is an anonymous volume. */
function parseBind(entry: string): { source: string; target: string; readOnly: boolean } {
  const [first = "", second, options = ""] = entry.split(":");
  if (second === undefined) return { source: "", target: first, readOnly: false };
  return { source: first, target: second, readOnly: options.split(",").includes("ro") };
}

/**
 * A form spec from an existing container, for Duplicate. Settings equal to the image's own defaults are left out,
 * so the duplicate keeps following its image (an image's PATH is not pinned into the new container).
 */
export function inspectToSpec(inspect: InspectLike, image?: ImageConfigLike): ContainerSpecInput {
  const cfg = inspect.Config ?? {};
  const hc = (inspect.HostConfig ?? {}) as Record<string, unknown>;
  const imageEnv = new Set(image?.Env ?? []);
  const imageLabels = image?.Labels ?? {};
  const entrypoint = typeof cfg.Entrypoint === "string" ? [cfg.Entrypoint] : cfg.Entrypoint;
  const ports: ContainerSpecInput["ports"] = [];
  const portBindings = (hc.PortBindings ?? {}) as Record<string, { HostIp?: string; HostPort?: string }[] | null>;
  for (const [key, list] of Object.entries(portBindings)) {
    const [port, protocol = "tcp"] = key.split("/");
    for (const b of list ?? [{}]) {
      ports.push({
        hostIp: b.HostIp ?? "",
        hostPort: b.HostPort ?? "",
        containerPort: port,
        protocol: protocol as "tcp",
      });
    }
  }
  const volumes: ContainerSpecInput["volumes"] = [];
  for (const b of (hc.Binds as string[] | null) ?? []) {
    const { source, target, readOnly } = parseBind(b);
    volumes.push({ type: source.startsWith("/") ? "bind" : "volume", source, target, readOnly });
  }
  for (const m of (hc.Mounts as { Type?: string; Source?: string; Target?: string; ReadOnly?: boolean }[]) ?? []) {
    if (m.Type !== "bind" && m.Type !== "volume") continue;
    volumes.push({ type: m.Type, source: m.Source ?? "", target: m.Target ?? "", readOnly: !!m.ReadOnly });
  }
  const restart = (hc.RestartPolicy ?? {}) as { Name?: string; MaximumRetryCount?: number };
  const restartPolicy = (restart.Name || "no") as ContainerSpecInput["restartPolicy"];
  const network = typeof hc.NetworkMode === "string" && hc.NetworkMode !== "default" ? hc.NetworkMode : "";
  return {
    image: cfg.Image ?? "",
    name: (inspect.Name ?? "").replace(/^\//, ""),
    command: cfg.Cmd && !sameArgs(cfg.Cmd, image?.Cmd) ? joinCommandLine(cfg.Cmd) : "",
    entrypoint: entrypoint && !sameArgs(entrypoint, image?.Entrypoint) ? joinCommandLine(entrypoint) : "",
    workingDir: cfg.WorkingDir && cfg.WorkingDir !== image?.WorkingDir ? cfg.WorkingDir : "",
    user: cfg.User && cfg.User !== image?.User ? cfg.User : "",
    env: (cfg.Env ?? []).filter((e) => !imageEnv.has(e)),
    labels: Object.entries(cfg.Labels ?? {})
      .filter(([k, v]) => imageLabels[k] !== v)
      .map(([key, value]) => ({ key, value })),
    ports,
    volumes,
    network,
    restartPolicy,
    maxRetries: restartPolicy === "on-failure" && restart.MaximumRetryCount ? String(restart.MaximumRetryCount) : "",
    memoryMb: typeof hc.Memory === "number" && hc.Memory > 0 ? String(Math.round((hc.Memory / MB) * 100) / 100) : "",
    cpus: typeof hc.NanoCpus === "number" && hc.NanoCpus > 0 ? String(hc.NanoCpus / 1e9) : "",
    autoRemove: !!hc.AutoRemove,
    init: !!hc.Init,
  };
}

/**
 * The create body that makes the same container again (Recreate): the inspect's whole Config and HostConfig, minus
 * what belonged to the old instance (its id as hostname, its id as a network alias). Networks beyond the primary one
 * are returned apart: the engine takes only one at create time, the rest are connected afterwards.
 */
export function inspectToCreateBody(inspect: InspectLike): {
  body: CreateBody;
  extraNetworks: { name: string; aliases: string[] }[];
} {
  const { Hostname, ...config } = inspect.Config ?? {};
  const shortId = (inspect.Id ?? "").slice(0, 12);
  const hostConfig = { ...(inspect.HostConfig ?? {}) };
  const body: CreateBody = { ...config, Image: String(config.Image ?? ""), HostConfig: hostConfig };
  // Anonymous volumes (an image's VOLUME, `-v /path`) would be made afresh: mount the old ones by name to keep data.
  const covered = new Set<string>([
    ...((hostConfig.Binds as string[] | null) ?? []).map((b) => {
      const [first = "", second] = b.split(":");
      return second ?? first;
    }),
    ...((hostConfig.Mounts as { Target?: string }[] | null) ?? []).map((m) => m.Target ?? ""),
  ]);
  const keep = (inspect.Mounts ?? []).filter(
    (m) => m.Type === "volume" && m.Name && m.Destination && !covered.has(m.Destination),
  );
  if (keep.length)
    hostConfig.Mounts = [
      ...((hostConfig.Mounts as unknown[] | null) ?? []),
      ...keep.map((m) => ({ Type: "volume", Source: m.Name, Target: m.Destination })),
    ];
  if (Hostname && Hostname !== shortId) body.Hostname = Hostname;
  const networks = Object.entries(inspect.NetworkSettings?.Networks ?? {});
  const mode = typeof hostConfig.NetworkMode === "string" ? hostConfig.NetworkMode : "default";
  const cleanAliases = (a?: string[] | null) => (a ?? []).filter((x) => x !== shortId && x !== inspect.Id);
  const extraNetworks: { name: string; aliases: string[] }[] = [];
  const endpoints: Record<string, unknown> = {};
  for (const [name, n] of networks) {
    if (name === mode || (mode === "default" && name === "bridge")) {
      const aliases = cleanAliases(n?.Aliases);
      endpoints[name] = {
        ...(aliases.length ? { Aliases: aliases } : {}),
        ...(n?.IPAMConfig ? { IPAMConfig: n.IPAMConfig } : {}),
      };
    } else if (!mode.startsWith("container:") && mode !== "host" && mode !== "none") {
      extraNetworks.push({ name, aliases: cleanAliases(n?.Aliases) });
    }
  }
  if (Object.keys(endpoints).length) body.NetworkingConfig = { EndpointsConfig: endpoints };
  return { body, extraNetworks };
}
