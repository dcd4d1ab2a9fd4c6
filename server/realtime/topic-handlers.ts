import type { ContainerSummary, Diff, EndpointHealth } from "@/lib/domain";
import { can } from "@/lib/policy";
import type { TopicKind } from "@/lib/topics";
import { listContainers } from "@/server/services/containers/list-containers";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";
import type { TopicHandler } from "./topic-handler";
import { logsHandler, statsHandler } from "./workbench-handlers";

// Endpoint health: each viewer joins one room per endpoint it may see; the manager's health events go to those rooms.
const healthListeners = new Map<string, (id: string, h: EndpointHealth) => void>();
const endpoints: TopicHandler = {
  kind: "endpoints",
  permission: "authenticated",
  snapshot: (actor) => listEndpoints(actor),
  rooms: (actor, _t, rt) =>
    rt.endpoints
      .views()
      .filter((e) => can(actor, "endpoint:read", { endpointId: e.id }))
      .map((e) => `health:${e.id}`),
  acquire(t, rt, broadcast) {
    const fn = (id: string) => {
      const view = rt.endpoints.view(id);
      if (view) broadcast("diff", { topic: t.name, diff: { upsert: [view], remove: [] } }, `health:${id}`);
    };
    healthListeners.set(t.name, fn);
    rt.endpoints.on("health", fn);
  },
  release(t, rt) {
    const fn = healthListeners.get(t.name);
    if (fn) rt.endpoints.off("health", fn);
    healthListeners.delete(t.name);
  },
};

const containerListeners = new Map<string, (id: string, d: Diff<ContainerSummary>) => void>();

// Containers of one endpoint: the endpoint session's store is the upstream; it lives as long as the endpoint.
const containers: TopicHandler = {
  kind: "containers",
  permission: "container:read",
  snapshot: (actor, t) => listContainers(actor, t.endpointId!),
  acquire(t, rt, broadcast) {
    const fn = (id: string, diff: Diff<ContainerSummary>) => {
      if (id === t.endpointId) broadcast("diff", { topic: t.name, diff });
    };
    containerListeners.set(t.name, fn);
    rt.endpoints.on("containers", fn);
  },
  release(t, rt) {
    const fn = containerListeners.get(t.name);
    if (fn) rt.endpoints.off("containers", fn);
    containerListeners.delete(t.name);
  },
};

export const TOPIC_HANDLERS: Record<TopicKind, TopicHandler> = {
  endpoints,
  containers,
  logs: logsHandler,
  stats: statsHandler,
};
