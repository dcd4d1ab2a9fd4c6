import { ComposeError } from "@/lib/compose/parse";
import { BERTH_COMPOSE_VERSION, COMPOSE_LABEL } from "@/lib/compose/project-labels";
import type { ComposeProject, DEPENDENCY_CONDITIONS } from "@/lib/compose/schema";
import { labelsOf, type ServiceContext, serviceBody } from "./compose-service";

// A parsed standalone Compose project -> what `docker compose up` creates on one engine: `<project>_<key>` networks
// and volumes with Compose's labels, and per service the containers' create body, its networks with aliases, its
// dependencies and the order to bring services up in. Pure: the server applies it (compose-apply.ts).

type Json = Record<string, unknown>;
export type Condition = (typeof DEPENDENCY_CONDITIONS)[number];
export type PullPolicy = "always" | "missing" | "never";

export interface ProjectResource {
  key: string;
  name: string;
  external: boolean;
  create?: Json;
}

export interface ServicePlan {
  service: string;
  image: string;
  pullPolicy: PullPolicy;
  /** The file has `build:` for it: Berth never builds nor pulls it, it uses the image the engine has. */
  build: boolean;
  replicas: number;
  containerName?: string;
  dependsOn: { service: string; condition: Condition }[];
  /** Config and HostConfig; the per-container labels (number, hash) are added when applied. */
  config: Json;
  host: Json;
  /** Networks to attach, the first at create; empty when network_mode says otherwise. */
  networks: { name: string; aliases: string[]; ipv4?: string }[];
  /** network_mode as given (host, none, bridge, container:x, service:x), if any. */
  networkMode?: string;
}

export interface ProjectPlan {
  project: string;
  workingDir: string;
  networks: ProjectResource[];
  volumes: ProjectResource[];
  /** Active services in the order they come up: every service after what it depends on. */
  services: ServicePlan[];
  /** Services of the file that no active profile enables (their containers are orphans if they exist). */
  inactive: string[];
}

export interface PlanOptions {
  workingDir: string;
  env?: Readonly<Record<string, string>>;
  profiles?: readonly string[];
  /** Overrides each service's pull_policy (e.g. "always" for Pull and redeploy). */
  pull?: PullPolicy;
}

function externalName(key: string, def: { external?: boolean | { name?: string }; name?: string } | null | undefined) {
  if (!def?.external) return undefined;
  return (typeof def.external === "object" && def.external.name) || def.name || key;
}

const pullOf = (p: string | undefined): PullPolicy => (p === "always" ? "always" : p === "never" ? "never" : "missing");

function activeServices(file: ComposeProject, profiles: readonly string[]): Set<string> {
  const on = new Set(profiles);
  const active = new Set<string>();
  for (const [name, svc] of Object.entries(file.services))
    if (!svc.profiles?.length || svc.profiles.some((p) => on.has(p))) active.add(name);
  return active;
}

function dependencies(name: string, file: ComposeProject): { service: string; condition: Condition }[] {
  const d = file.services[name]?.depends_on;
  if (!d) return [];
  if (Array.isArray(d)) return d.map((s) => ({ service: s, condition: "service_started" }));
  return Object.entries(d).map(([s, o]) => ({ service: s, condition: o?.condition ?? "service_started" }));
}

/** Services in dependency order (stable by name); a cycle or an unknown dependency is an error naming it. */
function order(active: Set<string>, file: ComposeProject): string[] {
  const out: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, chain: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") throw new ComposeError(`depends_on loops: ${[...chain, name].join(" -> ")}`);
    state.set(name, "visiting");
    for (const dep of dependencies(name, file)) {
      if (!Object.hasOwn(file.services, dep.service))
        throw new ComposeError(`services.${name}.depends_on: no service named ${dep.service}`);
      if (!active.has(dep.service))
        throw new ComposeError(
          `services.${name} depends on ${dep.service}, which no active profile enables (profiles: ${file.services[dep.service]?.profiles?.join(", ")})`,
        );
      visit(dep.service, [...chain, name]);
    }
    state.set(name, "done");
    out.push(name);
  };
  for (const name of [...active].sort()) visit(name, []);
  return out;
}

