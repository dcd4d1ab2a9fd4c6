import { z } from "zod";
import { type ContainerRestrictions, RESTRICTION_RULES, type RestrictionRule } from "./restriction-rules";

// What a non-admin may not ask an engine for, because it hands over the host (CVE-2026-44850/44849 class: bind
// mounts smuggled through Mounts, volume driver options or another container). Pure: the caller supplies what it
// looked up (named volumes' driver options). The engine decodes JSON keys case-insensitively (Go's encoding/json,
// including the Kelvin sign and long s folds), so every key here is matched the same way, and a body is refused if
// ANY spelling of a key asks for something restricted.

export { type ContainerRestrictions, RESTRICTION_RULES, type RestrictionRule };

export const RULE_LABEL = Object.fromEntries(RESTRICTION_RULES.map((r) => [r.id, r.label])) as Record<
  RestrictionRule,
  string
>;

/** Every rule on: the default until an admin says otherwise. */
export const DEFAULT_RESTRICTIONS: ContainerRestrictions = Object.fromEntries(
  RESTRICTION_RULES.map((r) => [r.id, true]),
) as ContainerRestrictions;

export const restrictionsSchema = z.object(
  Object.fromEntries(RESTRICTION_RULES.map((r) => [r.id, z.boolean().default(true)])) as Record<
    RestrictionRule,
    z.ZodDefault<z.ZodBoolean>
  >,
);

/** Reads stored settings; anything unreadable or missing falls back to "restricted". */
export function parseRestrictions(json: string | undefined): ContainerRestrictions {
  if (!json) return { ...DEFAULT_RESTRICTIONS };
  try {
    const r = restrictionsSchema.safeParse(JSON.parse(json));
    return r.success ? (r.data as ContainerRestrictions) : { ...DEFAULT_RESTRICTIONS };
  } catch {
    return { ...DEFAULT_RESTRICTIONS };
  }
}

export interface Violation {
  rule: RestrictionRule;
  /** Where in the body, and what, in words. */
  detail: string;
}

export interface VolumeInfo {
  Driver?: string;
  Options?: Record<string, string> | null;
}

export interface NetworkInfo {
  Id?: string;
  Name?: string;
  Driver?: string;
}

export interface CheckContext {
  /** Named volumes that already exist on the engine, by name: their driver options may bind a host path. */
  volumes?: Record<string, VolumeInfo | undefined>;
  /**
   * The networks a body names, as the engine resolved each reference (a name, an id or an id prefix): the host
   * network named by its id is the host network all the same.
   */
  networks?: Record<string, NetworkInfo | undefined>;
}

/** The text of a refusal: names every rule that refused. */
export function describeViolations(vs: readonly Violation[]): string {
  const rules = [...new Set(vs.map((v) => RULE_LABEL[v.rule]))];
  return `Refused by container restriction${rules.length > 1 ? "s" : ""} ${rules.map((r) => `"${r}"`).join(", ")}: ${vs
    .map((v) => v.detail)
    .join("; ")}`;
}

const fold = (k: string) =>
  k
    .replace(/\u017f/g, "s")
    .replace(/\u212a/g, "k")
    .toLowerCase();

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every value stored under any spelling of `key` that the engine would read as `key`. */
function all(o: unknown, key: string): unknown[] {
  if (!isObj(o)) return [];
  const want = fold(key);
  return Object.keys(o)
    .filter((k) => fold(k) === want)
    .map((k) => o[k]);
}

const present = (v: unknown) =>
  v !== undefined &&
  v !== null &&
  v !== false &&
  v !== "" &&
  v !== 0 &&
  !(Array.isArray(v) && v.length === 0) &&
  !(isObj(v) && Object.keys(v).length === 0);

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : present(v) ? [v] : []);

const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** True when volume driver options would mount a host path (local driver o=bind, type=none, device=/path). */
export function optionsBind(driver: unknown, options: unknown): string | null {
  if (!isObj(options)) return null;
  const opt = (k: string) => all(options, k).map((v) => String(v ?? ""));
  const mountOpts = opt("o").flatMap((o) => o.split(",").map((x) => x.trim().toLowerCase()));
  if (mountOpts.some((o) => o === "bind" || o === "rbind" || o.endsWith("bind")))
    return "driver option o=bind mounts a host path";
  if (opt("type").some((t) => t.trim().toLowerCase() === "none")) return "driver option type=none binds a host path";
  if (opt("device").some((d) => d.trim().startsWith("/"))) return "driver option device= names a host path";
  const d = String(driver ?? "local").toLowerCase();
  if (d !== "local" && d !== "") {
    // Third-party drivers (local-persist and the like) take host paths under their own option names.
    const hostPath = Object.entries(options).find(([, v]) => typeof v === "string" && v.trim().startsWith("/"));
    if (hostPath) return `driver ${d} option ${hostPath[0]} names a host path`;
  }
  return null;
}

