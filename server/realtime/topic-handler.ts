import type { Actor } from "@/lib/domain";
import type { Action } from "@/lib/policy";
import type { Topic, TopicKind } from "@/lib/topics";
import type { Runtime } from "@/server/runtime";

/** Sends an event to every subscriber of one topic (or to the topic's extra rooms; a socket in several gets it once). */
export type Broadcast = (event: string, payload: unknown, room?: string | string[]) => void;

/**
 * How one kind of live topic works. The gateway authorizes with `permission` (on the topic's endpoint), sends
 * `snapshot` to each new subscriber, and calls `acquire` when the first subscriber arrives and `release` when the last
 * one leaves, so there is one upstream per topic however many viewers.
 */
export interface TopicHandler {
  kind: TopicKind;
  /** Checked on the topic's endpoint; "authenticated" for topics that filter per actor themselves. */
  permission: Action | "authenticated";
  snapshot(actor: Actor, topic: Topic, rt: Runtime): unknown | Promise<unknown>;
  /** Rooms a subscriber joins; defaults to the topic name. */
  rooms?(actor: Actor, topic: Topic, rt: Runtime): string[];
  acquire?(topic: Topic, rt: Runtime, broadcast: Broadcast): void;
  release?(topic: Topic, rt: Runtime): void;
}
