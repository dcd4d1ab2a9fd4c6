import { can } from "@/lib/policy";
import { TOPIC_PATTERNS } from "@/lib/topics";
import { topologyElements } from "@/lib/topology";
import { TopologyFeed, topologyFeeds } from "@/server/hub/topology-feed";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";
import { getTopology } from "@/server/services/topology/get-topology";
import type { TopicHandler } from "./topic-handler";

// Endpoint views: each viewer joins one room per endpoint it may see; admins also join "health:*" so endpoints added
// after they subscribed reach them too (the gateway's periodic re-check drops "health:*" from a demoted admin, as
// no grant can name "*").
const ALL_ENDPOINTS_ROOM = "health:*";

export const endpointsTopic: TopicHandler = {
  kind: "endpoints",
  pattern: TOPIC_PATTERNS.endpoints,
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
    rt.endpoints.on("view", view);
    rt.endpoints.on("removed", removed);
    return () => {
      rt.endpoints.off("view", view);
      rt.endpoints.off("removed", removed);
    };
  },
};

// Topology of one endpoint: a feed rebuilt from the session's stores on container and network changes, sending diffs.
export const topologyTopic: TopicHandler = {
  kind: "topology",
  pattern: TOPIC_PATTERNS.topology,
  permission: "container:read",
  snapshot: (actor, t) => topologyElements(getTopology(actor, t.endpointId!)),
  acquire(t, rt, broadcast) {
    const id = t.endpointId!;
    topologyFeeds.get(id)?.stop();
    const feed = new TopologyFeed(id, rt.endpoints, (diff) => broadcast("diff", { topic: t.name, diff }), rt.log);
    topologyFeeds.set(id, feed);
    return () => {
      feed.stop();
      if (topologyFeeds.get(id) === feed) topologyFeeds.delete(id);
    };
  },
};
