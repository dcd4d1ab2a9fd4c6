import { type ContainerSpec, containerSpec } from "@/lib/container-spec";
import {
  type CreateBody,
  type ImageConfigLike,
  type InspectLike,
  inspectToCreateBody,
  inspectToSpec,
  specToCreateBody,
} from "./container-spec-map";

// Edit: the form shows only some of a container's settings. The new container takes what the form says for those,
// and keeps everything else the old one had (capabilities, hostname, healthcheck, extra networks, ...), so an edit
// never silently drops a setting the form cannot show.

/** Config keys the form owns: the old values are replaced by the form's, even when the form leaves them empty. */
const FORM_CONFIG_KEYS = ["Image", "Cmd", "Entrypoint", "WorkingDir", "User", "Env", "Labels"] as const;
/** HostConfig keys the form owns. `Binds` is read into the form's volumes, so it is replaced by the form's mounts. */
const FORM_HOST_KEYS = [
  "Binds",
  "Mounts",
  "PortBindings",
  "RestartPolicy",
  "AutoRemove",
  "Init",
  "NetworkMode",
  "Memory",
  "NanoCpus",
] as const;
/** Config keys the engine fills from the image: left out when equal to the image's, so a new image brings its own. */
const IMAGE_DEFAULT_KEYS = ["Healthcheck", "StopSignal", "Shell", "OnBuild", "ArgsEscaped"] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const isSpecial = (mode: string) => mode === "host" || mode === "none" || mode.startsWith("container:");

/**
 * The create body for an edited container: the old container's whole configuration, with the settings the form
 * owns taken from the (already validated) spec. Anonymous volumes keep their data: a form volume with no source at
 * the path of one of the old container's volumes mounts that volume by name, as do the anonymous volumes the form
 * does not show (an image's VOLUME, `-v /path`).
 */
export function editToCreateBody(
  inspect: InspectLike,
  spec: ContainerSpec,
  image?: ImageConfigLike,
): { body: CreateBody; extraNetworks: { name: string; aliases: string[] }[] } {
  const old = inspectToCreateBody(inspect);
  const form = specToCreateBody(spec).body;
  const oldVolumeAt = new Map(
    (inspect.Mounts ?? [])
      .filter((m) => m.Type === "volume" && m.Name && m.Destination)
      .map((m) => [m.Destination as string, m.Name as string]),
  );

  const config: Record<string, unknown> = { ...old.body };
  for (const k of [...FORM_CONFIG_KEYS, "HostConfig", "NetworkingConfig"]) delete config[k];
  for (const k of IMAGE_DEFAULT_KEYS) if (k in config && same(config[k], image?.[k])) delete config[k];
  // Exposed ports: the form's published ones, plus those exposed without publishing (`--expose`) that the image
  // does not expose itself (the engine adds the image's).
  const published = new Set(Object.keys((inspect.HostConfig?.PortBindings as object | null) ?? {}));
  const exposed: Record<string, object> = {};
  for (const key of Object.keys((config.ExposedPorts as object | null) ?? {}))
    if (!published.has(key) && !(image?.ExposedPorts && key in image.ExposedPorts)) exposed[key] = {};
  config.ExposedPorts = { ...exposed, ...(form.ExposedPorts as object) };
  if (config.Volumes && image?.Volumes) {
    const own = Object.keys(config.Volumes as object).filter((v) => !(v in (image.Volumes ?? {})));
    if (own.length) config.Volumes = Object.fromEntries(own.map((v) => [v, {}]));
    else delete config.Volumes;
  }

  const oldHost = (inspect.HostConfig ?? {}) as Record<string, unknown>;
  const hostConfig: Record<string, unknown> = { ...oldHost };
  for (const k of FORM_HOST_KEYS) delete hostConfig[k];
  Object.assign(hostConfig, form.HostConfig);
  const mounts = (form.HostConfig.Mounts as { Type: string; Source?: string; Target: string }[]).map((m) => {
    const named = m.Type === "volume" && !m.Source ? oldVolumeAt.get(m.Target) : undefined;
    return named ? { ...m, Source: named } : m;
  });
  const covered = new Set(mounts.map((m) => m.Target));
  for (const [target, name] of oldVolumeAt)
    if (!covered.has(target) && !formShowed(inspect, target))
      mounts.push({ Type: "volume", Source: name, Target: target });
  hostConfig.Mounts = mounts;
  adjustMemorySwap(hostConfig, oldHost, spec);

  // Networks: unchanged primary network keeps its aliases and addresses; a new one starts plain. Extra networks
  // stay connected unless the new mode cannot have any.
  const oldMode = typeof oldHost.NetworkMode === "string" ? oldHost.NetworkMode : "default";
  const newMode = spec.network ?? "default";
  const body: CreateBody = { ...config, Image: spec.image, HostConfig: hostConfig } as CreateBody;
  for (const k of FORM_CONFIG_KEYS) if (k !== "Image" && form[k] !== undefined) body[k] = form[k];
  let extraNetworks = old.extraNetworks;
  if (newMode === oldMode) {
    if (old.body.NetworkingConfig) body.NetworkingConfig = old.body.NetworkingConfig;
  } else {
    const primary = newMode === "default" ? "bridge" : newMode;
    const oldPrimary = oldMode === "default" ? "bridge" : oldMode;
    extraNetworks = isSpecial(newMode)
      ? []
      : extraNetworks.filter((n) => n.name !== primary && n.name !== oldPrimary && !isSpecial(oldMode));
  }
  return { body, extraNetworks };
}