export function toProjectPlan(project: string, file: ComposeProject, opts: PlanOptions): ProjectPlan {
  const env = opts.env ?? {};
  const profiles = opts.profiles ?? (env.COMPOSE_PROFILES ? env.COMPOSE_PROFILES.split(",").map((s) => s.trim()) : []);
  const active = activeServices(file, profiles);
  const names = order(active, file);
  const ns = (key: string) => `${project}_${key}`;
  const usedNetworks = new Set<string>();
  const volumeName = (key: string) => {
    const def = file.volumes?.[key];
    return externalName(key, def) ?? def?.name ?? ns(key);
  };
  const networkName = (key: string) => {
    const def = file.networks?.[key];
    return externalName(key, def) ?? def?.name ?? ns(key);
  };
  const ctx: ServiceContext = { project, file, workingDir: opts.workingDir, env, volumeName };
  const services = names.map((name): ServicePlan => {
    const svc = file.services[name]!;
    const where = `services.${name}`;
    const { config, host } = serviceBody(name, svc, ctx);
    const netEntries = svc.network_mode
      ? []
      : svc.networks
        ? Array.isArray(svc.networks)
          ? svc.networks.map((n) => [n, null] as const)
          : Object.entries(svc.networks)
        : [["default", null] as const];
    // Attach order: priority first (higher first), then by name, as Compose does.
    const sorted = [...netEntries].sort(
      ([a, x], [b, y]) => (y?.priority ?? 0) - (x?.priority ?? 0) || a.localeCompare(b),
    );
    const networks = sorted.map(([key, o]) => {
      if (key !== "default" && !Object.hasOwn(file.networks ?? {}, key))
        throw new ComposeError(`${where}.networks: ${key} is not declared under top-level networks`);
      usedNetworks.add(key);
      return {
        name: networkName(key),
        aliases: [name, ...(o?.aliases ?? [])],
        ...(o?.ipv4_address ? { ipv4: o.ipv4_address } : {}),
      };
    });
    const replicas = svc.scale ?? svc.deploy?.replicas ?? 1;
    if (svc.container_name && replicas > 1)
      throw new ComposeError(`${where}: container_name ${svc.container_name} cannot be used with ${replicas} replicas`);
    return {
      service: name,
      image: svc.image as string,
      // A built image exists only where it was built: pulling it (even for "Pull and redeploy") could only fail.
      pullPolicy: svc.build !== undefined ? "never" : (opts.pull ?? pullOf(svc.pull_policy)),
      build: svc.build !== undefined,
      replicas,
      containerName: svc.container_name,
      dependsOn: dependencies(name, file),
      config,
      host,
      networks,
      networkMode: svc.network_mode,
    };
  });
  const label = (extra: Json, kind: "network" | "volume", key: string) => ({
    ...labelsOf(extra as never),
    [COMPOSE_LABEL.project]: project,
    [kind === "network" ? COMPOSE_LABEL.network : COMPOSE_LABEL.volume]: key,
    [COMPOSE_LABEL.version]: BERTH_COMPOSE_VERSION,
  });
  const networks = [...usedNetworks].sort().map((key): ProjectResource => {
    const def = file.networks?.[key];
    const ext = externalName(key, def);
    if (ext) return { key, name: ext, external: true };
    const name = networkName(key);
    return {
      key,
      name,
      external: false,
      create: {
        Name: name,
        Driver: def?.driver ?? "bridge",
        ...(def?.driver_opts ? { Options: labelsOf(def.driver_opts as never) } : {}),
        ...(def?.internal ? { Internal: true } : {}),
        ...(def?.attachable ? { Attachable: true } : {}),
        ...(def?.ipam ? { IPAM: ipam(def.ipam) } : {}),
        CheckDuplicate: true,
        Labels: label(def?.labels as Json, "network", key),
      },
    };
  });
  const volumes = Object.entries(file.volumes ?? {}).map(([key, def]): ProjectResource => {
    const ext = externalName(key, def);
    if (ext) return { key, name: ext, external: true };
    const name = volumeName(key);
    return {
      key,
      name,
      external: false,
      create: {
        Name: name,
        ...(def?.driver ? { Driver: def.driver } : {}),
        ...(def?.driver_opts ? { DriverOpts: labelsOf(def.driver_opts as never) } : {}),
        Labels: label(def?.labels as Json, "volume", key),
      },
    };
  });
  const inactive = Object.keys(file.services).filter((s) => !active.has(s));
  return { project, workingDir: opts.workingDir, networks, volumes, services, inactive };
}

/** Compose's ipam block (driver, config: [{subnet, gateway, ip_range}]) in the engine's words. */
function ipam(v: unknown): Json {
  const o = (v ?? {}) as { driver?: string; config?: { subnet?: string; gateway?: string; ip_range?: string }[] };
  return {
    Driver: o.driver ?? "default",
    Config: (o.config ?? []).map((c) => ({
      ...(c.subnet ? { Subnet: c.subnet } : {}),
      ...(c.gateway ? { Gateway: c.gateway } : {}),
      ...(c.ip_range ? { IPRange: c.ip_range } : {}),
    })),
  };
}
