import type { Diff } from "@/lib/domain";
import type { EngineEvent } from "@/lib/events";
import { can } from "@/lib/policy";
import type { PullJob } from "@/lib/pull-progress";
import type { DeployJob } from "@/lib/stack-deploy";
import { TOPIC_PATTERNS } from "@/lib/topics";
import { pullJobs } from "@/server/hub/pull-jobs";
import { listEvents, listEventsAcross } from "@/server/services/events/list-events";
import { listPulls } from "@/server/services/images/pull-image";
import { deployJobs } from "@/server/services/stacks/deploy-jobs";
import { listDeploys } from "@/server/services/stacks/list-deploys";
import type { TopicHandler } from "./topic-handler";

// Live topics for the events feed and image pulls. Each reads from the endpoint session's ONE events stream (or the
// pull jobs store); no topic opens anything upstream of its own.

/** Events of one endpoint: the ring buffer as snapshot, then each new event as a one-item diff. */
export const eventsTopic: TopicHandler = {
  kind: "events",
  pattern: TOPIC_PATTERNS.events,
  permission: "event:read",
  snapshot: (actor, t) => listEvents(actor, t.endpointId!),
  acquire(t, rt, broadcast) {
    const fn = (id: string, e: EngineEvent) => {
      if (id === t.endpointId) broadcast("diff", { topic: t.name, diff: { upsert: [e], remove: [] } });
    };
    rt.endpoints.on("engineEvent", fn);
    return () => rt.endpoints.off("engineEvent", fn);
  },
};

/** Events of every endpoint the viewer may read: one room per endpoint, like endpoint health. */
export const allEventsTopic: TopicHandler = {
  kind: "allEvents",
  pattern: TOPIC_PATTERNS.allEvents,
  permission: "authenticated",
  snapshot: (actor) => listEventsAcross(actor),
  rooms: (actor, _t, rt) =>
    rt.endpoints
      .views()
      .filter((e) => can(actor, "event:read", { endpointId: e.id }))
      .map((e) => `events:${e.id}`),
  acquire(t, rt, broadcast) {
    const fn = (id: string, e: EngineEvent) =>
      broadcast("diff", { topic: t.name, diff: { upsert: [e], remove: [] } }, `events:${id}`);
    rt.endpoints.on("engineEvent", fn);
    return () => rt.endpoints.off("engineEvent", fn);
  },
};

/** Image pulls of one endpoint with their progress. */
export const pullsTopic: TopicHandler = {
  kind: "pulls",
  pattern: TOPIC_PATTERNS.pulls,
  permission: "image:read",
  snapshot: (actor, t) => listPulls(actor, t.endpointId!),
  acquire(t, _rt, broadcast) {
    const fn = (id: string, diff: Diff<PullJob>) => {
      if (id === t.endpointId) broadcast("diff", { topic: t.name, diff });
    };
    pullJobs().on("diff", fn);
    return () => pullJobs().off("diff", fn);
  },
};

/** Compose deploys of one endpoint, step by step, with their pulls. */
export const deploysTopic: TopicHandler = {
  kind: "deploys",
  pattern: TOPIC_PATTERNS.deploys,
  permission: "container:read",
  snapshot: (actor, t) => listDeploys(actor, t.endpointId!),
  acquire(t, _rt, broadcast) {
    const fn = (id: string, diff: Diff<DeployJob>) => {
      if (id === t.endpointId) broadcast("diff", { topic: t.name, diff });
    };
    deployJobs().on("diff", fn);
    return () => deployJobs().off("diff", fn);
  },
};
