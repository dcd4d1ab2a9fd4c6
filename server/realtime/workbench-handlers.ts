import type { LogSnapshot } from "@/lib/log-options";
import { optionsFromTopic } from "@/lib/log-options";
import {
  logStream,
  startLogStream,
  startStatsSampler,
  statsSampler,
  stopLogStream,
  stopStatsSampler,
} from "@/server/hub/container-hubs";
import { isStopped, type StatsSnapshot } from "@/server/hub/stats-sampler";
import { containerSession, resolveContainerId } from "@/server/services/workbench/container-session";
import type { TopicHandler } from "./topic-handler";

/**
 * Logs of one container with one set of options. The first subscriber gets an empty snapshot (the stream starts
 * right after and its lines arrive as batches); later ones get the backlog at once.
 */
export const logsHandler: TopicHandler = {
  kind: "logs",
  permission: "container:read",
  snapshot(actor, t): LogSnapshot {
    containerSession(actor, "container:read", t.endpointId!, t.containerId!);
    return logStream(t.name)?.snapshot() ?? { lines: [], tty: false, state: "streaming" };
  },
  acquire(t, rt, broadcast) {
    const session = rt.endpoints.session(t.endpointId!);
    const id = session && resolveContainerId(session, t.containerId!);
    if (!session || !id) return;
    startLogStream(t.name, session, id, optionsFromTopic(t), {
      batch: (lines, dropped) => broadcast("logs", { topic: t.name, lines, ...(dropped ? { dropped } : {}) }),
      state: (s) => broadcast("logs:state", { topic: t.name, ...s }),
    });
  },
  release(t) {
    stopLogStream(t.name);
  },
};

/** Stats of one container: one sampler however many viewers; its ring buffer is the snapshot. */
export const statsHandler: TopicHandler = {
  kind: "stats",
  permission: "container:read",
  snapshot(actor, t): StatsSnapshot {
    const { session, containerId } = containerSession(actor, "container:read", t.endpointId!, t.containerId!);
    const sampler = statsSampler(t.name);
    if (sampler) return sampler.snapshot();
    // The first viewer: the sampler starts right after this. A container known to be stopped says so at once.
    return { samples: [], state: isStopped(session.containers.get(containerId)?.state) ? "stopped" : "streaming" };
  },
  acquire(t, rt, broadcast) {
    const session = rt.endpoints.session(t.endpointId!);
    const id = session && resolveContainerId(session, t.containerId!);
    if (!session || !id) return;
    startStatsSampler(
      t.name,
      session,
      id,
      (sample) => broadcast("stats", { topic: t.name, sample }),
      (s) => broadcast("stats:state", { topic: t.name, ...s }),
    );
  },
  release(t) {
    stopStatsSampler(t.name);
  },
};
