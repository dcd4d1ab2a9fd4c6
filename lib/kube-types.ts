/**
 * Row shapes of Kubernetes objects as Berth's lists show them (the columns kubectl prints). Built on the server
 * from the API server's objects by the Kubernetes driver (server/endpoints/kubernetes/map-*.ts); only types here.
 */

export const KUBE_RESOURCES = [
  "namespaces",
  "nodes",
  "pods",
  "deployments",
  "replicasets",
  "statefulsets",
  "daemonsets",
  "jobs",
  "cronjobs",
  "services",
  "ingresses",
  "configmaps",
  "secrets",
  "persistentvolumeclaims",
  "persistentvolumes",
  "events",
] as const;
export type KubeResource = (typeof KUBE_RESOURCES)[number];

/** Workloads with a scale subresource that Berth scales (lists and detail pages). */
export const SCALABLE = ["deployments", "statefulsets", "replicasets"] as const;
export const CLUSTER_SCOPED: ReadonlySet<KubeResource> = new Set(["namespaces", "nodes", "persistentvolumes"]);

export interface KubeOwner {
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
}

/** What every row has. `id` is "namespace/name" (or "name" for cluster-scoped objects). */
export interface KubeRowBase {
  id: string;
  uid: string;
  name: string;
  namespace?: string;
  /** ISO time; the AGE column is computed from it in the browser. */
  createdAt: string;
  labels: Record<string, string>;
  owners: KubeOwner[];
  /** Set while the object is being deleted (finalizers, grace period). */
  deleting: boolean;
}

export interface PodRow extends KubeRowBase {
  ready: string;
  /** kubectl's STATUS column: Running, Pending, ContainerCreating, CrashLoopBackOff, Completed, Terminating... */
  status: string;
  phase: string;
  restarts: number;
  ip: string;
  node: string;
  containers: string[];
  initContainers: string[];
  /** Summed container requests, for the node allocation figures. */
  cpuRequestMilli: number;
  memoryRequestBytes: number;
}

export interface DeploymentRow extends KubeRowBase {
  ready: string;
  upToDate: number;
  available: number;
  replicas: number;
  paused: boolean;
  images: string[];
  selector: string;
}

export interface ReplicaSetRow extends KubeRowBase {
  desired: number;
  current: number;
  readyReplicas: number;
  images: string[];
}

export interface StatefulSetRow extends KubeRowBase {
  ready: string;
  replicas: number;
  images: string[];
}

export interface DaemonSetRow extends KubeRowBase {
  desired: number;
  current: number;
  readyReplicas: number;
  upToDate: number;
  available: number;
  nodeSelector: string;
}

export interface JobRow extends KubeRowBase {
  completions: string;
  /** Seconds from start to completion (or to now while it runs: then null end). */
  startedAt: string | null;
  completedAt: string | null;
  status: string;
}

export interface CronJobRow extends KubeRowBase {
  schedule: string;
  suspend: boolean;
  active: number;
  lastSchedule: string | null;
}

export interface ServiceRow extends KubeRowBase {
  type: string;
  clusterIP: string;
  externalIP: string;
  ports: string;
  selector: Record<string, string>;
}

export interface IngressRow extends KubeRowBase {
  className: string;
  hosts: string;
  address: string;
  ports: string;
  /** Backend service names, for the topology view. */
  backends: string[];
}

export interface ConfigMapRow extends KubeRowBase {
  data: number;
}

/** Metadata only: never a value. */
export interface SecretRow extends KubeRowBase {
  type: string;
  data: number;
  keys: string[];
}

export interface PvcRow extends KubeRowBase {
  status: string;
  volume: string;
  capacity: string;
  accessModes: string;
  storageClass: string;
}

export interface PvRow extends KubeRowBase {
  capacity: string;
  accessModes: string;
  reclaimPolicy: string;
  status: string;
  claim: string;
  storageClass: string;
  reason: string;
}

export interface EventRow extends KubeRowBase {
  type: string;
  reason: string;
  /** "Kind/name" of the involved object. */
  object: string;
  objectKind: string;
  objectName: string;
  objectUid: string;
  message: string;
  count: number;
  lastSeen: string;
  source: string;
}

