import type Docker from "dockerode";
import type { ContainerSummary } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import type { DockerAccess } from "./docker/docker-access";
import type { KeyedStore } from "./keyed-store";
import type { KubeAccess } from "./kubernetes/kube-access";

/**
 * Each kind's own client, by kind: what its narrowing accessor returns. A new kind adds its line here
 * (`kubernetes: KubeAccess`) and an accessor below (`kubeOf`).
 */
export interface KindAccess {
  docker: DockerAccess;
  kubernetes: KubeAccess;
}

/**
 * The Docker engine of one endpoint, for services that need Docker itself (create, pull, inspect...). Refuses an
 * unknown endpoint (404) and an endpoint of another kind (409, naming both) with a UserError. Authorize first.
 */
export function dockerOf(endpointId: string): DockerAccess {
  return runtime().endpoints.access(endpointId, "docker");
}

/** The cluster of one Kubernetes endpoint (409 for another kind, 404 for none). Authorize first. */
export function kubeOf(endpointId: string): KubeAccess {
  return runtime().endpoints.access(endpointId, "kubernetes");
}

/**
 * The endpoint's live containers, whatever its kind, or undefined when the endpoint is unknown or keeps none. For
 * kind-neutral readers (lists, search, status pages, topology).
 */
export function containersOf(endpointId: string): KeyedStore<ContainerSummary> | undefined {
  return runtime().endpoints.session(endpointId)?.store<ContainerSummary>("containers");
}

/**
 * A Docker endpoint's engine client whose calls may take up to `budgetMs` (default: a read's 5 s), for use cases
 * that only need the client. Refuses an unknown endpoint or another kind like dockerOf.
 */
export function dockerApi(endpointId: string, budgetMs?: number): Docker {
  const docker = dockerOf(endpointId);
  return budgetMs === undefined ? docker.api : docker.client(budgetMs);
}
