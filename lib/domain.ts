// Shared shapes: used by server, browser and tests alike. No I/O here.
import type { ContainerCounts, EngineFacts } from "./host-summary";

export type EndpointRole = "operator" | "viewer";

/** Who is doing something. Built on the server from the database on every request, never trusted from a client. */
export interface Actor {
  id: string;
  username: string;
  isAdmin: boolean;
  /**
   * Role per endpoint id, from the grants of the actor's teams: the best role the actor has there in any scope (it
   * makes the endpoint visible). Admins need none.
   */
  grants: Readonly<Record<string, EndpointRole>>;
  /**
   * Kubernetes endpoints on which some grant of the actor names namespaces: the role that holds cluster-wide
   * (`all`, from grants without namespaces) and the role per named namespace. An endpoint absent here is decided by
   * `grants` alone (Docker endpoints always: Docker has no namespaces).
   */
  namespaced?: Readonly<Record<string, NamespacedRoles>>;
}

export interface NamespacedRoles {
  all?: EndpointRole;
  byNamespace: Readonly<Record<string, EndpointRole>>;
}

/**
 * Kinds of endpoint the UI knows. Each is served by a driver (server/endpoints/registry.ts); a stored endpoint of a
 * kind with no driver in this build lists as down, saying so. A Swarm manager is a "docker" endpoint.
 */
export const ENDPOINT_KINDS = ["docker", "kubernetes"] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];

export interface EndpointHealth {
  state: "up" | "down" | "connecting";
  /** Why the endpoint is down, in words a user can act on. */
  reason?: string;
  since: number;
  latencyMs?: number;
  version?: string;
  apiVersion?: string;
}

export interface EndpointView {
  id: string;
  name: string;
  kind: EndpointKind;
  /** Display form of the address; never carries credentials. */
  address: string;
  health: EndpointHealth;
  /** How Berth reaches it: unix socket, plain TCP, TCP + TLS or SSH. */
  transport?: "unix" | "tcp" | "tls" | "ssh";
  /** Container counts from the live store (home page cards). */
  counts?: ContainerCounts;
  /** Host facts and object counts, refreshed by the session on events. */
  facts?: EngineFacts;
  /** What the endpoint can do beyond plain Docker: "swarm" when it is a reachable swarm manager. */
  capabilities?: string[];
}

export interface PortBinding {
  ip?: string;
  privatePort: number;
  publicPort?: number;
  type: string;
}

export type ContainerState = "created" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead";

/** A container as every list view sees it, whatever the endpoint. */
export interface ContainerSummary {
  id: string;
  endpointId: string;
  name: string;
  image: string;
  state: ContainerState;
  status: string;
  ports: PortBinding[];
  created: number;
  labels: Record<string, string>;
  /** Networks the container is attached to (from the engine's list); absent when the engine did not say. */
  networks?: ContainerNetwork[];
}

/** One network attachment of a container. Aliases come only from an inspect, so lists leave them out. */
export interface ContainerNetwork {
  id: string;
  name: string;
  aliases?: string[];
}

/** Changes to a keyed collection: what a subscriber applies to its snapshot. */
export interface Diff<T> {
  upsert: T[];
  remove: string[];
}

/** A network as the topology (and any list view) sees it. */
export interface NetworkSummary {
  id: string;
  endpointId: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  labels: Record<string, string>;
}
