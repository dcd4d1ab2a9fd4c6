import type { ContainerSummary } from "@/lib/domain";
import type { LogSnapshot } from "@/lib/log-options";
import { optionsFromTopic } from "@/lib/log-options";
import { TOPIC_PATTERNS } from "@/lib/topics";
import {
  acquireStatsSampler,
  logStream,
  type StatsConsumer,
  startLogStream,
  statsSampler,
  stopLogStream,
} from "@/server/hub/container-hubs";
import { isStopped, type StatsSnapshot } from "@/server/hub/stats-sampler";
import {
  containerSession,
  resolveContainerId,
  resolveContainerIdByEngine,
} from "@/server/services/workbench/container-session";
import type { TopicHandler } from "./topic-handler";

/**
 * Logs of one container with one set of options. The first subscriber gets an empty snapshot (the stream starts
 * right after and its lines arrive as batches); later ones get the backlog at once.
 */
export const logsHandler: TopicHandler = {
  kind: "logs",
  pattern: TOPIC_PATTERNS.logs,
  permission: "container:read",
  snapshot(actor, t): LogSnapshot {
    containerSession(actor, "container:read", t.endpointId!, t.containerId!);
    return logStream(t.name)?.snapshot() ?? { lines: [], tty: false, state: "streaming" };
  },
  acquire(t, rt, broadcast) {
    const session = rt.endpoints.session(t.endpointId!);
    const id = session && resolveContainerId(session, t.containerId!);
    if (!session || !id) return undefined;
    startLogStream(t.name, session, id, optionsFromTopic(t), {
      batch: (lines, dropped) => broadcast("logs", { topic: t.name, lines, ...(dropped ? { dropped } : {}) }),
      state: (s) => broadcast("logs:state", { topic: t.name, ...s }),
    });
    return () => stopLogStream(t.name);
  },
};

/**
 * Stats of one container: its ring buffer is the snapshot. The sampler is shared by container (full id), not by
 * topic, so the Stats tab and a list row on the same container, however each named it, read one engine stream.
 */
export const statsHandler: TopicHandler = {
  kind: "stats",
  pattern: TOPIC_PATTERNS.stats,
  permission: "container:read",
  snapshot(actor, t): StatsSnapshot {
    const { session, containerId } = containerSession(actor, "container:read", t.endpointId!, t.containerId!);
    const sampler = statsSampler(t.endpointId!, containerId);
    if (sampler) return sampler.snapshot();
    // The first viewer: the sampler starts right after this. A container known to be stopped says so at once.
    const state = session.store<ContainerSummary>("containers")?.get(containerId)?.state;
    return { samples: [], state: isStopped(state) ? "stopped" : "streaming" };
  },
  acquire(t, rt, broadcast) {
    const session = rt.endpoints.session(t.endpointId!);
    if (!session) return undefined;
    // What this topic holds of its container's shared sampler, once the container id is known.
    const hold = { release: null as (() => void) | null, dropped: false };
    const consumer: StatsConsumer = {
      sample: (sample) => broadcast("stats", { topic: t.name, sample }),
      state: (s) => broadcast("stats:state", { topic: t.name, ...s }),
    };
    const known = resolveContainerId(session, t.containerId!);
    if (known) {
      hold.release = acquireStatsSampler(t.endpointId!, session, known, consumer);
    } else {
      // Not in the store yet (created a moment ago): ask the engine, then hold the sampler unless everyone left.
      void resolveContainerIdByEngine(session, t.containerId!).then((id) => {
        if (hold.dropped) return;
        if (!id) return consumer.state({ state: "error", error: "No such container" });
        hold.release = acquireStatsSampler(t.endpointId!, session, id, consumer);
      });
    }
    return () => {
      hold.dropped = true;
      hold.release?.();
    };
  },
};
