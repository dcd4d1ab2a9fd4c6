import type { Actor } from "@/lib/domain";
import { NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { type EngineEvent, type EventFilter, eventMatches } from "@/lib/events";
import { can } from "@/lib/policy";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";

/** Recent events of one endpoint (its ring buffer), newest last, filtered. */
export function listEvents(
  actor: Actor | null,
  endpointId: string,
  filter: EventFilter = {},
  limit = 500,
): EngineEvent[] {
  authorize(actor, "event:read", { endpointId });
  const session = runtime().endpoints.session(endpointId);
  if (!session) throw new NotFoundError("Endpoint not found");
  return session.recentEvents
    .toArray()
    .filter((e) => eventMatches(e, filter))
    .slice(-limit);
}

/** Recent events of every endpoint the actor may read, merged by time, newest last. */
export function listEventsAcross(actor: Actor | null, filter: EventFilter = {}, limit = 500): EngineEvent[] {
  if (!actor) throw new UnauthenticatedError();
  const rt = runtime();
  const all: EngineEvent[] = [];
  for (const e of rt.endpoints.views()) {
    if (!can(actor, "event:read", { endpointId: e.id })) continue;
    const s = rt.endpoints.session(e.id);
    if (s) all.push(...s.recentEvents.toArray().filter((ev) => eventMatches(ev, filter)));
  }
  return all.sort((a, b) => a.time - b.time).slice(-limit);
}