export interface NamespaceRow extends KubeRowBase {
  status: string;
}

export interface NodeRow extends KubeRowBase {
  /** Ready, NotReady or Unknown, plus ",SchedulingDisabled" when cordoned (kubectl's STATUS). */
  status: string;
  ready: boolean;
  unschedulable: boolean;
  roles: string;
  version: string;
  internalIP: string;
  cpuCapacityMilli: number;
  memoryCapacityBytes: number;
  cpuAllocatableMilli: number;
  memoryAllocatableBytes: number;
  podsAllocatable: number;
}

export interface KubeRowOf {
  namespaces: NamespaceRow;
  nodes: NodeRow;
  pods: PodRow;
  deployments: DeploymentRow;
  replicasets: ReplicaSetRow;
  statefulsets: StatefulSetRow;
  daemonsets: DaemonSetRow;
  jobs: JobRow;
  cronjobs: CronJobRow;
  services: ServiceRow;
  ingresses: IngressRow;
  configmaps: ConfigMapRow;
  secrets: SecretRow;
  persistentvolumeclaims: PvcRow;
  persistentvolumes: PvRow;
  events: EventRow;
}

export type KubeRow = KubeRowOf[KubeResource];

/** The state of one shared informer, sent with its snapshot so a viewer can tell "empty" from "forbidden". */
export interface KubeStoreState {
  synced: boolean;
  /** An actionable message when the last list or watch failed (403 in a namespace, unreachable...). */
  error: string | null;
}

export interface KubeCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime: string;
}

/** One object for its detail page (built by server/services/kubernetes/get-kube-object.ts). */
/** An object an object controls (or a Service selects), listed and linked on its detail page. */
export interface KubeChild {
  resource: KubeResource;
  kind: string;
  name: string;
  namespace: string;
  /** Pods: status and readiness; ReplicaSets: ready/desired; Jobs: succeeded/completions. */
  status: string;
}

export interface KubeObjectDetail {
  kind: string;
  name: string;
  namespace?: string;
  uid: string;
  /** The object as YAML without bookkeeping; a Secret's values hidden. */
  yaml: string;
  /** What "Edit YAML" starts from (with metadata.resourceVersion); absent for Secrets. */
  editYaml?: string;
  conditions: KubeCondition[];
  events: EventRow[];
  /** Controller chain upwards: ReplicaSet, then Deployment... (nearest first). */
  owners: { kind: string; name: string; resource?: string }[];
  /** Controlled objects (a Deployment's ReplicaSets and Pods, a CronJob's Jobs...), a Service's selected Pods. */
  children: KubeChild[];
  /** Workloads: desired replicas. Nodes: cordoned. Pods: container names (for logs). */
  replicas?: number;
  unschedulable?: boolean;
  containers?: string[];
  initContainers?: string[];
  /** Pods: the phase (a console needs Running). */
  phase?: string;
  /** Deployments: whether the rollout is paused. */
  paused?: boolean;
}

/** What applying one YAML document does (dry run) or did. */
export interface ApplyResult {
  kind: string;
  namespace?: string;
  name: string;
  outcome: "created" | "configured" | "unchanged";
  /** A line diff of the object before and after, as YAML. */
  diff: string;
}

/** One revision of a Deployment's rollout (a ReplicaSet it owns), as `kubectl rollout history` lists them. */
export interface KubeRevision {
  revision: number;
  replicaSet: string;
  images: string[];
  changeCause: string;
  createdAt: string;
  /** The ReplicaSet the Deployment runs now. */
  current: boolean;
}

/** A CustomResourceDefinition as Berth lists it: where its objects live and the columns kubectl prints for them. */
export interface CrdInfo {
  /** plural.group, the CRD's own name. */
  name: string;
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** additionalPrinterColumns of the version listed (priority 0: what `kubectl get` shows without -o wide). */
  columns: { name: string; type: string; jsonPath: string; description: string }[];
}

/** One custom object as a list row: the printer columns' values, in the CRD's column order. */
export interface CustomRow {
  id: string;
  name: string;
  namespace?: string;
  createdAt: string;
  cells: string[];
}
