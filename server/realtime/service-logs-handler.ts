import type { LogSnapshot } from "@/lib/log-options";
import { optionsFromTopic } from "@/lib/log-options";
import { TOPIC_PATTERNS } from "@/lib/topics";
import { logStream, startLogStream, stopLogStream } from "@/server/hub/container-hubs";
import { serviceLogOriginFor, serviceLogTarget } from "@/server/services/swarm/service-logs";
import type { TopicHandler } from "./topic-handler";

/**
 * Logs of a swarm service, every task or one: one upstream `docker service logs --follow` per (service, task,
 * options) shared by every viewer, through the same hub, backlog and batches as container logs. Each line carries
 * its task and node ids; the viewer names them.
 */
export const serviceLogsHandler: TopicHandler = {
  kind: "serviceLogs",
  pattern: TOPIC_PATTERNS.serviceLogs,
  permission: "swarm:read",
  snapshot(actor, t): LogSnapshot {
    const target = serviceLogTarget(actor, t.endpointId!, t.serviceId!, t.task!);
    if ("error" in target) return { lines: [], tty: false, state: "error", error: target.error };
    return logStream(t.name)?.snapshot() ?? { lines: [], tty: false, state: "streaming" };
  },
  acquire(t, rt, broadcast) {
    const session = rt.endpoints.session(t.endpointId!);
    const origin = serviceLogOriginFor(t.endpointId!, t.serviceId!, t.task!);
    if (!session || !origin) return undefined;
    startLogStream(
      t.name,
      session,
      t.serviceId!,
      optionsFromTopic(t),
      {
        batch: (lines, dropped) => broadcast("logs", { topic: t.name, lines, ...(dropped ? { dropped } : {}) }),
        state: (s) => broadcast("logs:state", { topic: t.name, ...s }),
      },
      origin,
    );
    return () => stopLogStream(t.name);
  },
};
