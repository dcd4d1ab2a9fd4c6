import type { LogOptions } from "./log-topic";

// (Named groups must not be called "name" or "kind": a parsed topic's own fields.)
// Followed Kubernetes logs: one pod's container (or all of its containers), or every pod of a workload, merged and
// labelled. The topic names everything that makes a stream, so every viewer with the same choice shares one.

export const LOG_KINDS = ["pods", "deployments", "statefulsets", "daemonsets", "replicasets", "jobs"] as const;
export type KubeLogKind = (typeof LOG_KINDS)[number];

export interface KubeLogRef {
  namespace: string;
  kind: KubeLogKind;
  name: string;
  /** A container name, or "*": every app container of a pod, the first app container of each pod of a workload. */
  container: string;
  /** The previous (crashed or restarted) instance's output instead of the running one's. */
  previous: boolean;
}

const NS = "[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?";
const NAME = "[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?";
// No nested group around the alternatives: the authorization matrix fills topic patterns group by group.
const CONTAINER = `\\*|${NS}`;
const KIND = LOG_KINDS.join("|");

export const KUBE_LOGS_PATTERN = new RegExp(
  `^endpoint:(?<endpointId>[a-zA-Z0-9_-]{1,64}):ns:(?<namespace>${NS}):k8slogs:(?<logKind>${KIND}):(?<object>${NAME}):(?<container>${CONTAINER}):(?<previous>[01]):(?<tail>all|\\d{1,6}):(?<since>10m|1h|4h|1d|all):(?<timestamps>[01])$`,
);

export function kubeLogsTopic(endpointId: string, ref: KubeLogRef, o: LogOptions): string {
  return `endpoint:${endpointId}:ns:${ref.namespace}:k8slogs:${ref.kind}:${ref.name}:${ref.container}:${
    ref.previous ? 1 : 0
  }:${o.tail}:${o.since}:${o.timestamps ? 1 : 0}`;
}

/** The ref a parsed topic names (its groups), or null. */
export function kubeLogRefOfTopic(f: Record<string, string | undefined>): KubeLogRef | null {
  if (!f.namespace || !f.logKind || !f.object || !f.container) return null;
  return {
    namespace: f.namespace,
    kind: f.logKind as KubeLogKind,
    name: f.object,
    container: f.container,
    previous: f.previous === "1",
  };
}

/** The ref as the log source's "container id": `ns/kind/name/container/0|1` (no part contains a slash). */
export function formatKubeLogRef(r: KubeLogRef): string {
  return `${r.namespace}/${r.kind}/${r.name}/${r.container}/${r.previous ? 1 : 0}`;
}

const REF = new RegExp(`^(${NS})/(${KIND})/(${NAME})/(${CONTAINER})/([01])$`);

export function parseKubeLogRef(raw: string): KubeLogRef | null {
  const m = REF.exec(raw);
  if (!m) return null;
  return { namespace: m[1]!, kind: m[2] as KubeLogKind, name: m[3]!, container: m[4]!, previous: m[5] === "1" };
}

// A literal, not `logOptions.parse(...)`: this module is in the browser's bundle and the parse pulled zod (31 kB
// compressed) into every Kubernetes object page.
export const defaultKubeLogOptions: LogOptions = { tail: 500, since: "all", timestamps: false };
