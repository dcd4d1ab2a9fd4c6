import type { KubeResource } from "@/lib/kube-types";
import type { KubeClient } from "./kube-client";
import { RESOURCE_DEFS } from "./resources";

export interface ServerVersion {
  gitVersion: string;
  major: string;
  minor: string;
  platform?: string;
}

/** What the API server serves: its version and the group versions Berth may read resources from. */
export interface Discovery {
  version: ServerVersion;
  /** group ("" for core) -> served versions. */
  groups: Map<string, Set<string>>;
  /**
   * "group/version" -> the resources it serves, for the resources Berth may read at more than one version: a group
   * version can be served without the resource (batch/v1 has Jobs on 1.20, but CronJobs only from 1.21).
   */
  resources: Map<string, Set<string>>;
}

export async function getVersion(client: KubeClient, timeoutMs = 10_000): Promise<ServerVersion> {
  const v = await client.request<Partial<ServerVersion>>("GET", "/version", { timeoutMs });
  return {
    gitVersion: String(v.gitVersion ?? ""),
    major: String(v.major ?? ""),
    minor: String(v.minor ?? ""),
    platform: v.platform,
  };
}

export async function discover(client: KubeClient): Promise<Discovery> {
  const [version, core, apis] = await Promise.all([
    getVersion(client),
    client.request<{ versions?: string[] }>("GET", "/api"),
    client.request<{ groups?: { name?: string; versions?: { version?: string }[] }[] }>("GET", "/apis"),
  ]);
  const groups = new Map<string, Set<string>>([["", new Set(core.versions ?? [])]]);
  for (const g of apis.groups ?? [])
    if (g?.name) groups.set(g.name, new Set((g.versions ?? []).map((v) => String(v?.version ?? ""))));
  const resources = new Map<string, Set<string>>();
  const wanted = new Set<string>();
  for (const def of Object.values(RESOURCE_DEFS))
    if (def.versions.length > 1)
      for (const v of def.versions) if (groups.get(def.group)?.has(v)) wanted.add(`${def.group}/${v}`);
  await Promise.all(
    [...wanted].map(async (gv) => {
      const list = await client
        .request<{ resources?: { name?: string }[] }>("GET", gv.startsWith("/") ? `/api${gv}` : `/apis/${gv}`)
        .catch(() => ({ resources: [] }));
      resources.set(gv, new Set((list.resources ?? []).map((r) => String(r?.name ?? ""))));
    }),
  );
  return { version, groups, resources };
}

/** The newest version of a resource this server serves (CronJobs: batch/v1 from 1.21, batch/v1beta1 before). */
export function servedVersion(d: Discovery | undefined, r: KubeResource): string | undefined {
  const def = RESOURCE_DEFS[r];
  const served = d?.groups.get(def.group);
  if (!served) return undefined;
  if (def.versions.length === 1) return served.has(def.versions[0]!) ? def.versions[0] : undefined;
  return def.versions.find((v) => served.has(v) && d?.resources.get(`${def.group}/${v}`)?.has(r));
}

/** metrics.k8s.io is there when metrics-server (or another metrics API) is installed. */
export const hasMetrics = (d: Discovery | undefined) => !!d?.groups.get("metrics.k8s.io")?.size;
