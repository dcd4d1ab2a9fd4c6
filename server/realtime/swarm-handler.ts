import type { Diff } from "@/lib/domain";
import type { SwarmItems, SwarmResource } from "@/lib/swarm";
import { listSwarm } from "@/server/services/swarm/list-swarm";
import type { TopicHandler } from "./topic-handler";

type Listener = (id: string, resource: SwarmResource, diff: Diff<SwarmItems[SwarmResource]>) => void;
const listeners = new Map<string, Listener>();

/**
 * Every swarm store of a manager endpoint (`endpoint:<id>:swarm:<resource>`), through one handler: the session's
 * swarm store is the upstream, fed by the endpoint's one events stream, so a topic opens nothing of its own.
 */
export const swarmHandler: TopicHandler = {
  kind: "swarm",
  permission: "swarm:read",
  snapshot: (actor, t) => listSwarm(actor, t.endpointId!, t.resource as SwarmResource),
  acquire(t, rt, broadcast) {
    const fn: Listener = (id, resource, diff) => {
      if (id === t.endpointId && resource === t.resource) broadcast("diff", { topic: t.name, diff });
    };
    listeners.set(t.name, fn);
    rt.endpoints.on("swarm", fn);
  },
  release(t, rt) {
    const fn = listeners.get(t.name);
    if (fn) rt.endpoints.off("swarm", fn);
    listeners.delete(t.name);
  },
};
