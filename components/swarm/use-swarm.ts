"use client";

import { useTopic } from "@/components/realtime/use-topic";
import type { SwarmItems, SwarmResource } from "@/lib/swarm";
import { swarmTopic } from "@/lib/topics";

/** One live swarm store of an endpoint (snapshot, then diffs pushed by the server). */
export function useSwarm<R extends SwarmResource>(endpointId: string, resource: R, initial: SwarmItems[R][] = []) {
  return useTopic<SwarmItems[R]>(swarmTopic(endpointId, resource), initial);
}
