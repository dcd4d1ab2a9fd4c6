import type { Diff } from "@/lib/domain";
import { TOPIC_PATTERNS } from "@/lib/topics";
import type { UpdateView } from "@/lib/updates";
import { listUpdates } from "@/server/services/updates/check-endpoint-updates";
import { updateEvents } from "@/server/services/updates/check-updates";
import type { TopicHandler } from "./topic-handler";

/**
 * Image update status of an endpoint's containers: the stored results as snapshot, then each check's changes.
 * Nothing upstream: the checks (scheduled or asked for) push their results on updateEvents.
 */
export const updatesTopic: TopicHandler = {
  kind: "updates",
  pattern: TOPIC_PATTERNS.updates,
  permission: "container:read",
  snapshot: (actor, t) => listUpdates(actor, t.endpointId!),
  acquire(t, _rt, broadcast) {
    const fn = (id: string, diff: Diff<UpdateView>) => {
      if (id === t.endpointId) broadcast("diff", { topic: t.name, diff });
    };
    updateEvents().on("diff", fn);
    return () => updateEvents().off("diff", fn);
  },
};