function checkBinds(hc: Obj, ctx: CheckContext, out: Violation[]): void {
  for (const binds of all(hc, "Binds")) {
    asArray(binds).forEach((b, i) => {
      const parts = String(b).split(":");
      if (parts.length < 2) return; // a lone container path: an anonymous volume
      const source = parts[0] ?? "";
      if (!VOLUME_NAME.test(source)) {
        out.push({ rule: "bindMounts", detail: `HostConfig.Binds[${i}] mounts host path ${source}` });
        return;
      }
      const named = ctx.volumes?.[source];
      const why = named && optionsBind(named.Driver, named.Options);
      if (why) out.push({ rule: "bindMounts", detail: `HostConfig.Binds[${i}] uses volume ${source}: ${why}` });
    });
  }
  for (const mounts of all(hc, "Mounts")) {
    asArray(mounts).forEach((m, i) => {
      const type = all(m, "Type").map((t) => String(t ?? "").toLowerCase());
      const source = all(m, "Source").map((s) => String(s ?? ""))[0] ?? "";
      if (type.some((t) => t !== "volume" && t !== "tmpfs" && t !== "")) {
        out.push({ rule: "bindMounts", detail: `HostConfig.Mounts[${i}] is a ${type.join("/")} mount of ${source}` });
        return;
      }
      for (const vo of all(m, "VolumeOptions"))
        for (const dc of all(vo, "DriverConfig")) {
          const why = optionsBind(all(dc, "Name")[0], all(dc, "Options")[0]);
          if (why) out.push({ rule: "bindMounts", detail: `HostConfig.Mounts[${i}] volume: ${why}` });
        }
      const named = ctx.volumes?.[source];
      const why = named && optionsBind(named.Driver, named.Options);
      if (why) out.push({ rule: "bindMounts", detail: `HostConfig.Mounts[${i}] uses volume ${source}: ${why}` });
    });
  }
  // Another container's volumes include its bind mounts.
  if (all(hc, "VolumesFrom").some(present))
    out.push({ rule: "bindMounts", detail: "HostConfig.VolumesFrom takes another container's mounts" });
}

const hostish = (v: unknown) => {
  const s = String(v ?? "").toLowerCase();
  return s === "host" || s.startsWith("container:");
};

/** True when the engine resolved this network reference to its host network (the "host" driver). */
const hostNetwork = (ctx: CheckContext, ref: unknown) => {
  const net = typeof ref === "string" ? ctx.networks?.[ref] : undefined;
  return !!net && (net.Driver?.toLowerCase() === "host" || net.Name?.toLowerCase() === "host");
};

/** Network modes that name no network: the engine's own modes, and another container's namespace. */
const NETWORK_MODES = new Set(["", "default", "bridge", "none", "host"]);

/** Names of the networks a create body refers to (NetworkMode and NetworkingConfig), to resolve on the engine. */
export function referencedNetworks(body: unknown): string[] {
  const names = new Set<string>();
  const add = (v: unknown) => {
    const s = typeof v === "string" ? v : "";
    if (!NETWORK_MODES.has(s.toLowerCase()) && !s.toLowerCase().startsWith("container:")) names.add(s);
  };
  for (const hc of all(body, "HostConfig")) for (const mode of all(hc, "NetworkMode")) add(mode);
  for (const nc of all(body, "NetworkingConfig"))
    for (const eps of all(nc, "EndpointsConfig"))
      if (isObj(eps))
        for (const [key, ep] of Object.entries(eps)) {
          add(key);
          for (const id of all(ep, "NetworkID")) add(id);
        }
  return [...names];
}

