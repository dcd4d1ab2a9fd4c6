import type { KubeOwner, KubeRowBase } from "@/lib/kube-types";

/**
 * The parts of raw API objects (JSON as the API server sends it: times are strings) that the mappers read.
 * Everything optional: a mapper must survive any object a cluster or a hostile user can store.
 */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion?: string; kind?: string; name?: string; uid?: string; controller?: boolean }[];
  generation?: number;
  managedFields?: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  // biome-ignore lint/suspicious/noExplicitAny: raw API objects; each mapper reads defensively
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: raw API objects; each mapper reads defensively
  status?: any;
  [field: string]: unknown;
}

export interface KubeList {
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items?: KubeObject[];
}

export const str = (v: unknown): string => (typeof v === "string" ? v : "");
export const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
export const arr = <T = unknown>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === "object" && !Array.isArray(v))
    for (const [k, val] of Object.entries(v)) if (typeof val === "string") out[k] = val;
  return out;
}

export function objectId(o: KubeObject): string {
  const m = o.metadata ?? {};
  return m.namespace ? `${m.namespace}/${str(m.name)}` : str(m.name);
}

export function baseRow(o: KubeObject): KubeRowBase {
  const m = o.metadata ?? {};
  const owners: KubeOwner[] = arr<NonNullable<ObjectMeta["ownerReferences"]>[number]>(m.ownerReferences).map((r) => ({
    kind: str(r?.kind),
    name: str(r?.name),
    uid: str(r?.uid),
    controller: r?.controller === true,
  }));
  return {
    id: objectId(o),
    uid: str(m.uid),
    name: str(m.name),
    ...(m.namespace ? { namespace: m.namespace } : {}),
    createdAt: str(m.creationTimestamp),
    labels: stringMap(m.labels),
    owners,
    deleting: !!m.deletionTimestamp,
  };
}

/** "app=web,tier=front" from a map or a LabelSelector's matchLabels (matchExpressions shown kubectl-style). */
export function selectorString(sel: unknown): string {
  if (!sel || typeof sel !== "object") return "";
  const s = sel as { matchLabels?: unknown; matchExpressions?: unknown };
  const isSelector = "matchLabels" in s || "matchExpressions" in s;
  const labels = stringMap(isSelector ? s.matchLabels : sel);
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  if (isSelector)
    for (const e of arr<{ key?: string; operator?: string; values?: string[] }>(s.matchExpressions)) {
      const vals = arr<string>(e?.values).join(",");
      const op = str(e?.operator);
      parts.push(
        op === "Exists"
          ? str(e?.key)
          : op === "DoesNotExist"
            ? `!${str(e?.key)}`
            : `${str(e?.key)} ${op.toLowerCase()} (${vals})`,
      );
    }
  return parts.join(",");
}

/** Kubernetes quantities ("100m", "1.5", "128Mi", "1G") to milli-units or bytes; 0 when unreadable. */
export function cpuMilli(q: unknown): number {
  const s = str(q).trim();
  if (!s) return 0;
  if (s.endsWith("m")) return Math.round(Number.parseFloat(s)) || 0;
  const n = Number.parseFloat(s);
  return Number.isFinite(n) ? Math.round(n * 1000) : 0;
}

const BIN: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DEC: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, m: 1e-3 };

export function bytesOf(q: unknown): number {
  const m = /^([0-9.]+(?:e[0-9]+)?)([a-zA-Z]{0,2})$/.exec(str(q).trim());
  if (!m) return 0;
  const n = Number.parseFloat(m[1] ?? "");
  const unit = m[2] ?? "";
  const mult = unit === "" ? 1 : (BIN[unit] ?? DEC[unit]);
  return mult && Number.isFinite(n) ? Math.round(n * mult) : 0;
}
