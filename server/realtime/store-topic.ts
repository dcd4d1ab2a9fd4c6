import type { Actor, Diff } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { storeTopicPattern, type Topic } from "@/lib/topics";
import { storeSpecs } from "@/server/endpoints/registry";
import type { Runtime } from "@/server/runtime";
import { authorize } from "@/server/services/authorize";
import type { TopicHandler } from "./topic-handler";

// The one topic of every live store of every kind (containers, networks; swarm services, pods...): the endpoint
// session's store is the upstream and lives as long as the endpoint, so acquiring is only listening to it.

type Namespaced = { namespace?: unknown };

/** Items of one namespace (a namespaced store keys them `namespace/name`); everything when none is asked. */
function inNamespace<T>(items: T[], namespace: string | undefined): T[] {
  return namespace ? items.filter((i) => (i as Namespaced).namespace === namespace) : items;
}

function forNamespace(diff: Diff<unknown>, namespace: string | undefined): Diff<unknown> {
  if (!namespace) return diff;
  return {
    upsert: inNamespace(diff.upsert, namespace),
    remove: diff.remove.filter((key) => key.startsWith(`${namespace}/`)),
  };
}

/** A stable order for snapshots: the store's own key, else by name. */
function order(sortKey: ((item: never) => string) | undefined): (a: unknown, b: unknown) => number {
  const key = (sortKey ?? ((i: { name?: unknown }) => String(i.name ?? ""))) as (i: unknown) => string;
  return (a, b) => key(a).localeCompare(key(b));
}

export function storeSnapshot(actor: Actor, t: Topic, rt: Runtime): unknown[] {
  const spec = storeSpecs().get(t.store ?? "");
  if (!spec) throw new NotFoundError("No such store");
  authorize(actor, spec.permission, { endpointId: t.endpointId, namespace: t.namespace });
  const session = rt.endpoints.session(t.endpointId!);
  if (!session) throw new NotFoundError("Endpoint not found");
  const store = session.store(spec.name);
  if (!store) throw new NotFoundError(`This endpoint has no ${spec.name}`);
  return inNamespace(store.snapshot(), t.namespace).sort(order(spec.sortKey));
}

export const storeTopic: TopicHandler = {
  kind: "store",
  pattern: storeTopicPattern([...storeSpecs().keys()]),
  permission: (t) => storeSpecs().get(t.store ?? "")?.permission,
  snapshot: storeSnapshot,
  acquire(t, rt, broadcast) {
    const off = rt.endpoints.onStore(t.store!, (endpointId, diff) => {
      if (endpointId !== t.endpointId) return;
      const d = forNamespace(diff, t.namespace);
      if (d.upsert.length || d.remove.length) broadcast("diff", { topic: t.name, diff: d });
    });
    // Stores fed on demand (Kubernetes informers) start with their first viewer and stop after the last.
    const release = rt.endpoints.session(t.endpointId!)?.retain(t.store!, t.namespace) ?? (() => {});
    return () => {
      off();
      release();
    };
  },
};
