import { PassThrough, type Readable } from "node:stream";
import { NotFoundError, UserError } from "@/lib/errors";
import { type KubeLogRef, parseKubeLogRef } from "@/lib/kube-logs";
import { LineSplitter, splitTimestamp } from "@/lib/log-lines";
import type { LogChunk, LogFollowOptions, LogSource } from "../session";
import { KubeApiError, type KubeClient } from "./kube-client";
import type { KubeList, KubeObject } from "./kube-object";
import { RESOURCE_DEFS, resourcePath } from "./resources";

/** At most this many (pod, container) streams merged for one workload: a 500-replica Deployment is not tailed whole. */
export const MAX_MERGED_STREAMS = 20;

interface Upstream {
  pod: string;
  container: string;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** Container names of a pod: init containers first (they run first), then the app containers. */
function containersOf(pod: KubeObject): { init: string[]; app: string[] } {
  const names = (list: unknown) => (Array.isArray(list) ? list.map((c) => str(c?.name)).filter(Boolean) : []);
  return { init: names(pod.spec?.initContainers), app: names(pod.spec?.containers) };
}

/** "app=web,tier=db" from a workload's spec.selector.matchLabels (matchExpressions are not needed by the kinds here). */
function selectorOf(o: KubeObject): string {
  const labels = (o.spec?.selector?.matchLabels ?? {}) as Record<string, unknown>;
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${str(v)}`);
  if (!parts.length) throw new UserError("This workload has no label selector to find its pods by", 409, "no_selector");
  return parts.join(",");
}

/**
 * The (pod, container) streams a log ref names: one container of one pod, every container of one pod ("*"), or every
 * pod a workload selects (each with the container asked for, or its first app container).
 */
async function upstreamsOf(client: KubeClient, ref: KubeLogRef, versionOf: (r: string) => string): Promise<Upstream[]> {
  const podPath = (name?: string) => resourcePath(RESOURCE_DEFS.pods, "v1", ref.namespace, name);
  if (ref.kind === "pods") {
    const pod = await client.request<KubeObject>("GET", podPath(ref.name));
    const { init, app } = containersOf(pod);
    if (ref.container !== "*") {
      if (![...init, ...app].includes(ref.container))
        throw new NotFoundError(`No container ${ref.container} in this pod`);
      return [{ pod: ref.name, container: ref.container }];
    }
    return app.map((container) => ({ pod: ref.name, container }));
  }
  const def = RESOURCE_DEFS[ref.kind];
  const owner = await client.request<KubeObject>(
    "GET",
    resourcePath(def, versionOf(ref.kind), ref.namespace, ref.name),
  );
  const pods = await client.request<KubeList>("GET", podPath(), { query: { labelSelector: selectorOf(owner) } });
  const out: Upstream[] = [];
  for (const p of (pods.items ?? []).sort((a, b) => str(a.metadata?.name).localeCompare(str(b.metadata?.name)))) {
    const { init, app } = containersOf(p);
    const container = ref.container === "*" ? app[0] : [...init, ...app].find((c) => c === ref.container);
    if (container) out.push({ pod: str(p.metadata?.name), container });
  }
  return out.slice(0, MAX_MERGED_STREAMS);
}

/**
 * Pod logs for the shared log streams (server/hub/log-stream.ts): `containerId` is a log ref (lib/kube-logs.ts).
 * One API server log stream per (pod, container); several are merged line by line, each line labelled
 * "[pod/container]" (after its timestamp, so timestamps still parse). The merged stream ends when all have ended.
 */
export function kubeLogSource(client: KubeClient, versionOf: (r: string) => string): LogSource {
  return {
    async follow(raw: string, o: LogFollowOptions): Promise<{ tty: boolean; stream: Readable }> {
      const ref = parseKubeLogRef(raw);
      if (!ref) throw new NotFoundError("Not a pod or workload");
      const ups = await upstreamsOf(client, ref, versionOf).catch((err) => {
        if (err instanceof KubeApiError && err.status === 404)
          throw new NotFoundError(`${ref.kind}/${ref.name} not found`);
        throw err;
      });
      if (!ups.length) throw new UserError("No pods to show logs of (none match, or none has started)", 404, "no_pods");
      const out = new PassThrough({ objectMode: true });
      const ac = new AbortController();
      const label = ups.length > 1 || ref.kind !== "pods";
      let open = ups.length;
      const tail = o.tail === "all" ? undefined : o.tail;
      for (const up of ups) {
        const splitter = new LineSplitter();
        const emit = (lines: string[]) => {
          if (out.destroyed) return;
          for (const line of lines) {
            let text = line;
            if (label) {
              const { ts, text: rest } = o.timestamps ? splitTimestamp(line) : { ts: undefined, text: line };
              text = `${ts ? `${ts} ` : ""}[${up.pod}/${up.container}] ${rest}`;
            }
            out.write({ stream: "out", data: Buffer.from(`${text}\n`) } satisfies LogChunk);
          }
        };
        const path = `${resourcePath(RESOURCE_DEFS.pods, "v1", ref.namespace, up.pod)}/log`;
        const query = {
          container: up.container,
          follow: o.follow && !ref.previous,
          previous: ref.previous || undefined,
          timestamps: o.timestamps || undefined,
          tailLines: tail,
          // A merged workload gets the tail per stream; sinceTime is absolute, as the shared stream's options are.
          sinceTime: o.since ? new Date(o.since * 1000).toISOString() : undefined,
        };
        client
          .stream(path, query, (b) => emit(splitter.push(b)), ac.signal)
          .catch((err) => {
            // One pod's stream failing (not started yet, previous instance absent) must not end the others'.
            if (ups.length === 1) out.destroy(err instanceof Error ? err : new Error(String(err)));
            else emit([`(logs of ${up.pod}/${up.container} unavailable: ${(err as Error).message})`]);
          })
          .finally(() => {
            emit(splitter.flush());
            if (--open === 0 && !out.destroyed) out.end();
          });
      }
      out.on("close", () => ac.abort());
      return { tty: false, stream: out };
    },
  };
}
