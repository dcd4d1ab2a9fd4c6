import type { Diff, EndpointHealth } from "@/lib/domain";
import type { EngineEvent } from "@/lib/events";
import type { EngineFacts } from "@/lib/host-summary";
import type { Capability, EndpointSession } from "./session";

// What one replica's session sends the others when it owns an endpoint (server/cluster/endpoint-replication.ts),
// and how a mirror applies it. A mirror is the same session class, never started: its stores, health, facts and
// events feed are filled from these messages, so every topic, page and service reads it exactly as it would read
// the owner's, and a mirror that takes the endpoint over starts from what it already shows.

export type SessionMessage =
  | { t: "store"; store: string; diff: Diff<unknown> }
  | { t: "health"; health: EndpointHealth }
  | { t: "facts"; facts: EngineFacts }
  | { t: "event"; event: EngineEvent }
  | { t: "caps"; caps: Capability[] }
  | { t: "full"; state: SessionState };

/** Everything a mirror needs to show the endpoint as its owner does. */
export interface SessionState {
  health: EndpointHealth;
  facts?: EngineFacts;
  caps: Capability[];
  stores: Record<string, unknown[]>;
  events: EngineEvent[];
}

export function exportSessionState(session: EndpointSession): SessionState {
  const stores: Record<string, unknown[]> = {};
  for (const name of session.storeNames()) stores[name] = session.store(name)!.snapshot();
  return {
    health: session.health,
    facts: session.facts,
    caps: [...session.capabilities],
    stores,
    events: session.recentEvents.toArray(),
  };
}

/** Applies one message of the owner to a mirror. Diffs change only what differs, so a repeat is silent. */
export function applySessionMessage(session: EndpointSession, msg: SessionMessage): void {
  switch (msg.t) {
    case "store":
      session.store(msg.store)?.apply(msg.diff);
      return;
    case "health":
      session.mirrorHealth(msg.health);
      return;
    case "facts":
      session.mirrorFacts(msg.facts);
      return;
    case "event":
      session.mirrorEvent(msg.event);
      return;
    case "caps":
      session.mirrorCapabilities(msg.caps);
      return;
    case "full": {
      const { state } = msg;
      session.mirrorCapabilities(state.caps);
      for (const name of session.storeNames()) session.store(name)!.replaceAll(state.stores[name] ?? []);
      session.mirrorFacts(state.facts);
      // Events the mirror has not seen yet (a full state also follows a gap in the messages, or a fresh start).
      const seen = new Set(session.recentEvents.toArray().map((e) => e.id));
      session.mirrorMissedEvents(state.events.filter((e) => !seen.has(e.id)));
      session.mirrorHealth(state.health);
      return;
    }
  }
}