/** Checks HostConfig (container create body) against the restrictions in force; returns every violation. */
export function checkHostConfig(hostConfig: unknown, r: ContainerRestrictions, ctx: CheckContext = {}): Violation[] {
  const out: Violation[] = [];
  if (!isObj(hostConfig)) return out;
  const hc = hostConfig;
  const any = (key: string, test: (v: unknown) => boolean) => all(hc, key).some(test);
  if (r.privileged && any("Privileged", present)) out.push({ rule: "privileged", detail: "HostConfig.Privileged" });
  if (r.hostPid && any("PidMode", hostish)) out.push({ rule: "hostPid", detail: "HostConfig.PidMode" });
  if (r.hostNetwork && any("NetworkMode", hostish)) out.push({ rule: "hostNetwork", detail: "HostConfig.NetworkMode" });
  else if (r.hostNetwork && any("NetworkMode", (v) => hostNetwork(ctx, v)))
    out.push({ rule: "hostNetwork", detail: "HostConfig.NetworkMode names the host network by id" });
  if (r.hostIpc && any("IpcMode", hostish)) out.push({ rule: "hostIpc", detail: "HostConfig.IpcMode" });
  if (r.hostNamespaces)
    // Not CgroupnsMode: "host" is the engine's own default on cgroup v1, so every container there would be refused.
    for (const key of ["UTSMode", "UsernsMode"])
      if (any(key, (v) => String(v ?? "").toLowerCase() === "host"))
        out.push({ rule: "hostNamespaces", detail: `HostConfig.${key}` });
  if (r.bindMounts) checkBinds(hc, ctx, out);
  if (r.devices)
    for (const key of ["Devices", "DeviceRequests", "DeviceCgroupRules"])
      if (any(key, present)) out.push({ rule: "devices", detail: `HostConfig.${key}` });
  if (r.capabilities)
    for (const key of ["CapAdd", "Capabilities"])
      if (any(key, present)) out.push({ rule: "capabilities", detail: `HostConfig.${key}` });
  if (r.sysctls && any("Sysctls", present)) out.push({ rule: "sysctls", detail: "HostConfig.Sysctls" });
  if (r.securityOptions) {
    const risky = all(hc, "SecurityOpt")
      .flatMap(asArray)
      .map((s) => String(s))
      .filter((s) => !/^no-new-privileges(?:[:=]true)?$/i.test(s.trim()));
    if (risky.length) out.push({ rule: "securityOptions", detail: `HostConfig.SecurityOpt ${risky.join(", ")}` });
  }
  return out;
}

/** Checks a whole POST /containers/create body. */
export function checkCreateBody(body: unknown, r: ContainerRestrictions, ctx: CheckContext = {}): Violation[] {
  const out = all(body, "HostConfig").flatMap((hc) => checkHostConfig(hc, r, ctx));
  if (r.hostNetwork)
    for (const nc of all(body, "NetworkingConfig"))
      for (const eps of all(nc, "EndpointsConfig"))
        if (isObj(eps))
          for (const [key, ep] of Object.entries(eps))
            if (
              key.toLowerCase() === "host" ||
              hostNetwork(ctx, key) ||
              all(ep, "NetworkID").some((id) => hostNetwork(ctx, id))
            )
              out.push({
                rule: "hostNetwork",
                detail: `NetworkingConfig.EndpointsConfig attaches the host network (${key})`,
              });
  return out;
}

/** Names of the volumes a body refers to (Binds sources and Mounts sources), so a caller can look them up. */
export function referencedVolumes(body: unknown): string[] {
  const names = new Set<string>();
  for (const hc of all(body, "HostConfig")) {
    for (const binds of all(hc, "Binds"))
      for (const b of asArray(binds)) {
        const parts = String(b).split(":");
        if (parts.length >= 2 && parts[0] && VOLUME_NAME.test(parts[0])) names.add(parts[0]);
      }
    for (const mounts of all(hc, "Mounts"))
      for (const m of asArray(mounts)) {
        const src = all(m, "Source")[0];
        if (typeof src === "string" && VOLUME_NAME.test(src)) names.add(src);
      }
  }
  return [...names];
}

/** The network targets a service spec attaches (names, ids or id prefixes), to resolve on the engine. */
export function serviceNetworkTargets(spec: unknown): string[] {
  const out = new Set<string>();
  for (const n of [...all(spec, "TaskTemplate").flatMap((tt) => all(tt, "Networks")), ...all(spec, "Networks")])
    for (const net of asArray(n))
      for (const t of all(net, "Target")) if (typeof t === "string" && t.toLowerCase() !== "host") out.add(t);
  return [...out];
}

/**
 * Checks a Swarm service spec (TaskTemplate.ContainerSpec) with the same rules, for the service paths to come:
 * services have no Privileged flag, but mounts, capabilities, sysctls, devices and security settings all apply.
 */
export function checkServiceSpec(spec: unknown, r: ContainerRestrictions, ctx: CheckContext = {}): Violation[] {
  const out: Violation[] = [];
  for (const tt of all(spec, "TaskTemplate"))
    for (const cs of all(tt, "ContainerSpec")) {
      const mapped: Obj = {
        Mounts: all(cs, "Mounts")[0],
        CapAdd: all(cs, "CapabilityAdd")[0],
        Sysctls: all(cs, "Sysctls")[0],
      };
      out.push(...checkHostConfig(mapped, r, ctx));
      if (r.securityOptions)
        for (const p of all(cs, "Privileges"))
          for (const key of ["SELinuxContext", "Seccomp", "AppArmor", "CredentialSpec"])
            if (all(p, key).some(present))
              out.push({ rule: "securityOptions", detail: `ContainerSpec.Privileges.${key}` });
      if (r.hostNetwork)
        for (const n of [...all(tt, "Networks"), ...all(spec, "Networks")])
          for (const net of asArray(n))
            if (all(net, "Target").some((t) => String(t).toLowerCase() === "host" || hostNetwork(ctx, t)))
              out.push({ rule: "hostNetwork", detail: "service attached to the host network" });
    }
  return out;
}
