import type { Actor } from "@/lib/domain";
import type { Action } from "@/lib/policy";
import type { Topic } from "@/lib/topics";
import type { Runtime } from "@/server/runtime";

/** Sends an event to every subscriber of one topic (or to the topic's extra rooms; a socket in several gets it once). */
export type Broadcast = (event: string, payload: unknown, room?: string | string[]) => void;

/** Stops what `acquire` started. */
export type Release = () => void;

/**
 * How one kind of live topic works. The gateway matches `pattern`, authorizes with `permission` (on the topic's
 * endpoint and namespace), sends `snapshot` to each new subscriber, and calls `acquire` when the first subscriber
 * arrives and the Release it returned when the last one leaves: one upstream per topic however many viewers, and no
 * handler keeps its own map of listeners.
 */
export interface TopicHandler {
  kind: string;
  /** Named groups become fields of the parsed topic (endpointId, namespace, containerId...). */
  pattern: RegExp;
  /**
   * Checked on the topic's endpoint; "authenticated" for topics that filter per actor themselves; a function for
   * topics whose permission depends on the name (the store topic: per store). Undefined from it means refused.
   */
  permission: Action | "authenticated" | ((topic: Topic) => Action | undefined);
  snapshot(actor: Actor, topic: Topic, rt: Runtime): unknown | Promise<unknown>;
  /** Rooms a subscriber joins; defaults to the topic name. */
  rooms?(actor: Actor, topic: Topic, rt: Runtime): string[];
  acquire?(topic: Topic, rt: Runtime, broadcast: Broadcast): Release | undefined;
}

/** The permission a topic needs, resolved for this name. */
export function topicPermission(handler: TopicHandler, topic: Topic): Action | "authenticated" | undefined {
  return typeof handler.permission === "function" ? handler.permission(topic) : handler.permission;
}