/** Whether the form showed a volume at `target` (it reads Binds and HostConfig.Mounts, not image volumes). */
function formShowed(inspect: InspectLike, target: string): boolean {
  const hc = inspect.HostConfig ?? {};
  const binds = ((hc.Binds as string[] | null) ?? []).map((b) => {
    const [first = "", second] = b.split(":");
    return second ?? first;
  });
  const mounts = ((hc.Mounts as { Target?: string }[] | null) ?? []).map((m) => m.Target);
  return binds.includes(target) || mounts.includes(target);
}

const MB = 1024 * 1024;

/**
 * A memory limit change must not leave the old swap limit behind: the engine refuses swap below memory, and swap
 * without memory. The engine's own default (twice the memory) is restored by leaving swap unset.
 */
function adjustMemorySwap(hostConfig: Record<string, unknown>, oldHost: Record<string, unknown>, spec: ContainerSpec) {
  const oldMemory = typeof oldHost.Memory === "number" ? oldHost.Memory : 0;
  const newMemory = spec.memoryMb !== undefined ? Math.round(spec.memoryMb * MB) : 0;
  const swap = typeof oldHost.MemorySwap === "number" ? oldHost.MemorySwap : 0;
  if (newMemory === oldMemory || swap === 0) return;
  if (swap === -1) return;
  if (!newMemory || swap === oldMemory * 2 || swap < newMemory) hostConfig.MemorySwap = 0;
}

/** What `docker update` changes in place, when an edit touches nothing else. */
export interface LiveUpdate {
  RestartPolicy: { Name: string; MaximumRetryCount?: number };
  Memory?: number;
  MemorySwap?: number;
  NanoCpus?: number;
}

const LIVE_KEYS = ["restartPolicy", "maxRetries", "memoryMb", "cpus"] as const;

/**
 * The `docker update` body if the edit changes only the restart policy and the memory and CPU limits, else null
 * (the container is then replaced). The engine's update cannot lift a limit (0 means "unchanged" to it), so
 * removing a limit is a replacement too, as is a memory change the old swap limit would refuse.
 */
export function liveUpdateFor(inspect: InspectLike, image: ImageConfigLike | undefined, spec: ContainerSpec) {
  const parsed = containerSpec.safeParse(inspectToSpec(inspect, image));
  if (!parsed.success) return null;
  const before = parsed.data;
  const rest = (s: ContainerSpec) => {
    const copy: Record<string, unknown> = { ...s, name: undefined };
    for (const k of LIVE_KEYS) delete copy[k];
    return copy;
  };
  if (!same(rest(before), rest(spec))) return null;
  if (LIVE_KEYS.every((k) => before[k] === spec[k])) return null;
  const update: LiveUpdate = {
    RestartPolicy: {
      Name: spec.restartPolicy,
      ...(spec.restartPolicy === "on-failure" ? { MaximumRetryCount: spec.maxRetries ?? 0 } : {}),
    },
  };
  if (spec.memoryMb !== before.memoryMb) {
    if (spec.memoryMb === undefined) return null;
    const oldHost = inspect.HostConfig ?? {};
    const memory = Math.round(spec.memoryMb * MB);
    const oldMemory = typeof oldHost.Memory === "number" ? oldHost.Memory : 0;
    const swap = typeof oldHost.MemorySwap === "number" ? oldHost.MemorySwap : 0;
    update.Memory = memory;
    if (swap > 0 && swap === oldMemory * 2) update.MemorySwap = memory * 2;
    else if (swap > 0 && swap < memory) return null;
  }
  if (spec.cpus !== before.cpus) {
    if (spec.cpus === undefined) return null;
    update.NanoCpus = Math.round(spec.cpus * 1e9);
  }
  return update;
}
