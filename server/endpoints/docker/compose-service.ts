import { splitCommandLine } from "@/lib/command-line";
import { ComposeError } from "@/lib/compose/parse";
import type { ComposeProject, ProjectService } from "@/lib/compose/schema";
import { parseBytes, parseDuration } from "@/lib/compose/units";

// One service of a standalone Compose project -> the container create body (Config + HostConfig) as Compose builds
// it: short-syntax volumes as Binds (the engine makes a missing host folder, as with `docker-compose`), long syntax
// as Mounts, anonymous volumes under Config.Volumes. Pure; names of networks and volumes come from the caller.

type Json = Record<string, unknown>;
type Scalars = string[] | Record<string, string | number | boolean | null> | undefined;

export function toMap(v: Scalars): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (Array.isArray(v))
    for (const item of v) {
      const eq = item.indexOf("=");
      out[eq < 0 ? item : item.slice(0, eq)] = eq < 0 ? null : item.slice(eq + 1);
    }
  else for (const [k, val] of Object.entries(v ?? {})) out[k] = val === null ? null : String(val);
  return out;
}

export const labelsOf = (v: Scalars): Record<string, string> =>
  Object.fromEntries(Object.entries(toMap(v)).map(([k, val]) => [k, val ?? ""]));

function words(v: string | string[] | undefined, where: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return v;
  const split = splitCommandLine(v);
  if (!split) throw new ComposeError(`${where}: unbalanced quotes`);
  return split;
}

const prune = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export interface ServiceContext {
  project: string;
  file: ComposeProject;
  /** Absolute folder on the engine's host that relative bind paths start from. */
  workingDir: string;
  /** Variables for `environment: [NAME]` without a value and for env_file: .env. */
  env: Readonly<Record<string, string>>;
  /** Engine name of a top-level volume key (declared, named or external). */
  volumeName: (key: string) => string;
}

function hostPath(source: string, ctx: ServiceContext, where: string): string {
  if (source.startsWith("~")) throw new ComposeError(`${where}: a path under ~ has no meaning on the engine's host`);
  if (source.startsWith("/")) return source;
  const parts = `${ctx.workingDir}/${source}`.split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return `/${out.join("/")}`;
}

function namedVolume(key: string, ctx: ServiceContext, where: string): string {
  if (!Object.hasOwn(ctx.file.volumes ?? {}, key))
    throw new ComposeError(`${where}.volumes: ${key} is not declared under top-level volumes`);
  return ctx.volumeName(key);
}

function volumes(svc: ProjectService, ctx: ServiceContext, where: string) {
  const binds: string[] = [];
  const mounts: Json[] = [];
  const anonymous: Json = {};
  for (const v of svc.volumes ?? []) {
    if (typeof v === "object") {
      if (v.type === "tmpfs") {
        mounts.push(
          prune({
            Type: "tmpfs",
            Target: v.target,
            TmpfsOptions: v.tmpfs?.size !== undefined ? { SizeBytes: parseBytes(v.tmpfs.size) } : undefined,
          }),
        );
        continue;
      }
      const source =
        v.type === "bind" && v.source
          ? hostPath(v.source, ctx, where)
          : v.type === "volume" && v.source
            ? namedVolume(v.source, ctx, where)
            : undefined;
      mounts.push(
        prune({
          Type: v.type,
          Source: source,
          Target: v.target,
          ReadOnly: v.read_only || undefined,
          BindOptions: v.bind?.propagation ? { Propagation: v.bind.propagation } : undefined,
          VolumeOptions: v.volume?.nocopy ? { NoCopy: true } : undefined,
        }),
      );
      continue;
    }
    const parts = v.split(":");
    if (parts.length === 1) {
      anonymous[v] = {};
      continue;
    }
    const [source = "", target = "", mode = "rw"] = parts;
    const isPath = source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
    binds.push(`${isPath ? hostPath(source, ctx, where) : namedVolume(source, ctx, where)}:${target}:${mode}`);
  }
  return { binds, mounts, anonymous };
}

interface PortSpec {
  ip: string;
  host: string;
  container: string;
  proto: string;
}

