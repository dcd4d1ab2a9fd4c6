import { usageOf } from "@/lib/container-usage";
import type { ContainerSummary, Diff } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { TOPIC_PATTERNS } from "@/lib/topics";
import { acquireStatsSampler, statsSampler } from "@/server/hub/container-hubs";
import type { Runtime } from "@/server/runtime";
import { containerSession, containersIn, resolveContainerId } from "@/server/services/workbench/container-session";
import type { Broadcast, TopicHandler } from "./topic-handler";

/** A list row needs a figure every couple of seconds, not every 1 s sample: about every other one goes out. */
export const USAGE_EVERY_MS = 1_500;

interface UsageHold {
  topic: string;
  endpointId: string;
  containerId: string;
  broadcast: Broadcast;
  /** Set while the container runs and this topic holds its sampler. */
  release: (() => void) | null;
  lastSent: number;
}

// One listener on the container stores serves every usage topic: a diff touches only the holds of the containers
// it names (an index, not a per-topic listener, so a list of 100 rows costs one listener).
const holds = new Set<UsageHold>();
const byContainer = new Map<string, Set<UsageHold>>();
const containerKey = (endpointId: string, id: string) => `${endpointId}/${id}`;
let watching: { rt: Runtime; stop: () => void } | null = null;

/**
 * Holds the container's sampler while it runs, lets go when it stops: a stopped container gets no sampler, whoever
 * is subscribed. Its row then gets `null` (no current figure).
 */
function sync(hold: UsageHold, rt: Runtime, c: ContainerSummary | undefined): void {
  const session = rt.endpoints.session(hold.endpointId);
  const running = c?.state === "running" && !!session;
  if (running && !hold.release) {
    hold.release = acquireStatsSampler(hold.endpointId, session!, hold.containerId, {
      sample: (s) => {
        const now = Date.now();
        if (now - hold.lastSent < USAGE_EVERY_MS) return;
        hold.lastSent = now;
        hold.broadcast("usage", { topic: hold.topic, usage: usageOf(s) });
      },
      state: (s) => {
        if (s.state !== "streaming") hold.broadcast("usage", { topic: hold.topic, usage: null });
      },
    });
  } else if (!running && hold.release) {
    hold.release();
    hold.release = null;
    hold.lastSent = 0;
    hold.broadcast("usage", { topic: hold.topic, usage: null });
  }
}

/** One listener for all usage topics: a containers diff touches only the holds of the containers it names. */
function watch(rt: Runtime): void {
  if (watching) return;
  const fn = (endpointId: string, d: Diff<ContainerSummary>) => {
    for (const c of d.upsert) {
      for (const h of byContainer.get(containerKey(endpointId, c.id)) ?? []) sync(h, rt, c);
    }
    for (const id of d.remove) {
      for (const h of byContainer.get(containerKey(endpointId, id)) ?? []) sync(h, rt, undefined);
    }
  };
  watching = { rt, stop: rt.endpoints.onStore<ContainerSummary>("containers", fn) };
}

/**
 * CPU and memory of one container for a list row: the same shared sampler as the Stats tab, but the snapshot is only
 * the newest figures and each broadcast only `{ cpuPercent, memUsed, memLimit }`, about every other second. The
 * container must be one the endpoint's store lists (the rows come from there); a stopped one answers `null`.
 */
export const usageHandler: TopicHandler = {
  kind: "usage",
  pattern: TOPIC_PATTERNS.usage,
  permission: "container:read",
  snapshot(actor, t) {
    const { session, containerId } = containerSession(actor, "container:read", t.endpointId!, t.containerId!);
    const c = containersIn(session).get(containerId);
    if (!c) throw new NotFoundError("Container not found");
    return c.state === "running" ? usageOf(statsSampler(t.endpointId!, containerId)?.latest()) : null;
  },
  acquire(t, rt, broadcast) {
    const session = rt.endpoints.session(t.endpointId!);
    const id = session && resolveContainerId(session, t.containerId!);
    if (!session || !id) return undefined;
    const hold: UsageHold = {
      topic: t.name,
      endpointId: t.endpointId!,
      containerId: id,
      broadcast,
      release: null,
      lastSent: 0,
    };
    holds.add(hold);
    const key = containerKey(hold.endpointId, id);
    byContainer.set(key, (byContainer.get(key) ?? new Set()).add(hold));
    watch(rt);
    sync(hold, rt, session.store<ContainerSummary>("containers")?.get(id));
    return () => {
      holds.delete(hold);
      hold.release?.();
      const set = byContainer.get(key);
      set?.delete(hold);
      if (set?.size === 0) byContainer.delete(key);
      if (holds.size === 0 && watching) {
        watching.stop();
        watching = null;
      }
    };
  },
};
