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

/** The container of a workload's pod a ref follows: the one named, else the pod's first app container. */
function containerFor(ref: KubeLogRef, pod: KubeObject): string | undefined {
  const { init, app } = containersOf(pod);
  return ref.container === "*" ? app[0] : [...init, ...app].find((c) => c === ref.container);
}

/** Whether a container has output to read: it runs or has run (a waiting one answers 400 to a log request). */
function hasStarted(pod: KubeObject, container: string): boolean {
  const statuses = [...arrayOf(pod.status?.initContainerStatuses), ...arrayOf(pod.status?.containerStatuses)];
  return statuses.some((c) => c?.name === container && (c.state?.running || c.state?.terminated));
}

// biome-ignore lint/suspicious/noExplicitAny: raw container statuses, read defensively
const arrayOf = (v: unknown): any[] => (Array.isArray(v) ? v : []);

interface Upstreams {
  ups: Upstream[];
  /** A workload's: its pods' label selector and the list's resourceVersion, to watch for pods that come later. */
  selector?: string;
  resourceVersion?: string;
  /** Matched pods whose container has not started yet (the watch adds them when it does). */
  waiting: number;
}

/**
 * The (pod, container) streams a log ref names: one container of one pod, every container of one pod ("*"), or every
 * pod a workload selects (each with the container asked for, or its first app container).
 */
async function upstreamsOf(client: KubeClient, ref: KubeLogRef, versionOf: (r: string) => string): Promise<Upstreams> {
  const podPath = (name?: string) => resourcePath(RESOURCE_DEFS.pods, "v1", ref.namespace, name);
  if (ref.kind === "pods") {
    const pod = await client.request<KubeObject>("GET", podPath(ref.name));
    const { init, app } = containersOf(pod);
    if (ref.container !== "*") {
      if (![...init, ...app].includes(ref.container))
        throw new NotFoundError(`No container ${ref.container} in this pod`);
      return { ups: [{ pod: ref.name, container: ref.container }], waiting: 0 };
    }
    return { ups: app.map((container) => ({ pod: ref.name, container })), waiting: 0 };
  }
  const def = RESOURCE_DEFS[ref.kind];
  const owner = await client.request<KubeObject>(
    "GET",
    resourcePath(def, versionOf(ref.kind), ref.namespace, ref.name),
  );
  const selector = selectorOf(owner);
  const pods = await client.request<KubeList>("GET", podPath(), { query: { labelSelector: selector } });
  const ups: Upstream[] = [];
  let waiting = 0;
  for (const p of (pods.items ?? []).sort((a, b) => str(a.metadata?.name).localeCompare(str(b.metadata?.name)))) {
    const container = containerFor(ref, p);
    if (!container) continue;
    // Followed: a pod still starting joins when the watch sees it start. Previous instances: ask every pod.
    if (ref.previous || hasStarted(p, container)) ups.push({ pod: str(p.metadata?.name), container });
    else waiting++;
  }
  return { ups: ups.slice(0, MAX_MERGED_STREAMS), selector, resourceVersion: pods.metadata?.resourceVersion, waiting };
}

/**
 * Watches a workload's pods (its label selector) from a list's resourceVersion and calls onPod with every pod added
 * or changed, until the signal aborts: the merged log stream adds the pods that start after it opened (a scale-up, a
 * rollout's new ReplicaSet). A watch that ends is reopened from where it stood; 410 Gone (or any ERROR event) reopens
 * without a version, which replays every current pod as ADDED (onPod ignores the ones it has).
 */