function range(text: string): number[] {
  const [a, b] = text.split("-").map(Number);
  if (b === undefined) return [a as number];
  return Array.from({ length: Math.max(0, b - (a as number) + 1) }, (_, i) => (a as number) + i);
}

function portSpecs(svc: ProjectService, where: string): PortSpec[] {
  const out: PortSpec[] = [];
  for (const p of svc.ports ?? []) {
    if (typeof p === "object") {
      out.push({
        ip: "",
        host: p.published === undefined ? "" : String(p.published),
        container: String(p.target),
        proto: p.protocol ?? "tcp",
      });
      continue;
    }
    const [spec = "", proto = "tcp"] = String(p).split("/");
    let ip = "";
    let rest = spec;
    const v6 = /^\[([^\]]+)\]:(.*)$/.exec(rest);
    if (v6) [ip, rest] = [v6[1] as string, v6[2] as string];
    const parts = rest.split(":");
    if (!v6 && parts.length === 3) [ip] = parts.splice(0, 1) as [string];
    const container = parts[parts.length - 1] as string;
    const host = parts.length > 1 ? (parts[0] as string) : "";
    const cs = range(container);
    const hs = host ? range(host) : [];
    if (hs.length > 1 && hs.length !== cs.length)
      throw new ComposeError(`${where}.ports: ${p}: host and container ranges differ in length`);
    cs.forEach((c, i) => {
      out.push({ ip, host: hs.length > 1 ? String(hs[i]) : (hs[0]?.toString() ?? ""), container: String(c), proto });
    });
  }
  return out;
}

function ports(svc: ProjectService, where: string) {
  const exposed: Json = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const e of svc.expose ?? []) {
    const [port = "", proto = "tcp"] = String(e).split("/");
    for (const n of range(port)) exposed[`${n}/${proto}`] = {};
  }
  for (const p of portSpecs(svc, where)) {
    const key = `${p.container}/${p.proto}`;
    exposed[key] = {};
    const list = bindings[key] ?? [];
    list.push({ HostIp: p.ip, HostPort: p.host });
    bindings[key] = list;
  }
  return { exposed, bindings };
}

function restartPolicy(text: string | undefined): Json | undefined {
  if (!text) return undefined;
  const [name, count] = text.split(":");
  return prune({ Name: name, MaximumRetryCount: count ? Number(count) : undefined });
}

const nanos = (v: string | number | undefined) => (v === undefined ? undefined : Math.round(Number(v) * 1e9));
const bytes = (v: string | number | undefined) => (v === undefined ? undefined : parseBytes(v));

