import type { ContainerSummary, Diff } from "@/lib/domain";
import { can } from "@/lib/policy";
import type { TopicKind } from "@/lib/topics";
import { topologyElements } from "@/lib/topology";
import { listContainers } from "@/server/services/containers/list-containers";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";
import { getTopology } from "@/server/services/topology/get-topology";
import { TopologyFeed, topologyFeeds } from "@/server/topology/topology-feed";
import { allEventsTopic, eventsTopic, pullsTopic } from "./resource-topics";
import { swarmHandler } from "./swarm-handler";
import type { TopicHandler } from "./topic-handler";
import { usageHandler } from "./usage-handler";
import { logsHandler, statsHandler } from "./workbench-handlers";

// Endpoint views: each viewer joins one room per endpoint it may see; admins also join "health:*" so endpoints added
// after they subscribed reach them too (the gateway's periodic re-check drops "health:*" from a demoted admin, as
// no grant can name "*").
const ALL_ENDPOINTS_ROOM = "health:*";
const viewListeners = new Map<string, { view: (id: string) => void; removed: (id: string) => void }>();
const endpoints: TopicHandler = {
  kind: "endpoints",
  permission: "authenticated",
  snapshot: (actor) => listEndpoints(actor),
  rooms: (actor, _t, rt) => [
    ...rt.endpoints
      .views()
      .filter((e) => can(actor, "endpoint:read", { endpointId: e.id }))
      .map((e) => `health:${e.id}`),
    ...(actor.isAdmin ? [ALL_ENDPOINTS_ROOM] : []),
  ],
  acquire(t, rt, broadcast) {
    const view = (id: string) => {
      const v = rt.endpoints.view(id);
      if (v)
        broadcast("diff", { topic: t.name, diff: { upsert: [v], remove: [] } }, [`health:${id}`, ALL_ENDPOINTS_ROOM]);
    };
    const removed = (id: string) =>
      broadcast("diff", { topic: t.name, diff: { upsert: [], remove: [id] } }, [`health:${id}`, ALL_ENDPOINTS_ROOM]);
    viewListeners.set(t.name, { view, removed });
    rt.endpoints.on("view", view);
    rt.endpoints.on("removed", removed);
  },
  release(t, rt) {
    const fns = viewListeners.get(t.name);
    if (fns) {
      rt.endpoints.off("view", fns.view);
      rt.endpoints.off("removed", fns.removed);
    }
    viewListeners.delete(t.name);
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

// Topology of one endpoint: a feed rebuilt from the session's stores on container and network changes, sending diffs.
const topology: TopicHandler = {
  kind: "topology",
  permission: "container:read",
  snapshot: (actor, t) => topologyElements(getTopology(actor, t.endpointId!)),
  acquire(t, rt, broadcast) {
    topologyFeeds.get(t.endpointId!)?.stop();
    const feed = new TopologyFeed(
      t.endpointId!,
      rt.endpoints,
      (diff) => broadcast("diff", { topic: t.name, diff }),
      rt.log,
    );
    topologyFeeds.set(t.endpointId!, feed);
  },
  release(t) {
    topologyFeeds.get(t.endpointId!)?.stop();
    topologyFeeds.delete(t.endpointId!);
  },
};

export const TOPIC_HANDLERS: Record<TopicKind, TopicHandler> = {
  endpoints,
  containers,
  topology,
  events: eventsTopic,
  allEvents: allEventsTopic,
  pulls: pullsTopic,
  logs: logsHandler,
  stats: statsHandler,
  usage: usageHandler,
  swarm: swarmHandler,
};