async function watchPods(
  client: KubeClient,
  path: string,
  selector: string,
  from: string | undefined,
  signal: AbortSignal,
  onPod: (pod: KubeObject) => void,
): Promise<void> {
  let version = from;
  let delay = 1_000;
  while (!signal.aborted) {
    let buf = "";
    // No byte for longer than the server's own timeout (bookmarks come about once a minute): a dead connection.
    const timeoutSeconds = 300;
    const attempt = new AbortController();
    const stop = () => attempt.abort();
    signal.addEventListener("abort", stop, { once: true });
    let stall = setTimeout(stop, (timeoutSeconds + 30) * 1000);
    try {
      await client.stream(
        path,
        { watch: 1, labelSelector: selector, resourceVersion: version, allowWatchBookmarks: true, timeoutSeconds },
        (chunk) => {
          clearTimeout(stall);
          stall = setTimeout(stop, (timeoutSeconds + 30) * 1000);
          buf += chunk.toString("utf8");
          for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            let ev: { type?: string; object?: KubeObject };
            try {
              ev = JSON.parse(line);
            } catch {
              continue;
            }
            if (ev.type === "ERROR") {
              version = undefined;
              continue;
            }
            version = ev.object?.metadata?.resourceVersion ?? version;
            if ((ev.type === "ADDED" || ev.type === "MODIFIED") && ev.object) onPod(ev.object);
          }
        },
        attempt.signal,
      );
      delay = 1_000;
    } catch {
      // Backoff, then reopen (the API server restarting, a network blip).
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 30_000);
    } finally {
      clearTimeout(stall);
      signal.removeEventListener("abort", stop);
    }
  }
}

/**
 * Pod logs for the shared log streams (server/hub/log-stream.ts): `containerId` is a log ref (lib/kube-logs.ts).
 * One API server log stream per (pod, container); several are merged line by line, each line labelled
 * "[pod/container]" (after its timestamp, so timestamps still parse). A followed workload's stream also watches its
 * pods and adds each one that starts later (up to MAX_MERGED_STREAMS in all), so it stays open until the last viewer
 * leaves; any other stream ends when all its upstreams have ended.
 */
export function kubeLogSource(client: KubeClient, versionOf: (r: string) => string): LogSource {
  return {
    async follow(raw: string, o: LogFollowOptions): Promise<{ tty: boolean; stream: Readable }> {
      const ref = parseKubeLogRef(raw);
      if (!ref) throw new NotFoundError("Not a pod or workload");
      const found = await upstreamsOf(client, ref, versionOf).catch((err) => {
        if (err instanceof KubeApiError && err.status === 404)
          throw new NotFoundError(`${ref.kind}/${ref.name} not found`);
        throw err;
      });
      const { ups } = found;
      const watching = ref.kind !== "pods" && o.follow && !ref.previous && found.selector !== undefined;
      if (!ups.length && !(watching && found.waiting))
        throw new UserError("No pods to show logs of (none match, or none has started)", 404, "no_pods");
      const out = new PassThrough({ objectMode: true });
      const ac = new AbortController();
      const label = ups.length > 1 || ref.kind !== "pods";
      const single = ups.length === 1 && !watching;
      const tail = o.tail === "all" ? undefined : o.tail;
      const streamed = new Set<string>();
      let open = 0;
      const start = (up: Upstream, joined: boolean) => {
        const key = `${up.pod}/${up.container}`;
        if (streamed.has(key) || streamed.size >= MAX_MERGED_STREAMS || out.destroyed) return;
        streamed.add(key);
        open++;
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
          // A pod that joined later: everything it wrote is new to the viewers, so no tail.
          tailLines: joined ? undefined : tail,
          // A merged workload gets the tail per stream; sinceTime is absolute, as the shared stream's options are.
          sinceTime: o.since ? new Date(o.since * 1000).toISOString() : undefined,
        };
        client
          .stream(path, query, (b) => emit(splitter.push(b)), ac.signal)
          .catch((err) => {
            // One pod's stream failing (not started yet, previous instance absent) must not end the others'.
            if (single) out.destroy(err instanceof Error ? err : new Error(String(err)));
            else emit([`(logs of ${up.pod}/${up.container} unavailable: ${(err as Error).message})`]);
          })
          .finally(() => {
            emit(splitter.flush());
            if (--open === 0 && !watching && !out.destroyed) out.end();
          });
      };
      for (const up of ups) start(up, false);
      if (watching) {
        const podsPath = resourcePath(RESOURCE_DEFS.pods, "v1", ref.namespace);
        void watchPods(client, podsPath, found.selector!, found.resourceVersion, ac.signal, (pod) => {
          const container = containerFor(ref, pod);
          const name = str(pod.metadata?.name);
          if (name && container && hasStarted(pod, container)) start({ pod: name, container }, true);
        });
      }
      out.on("close", () => ac.abort());
      return { tty: false, stream: out };
    },
  };
}
