// Images, networks and volumes as every list view sees them, whatever the endpoint. Pure shapes and planning.

export interface ContainerRef {
  id: string;
  name: string;
}

export interface ImageSummary {
  /** `<endpointId>/<imageId>`: unique across endpoints. */
  key: string;
  endpointId: string;
  imageId: string;
  repoTags: string[];
  size: number;
  /** Bytes this image shares with other images (from /system/df); 0 when unknown. */
  sharedSize: number;
  created: number;
  parentId: string;
  containers: ContainerRef[];
}

export interface NetworkContainer extends ContainerRef {
  ipv4: string;
  aliases: string[];
}

export interface NetworkSummary {
  key: string;
  endpointId: string;
  id: string;
  name: string;
  driver: string;
  scope: string;
  subnets: string[];
  gateways: string[];
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
  containers: NetworkContainer[];
  created: number;
}

export interface VolumeSummary {
  key: string;
  endpointId: string;
  name: string;
  driver: string;
  mountpoint: string;
  /** Bytes, when the engine reports it (/system/df, local driver); null otherwise. */
  size: number | null;
  containers: ContainerRef[];
  labels: Record<string, string>;
  created: number;
}

export interface PrunePlan<T> {
  items: T[];
  /** Bytes that come back at least (shared layers are counted only when nothing else keeps them). */
  reclaimBytes: number;
}

/** Networks the engine makes itself and refuses to remove. */
export const BUILTIN_NETWORKS = new Set(["bridge", "host", "none", "ingress", "docker_gwbridge"]);

/**
 * Images no container uses (running or not), and that are no ancestor of an image some container uses (the engine
 * refuses to delete a parent with children). Exactly what "Prune unused images" deletes.
 */
export function planImagePrune(images: readonly ImageSummary[]): PrunePlan<ImageSummary> {
  const byId = new Map(images.map((i) => [i.imageId, i]));
  const keep = new Set<string>();
  for (const img of images) {
    if (img.containers.length === 0) continue;
    // Keep the used image and every ancestor.
    let cur: ImageSummary | undefined = img;
    while (cur && !keep.has(cur.imageId)) {
      keep.add(cur.imageId);
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
  }
  const items = images.filter((i) => !keep.has(i.imageId));
  const reclaimBytes = items.reduce((sum, i) => sum + Math.max(0, i.size - Math.max(0, i.sharedSize)), 0);
  return { items, reclaimBytes };
}

/** Volumes no container mounts (running or not). */
export function planVolumePrune(volumes: readonly VolumeSummary[]): PrunePlan<VolumeSummary> {
  const items = volumes.filter((v) => v.containers.length === 0);
  return { items, reclaimBytes: items.reduce((sum, v) => sum + Math.max(0, v.size ?? 0), 0) };
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "";
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, "").slice(0, 12);
}

/** "a=b" lines (blank lines ignored) to a label map; throws a message for a malformed line. */
export function parseLabelLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) throw new Error(`Label "${line.slice(0, 40)}" is not key=value`);
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}
