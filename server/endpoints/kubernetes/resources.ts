import { CLUSTER_SCOPED, type KubeResource, type KubeRowOf } from "@/lib/kube-types";
import type { KubeObject } from "./kube-object";
import {
  mapConfigMap,
  mapEvent,
  mapIngress,
  mapNamespace,
  mapNode,
  mapPv,
  mapPvc,
  mapSecret,
  mapService,
} from "./map-cluster";
import { mapPod } from "./map-pods";
import { mapCronJob, mapDaemonSet, mapDeployment, mapJob, mapReplicaSet, mapStatefulSet } from "./map-workloads";

/**
 * What Berth knows of each resource: where it lives in the API (group, the versions it can read, newest first:
 * the session picks the first one the cluster serves, e.g. CronJobs are batch/v1beta1 on 1.20) and how a row is made.
 * Adding a resource is one entry here plus its row type.
 */
export interface ResourceDef<R extends KubeResource = KubeResource> {
  resource: R;
  kind: string;
  group: string;
  versions: string[];
  namespaced: boolean;
  map(o: KubeObject): KubeRowOf[R];
}

type Defs = { [R in KubeResource]: ResourceDef<R> };

const def = <R extends KubeResource>(
  resource: R,
  kind: string,
  group: string,
  versions: string[],
  map: (o: KubeObject) => KubeRowOf[R],
): ResourceDef<R> => ({ resource, kind, group, versions, namespaced: !CLUSTER_SCOPED.has(resource), map });

export const RESOURCE_DEFS: Defs = {
  namespaces: def("namespaces", "Namespace", "", ["v1"], mapNamespace),
  nodes: def("nodes", "Node", "", ["v1"], mapNode),
  pods: def("pods", "Pod", "", ["v1"], mapPod),
  deployments: def("deployments", "Deployment", "apps", ["v1"], mapDeployment),
  replicasets: def("replicasets", "ReplicaSet", "apps", ["v1"], mapReplicaSet),
  statefulsets: def("statefulsets", "StatefulSet", "apps", ["v1"], mapStatefulSet),
  daemonsets: def("daemonsets", "DaemonSet", "apps", ["v1"], mapDaemonSet),
  jobs: def("jobs", "Job", "batch", ["v1"], mapJob),
  cronjobs: def("cronjobs", "CronJob", "batch", ["v1", "v1beta1"], mapCronJob),
  services: def("services", "Service", "", ["v1"], mapService),
  ingresses: def("ingresses", "Ingress", "networking.k8s.io", ["v1", "v1beta1"], mapIngress),
  configmaps: def("configmaps", "ConfigMap", "", ["v1"], mapConfigMap),
  secrets: def("secrets", "Secret", "", ["v1"], mapSecret),
  persistentvolumeclaims: def("persistentvolumeclaims", "PersistentVolumeClaim", "", ["v1"], mapPvc),
  persistentvolumes: def("persistentvolumes", "PersistentVolume", "", ["v1"], mapPv),
  events: def("events", "Event", "", ["v1"], mapEvent),
};

/** The resource whose objects have this kind (for owner links and YAML apply). */
export function defOfKind(kind: string): ResourceDef | undefined {
  return Object.values(RESOURCE_DEFS).find((d) => d.kind === kind);
}

/** "/api/v1" or "/apis/apps/v1". */
export function groupVersionPath(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

/** The collection path: cluster-wide (namespace undefined) or in one namespace; plus a name for one object. */
export function resourcePath(d: ResourceDef, version: string, namespace?: string, name?: string): string {
  const gv = groupVersionPath(d.group, version);
  const ns = d.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `${gv}${ns}/${d.resource}${name ? `/${encodeURIComponent(name)}` : ""}`;
}
