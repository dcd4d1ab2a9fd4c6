import type Docker from "dockerode";
import type { ContainerSummary, EndpointHealth, NetworkSummary } from "@/lib/domain";
import type { KeyedStore } from "../keyed-store";
import type { SwarmStore } from "./swarm-store";

/**
 * What a service gets from `dockerOf(endpointId)`: the engine clients and the live stores of one Docker endpoint.
 * Services see this interface only, never the session class.
 */
export interface DockerAccess {
  readonly endpointId: string;
  readonly health: EndpointHealth;
  /** For requests: bounded by a timeout so a hung engine cannot hold a caller. */
  readonly api: Docker;
  /** Without the request timeout, for long streams (pulls, logs, stats, exec) that must not be cut after 5 s. */
  readonly streamApi: Docker;
  streams(): Docker;
  /** A client whose calls may take up to `ms` (undefined: no deadline), for calls answered only when done. */
  client(ms: number | undefined): Docker;
  readonly containers: KeyedStore<ContainerSummary>;
  readonly networks: KeyedStore<NetworkSummary>;
  /** The swarm stores and their state (`active`: a reachable manager); empty on a plain engine. */
  readonly swarm: SwarmStore;
  /** Event streams opened over the session's life, and open now (benchmarks and tests check one per engine). */
  readonly eventStreamsOpened: number;
  readonly eventStreamsOpen: number;
}