/** The environment a container gets: env_file lines, then `environment` (which wins); `NAME` alone reads ctx.env. */
export function serviceEnv(svc: ProjectService, ctx: ServiceContext, where: string): string[] {
  const merged: Record<string, string> = {};
  const files = svc.env_file === undefined ? [] : Array.isArray(svc.env_file) ? svc.env_file : [svc.env_file];
  for (const f of files) {
    if (f.replace(/^\.\//, "") !== ".env")
      throw new ComposeError(`${where}.env_file: ${f}: Berth has the stack's .env only; put the variables there`);
    Object.assign(merged, ctx.env);
  }
  for (const [k, v] of Object.entries(toMap(svc.environment))) {
    if (v !== null) merged[k] = v;
    else if (Object.hasOwn(ctx.env, k)) merged[k] = ctx.env[k] as string;
  }
  return Object.entries(merged).map(([k, v]) => `${k}=${v}`);
}

function devices(list: string[] | undefined): Json[] | undefined {
  return list?.map((d) => {
    const [host = "", inside = host, perms = "rwm"] = d.split(":");
    return { PathOnHost: host, PathInContainer: inside, CgroupPermissions: perms };
  });
}

/** Config and HostConfig for one container of the service; networking is added by the caller. */
export function serviceBody(name: string, svc: ProjectService, ctx: ServiceContext): { config: Json; host: Json } {
  const where = `services.${name}`;
  const vols = volumes(svc, ctx, where);
  const prt = ports(svc, where);
  const hc = svc.healthcheck;
  const limits = svc.deploy?.resources?.limits;
  const reservations = svc.deploy?.resources?.reservations;
  const env = serviceEnv(svc, ctx, where);
  const tmpfs = svc.tmpfs === undefined ? undefined : Array.isArray(svc.tmpfs) ? svc.tmpfs : [svc.tmpfs];
  const config = prune({
    Image: svc.image,
    Cmd: words(svc.command, `${where}.command`),
    Entrypoint: words(svc.entrypoint, `${where}.entrypoint`),
    Env: env.length ? env : undefined,
    Labels: labelsOf(svc.labels),
    User: svc.user,
    WorkingDir: svc.working_dir,
    Hostname: svc.hostname,
    Domainname: svc.domainname,
    Tty: svc.tty,
    OpenStdin: svc.stdin_open,
    StopSignal: svc.stop_signal,
    StopTimeout: svc.stop_grace_period ? Math.round(parseDuration(svc.stop_grace_period) / 1e9) : undefined,
    ExposedPorts: Object.keys(prt.exposed).length ? prt.exposed : undefined,
    Volumes: Object.keys(vols.anonymous).length ? vols.anonymous : undefined,
    Healthcheck: hc
      ? prune({
          Test: hc.disable ? ["NONE"] : typeof hc.test === "string" ? ["CMD-SHELL", hc.test] : hc.test,
          Interval: hc.interval ? parseDuration(hc.interval) : undefined,
          Timeout: hc.timeout ? parseDuration(hc.timeout) : undefined,
          Retries: hc.retries,
          StartPeriod: hc.start_period ? parseDuration(hc.start_period) : undefined,
        })
      : undefined,
  });
  const host = prune({
    Binds: vols.binds.length ? vols.binds : undefined,
    Mounts: vols.mounts.length ? vols.mounts : undefined,
    PortBindings: Object.keys(prt.bindings).length ? prt.bindings : undefined,
    RestartPolicy: restartPolicy(svc.restart),
    Memory: bytes(svc.mem_limit ?? limits?.memory),
    MemoryReservation: bytes(svc.mem_reservation ?? reservations?.memory),
    NanoCpus: nanos(svc.cpus ?? limits?.cpus),
    CpuShares: svc.cpu_shares,
    PidsLimit: svc.pids_limit ?? limits?.pids,
    ShmSize: bytes(svc.shm_size),
    CapAdd: svc.cap_add,
    CapDrop: svc.cap_drop,
    Privileged: svc.privileged,
    PidMode: svc.pid,
    IpcMode: svc.ipc,
    Devices: devices(svc.devices),
    SecurityOpt: svc.security_opt,
    Sysctls: svc.sysctls ? labelsOf(svc.sysctls) : undefined,
    Tmpfs: tmpfs
      ? Object.fromEntries(tmpfs.map((t) => [t.split(":")[0], t.includes(":") ? t.slice(t.indexOf(":") + 1) : ""]))
      : undefined,
    // The list form is already "host:ip"; the map form is host -> ip.
    ExtraHosts: Array.isArray(svc.extra_hosts)
      ? svc.extra_hosts
      : svc.extra_hosts
        ? Object.entries(svc.extra_hosts).map(([h, ip]) => `${h}:${ip ?? ""}`)
        : undefined,
    Dns: svc.dns === undefined ? undefined : typeof svc.dns === "string" ? [svc.dns] : svc.dns,
    Init: svc.init,
    ReadonlyRootfs: svc.read_only,
    GroupAdd: svc.group_add?.map(String),
    Ulimits: svc.ulimits
      ? Object.entries(svc.ulimits).map(([n, u]) =>
          typeof u === "number" ? { Name: n, Soft: u, Hard: u } : { Name: n, Soft: u.soft, Hard: u.hard },
        )
      : undefined,
    LogConfig: svc.logging?.driver
      ? { Type: svc.logging.driver, Config: labelsOf(svc.logging.options as Scalars) }
      : undefined,
  });
  return { config, host };
}
