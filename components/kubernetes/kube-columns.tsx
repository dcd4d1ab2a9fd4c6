import type { ReactNode } from "react";
import type {
  ConfigMapRow,
  CronJobRow,
  DaemonSetRow,
  DeploymentRow,
  EventRow,
  IngressRow,
  JobRow,
  KubeResource,
  KubeRow,
  NamespaceRow,
  NodeRow,
  PodRow,
  PvcRow,
  PvRow,
  ReplicaSetRow,
  SecretRow,
  ServiceRow,
  StatefulSetRow,
} from "@/lib/kube-types";

/** kubectl's AGE: the largest unit or two ("3d4h", "5m", "12s"). */
export function age(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "<unknown>";
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(s)) return "<unknown>";
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ""}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h${h < 8 && m % 60 ? `${m % 60}m` : ""}`;
  const d = Math.floor(h / 24);
  return d < 8 && h % 24 ? `${d}d${h % 24}h` : `${d}d`;
}

/** One kubectl column: `value` is what it sorts by (and what the list's text search matches), `show` what it prints. */
export interface Column<R> {
  id: string;
  header: string;
  value: (r: R) => string | number;
  show?: (r: R) => ReactNode;
}

type Cols<R> = Column<R>[];

function col<R>(id: string, header: string, value: (r: R) => string | number, show?: (r: R) => ReactNode): Column<R> {
  return { id, header, value, show };
}

/** AGE prints "3d4h" and sorts youngest first (a larger creation time is a smaller age). */
const AGE = col(
  "age",
  "Age",
  (r: KubeRow) => -(Date.parse(r.createdAt) || 0),
  (r: KubeRow) => age(r.createdAt),
);

/** The columns `kubectl get <resource>` prints (the NAME and NAMESPACE columns are added by the list). */
export const KUBE_COLUMNS: { [R in KubeResource]: Cols<never> } = {
  pods: [
    col("ready", "Ready", (r: PodRow) => r.ready),
    col("status", "Status", (r: PodRow) => r.status),
    col("restarts", "Restarts", (r: PodRow) => r.restarts),
    AGE,
    col("ip", "IP", (r: PodRow) => r.ip || "<none>"),
    col("node", "Node", (r: PodRow) => r.node || "<none>"),
  ] as Cols<never>,
  deployments: [
    col("ready", "Ready", (r: DeploymentRow) => r.ready),
    col("up-to-date", "Up-to-date", (r: DeploymentRow) => r.upToDate),
    col("available", "Available", (r: DeploymentRow) => r.available),
    AGE,
  ] as Cols<never>,
  replicasets: [
    col("desired", "Desired", (r: ReplicaSetRow) => r.desired),
    col("current", "Current", (r: ReplicaSetRow) => r.current),
    col("ready", "Ready", (r: ReplicaSetRow) => r.readyReplicas),
    AGE,
  ] as Cols<never>,
  statefulsets: [col("ready", "Ready", (r: StatefulSetRow) => r.ready), AGE] as Cols<never>,
  daemonsets: [
    col("desired", "Desired", (r: DaemonSetRow) => r.desired),
    col("current", "Current", (r: DaemonSetRow) => r.current),
    col("ready", "Ready", (r: DaemonSetRow) => r.readyReplicas),
    col("up-to-date", "Up-to-date", (r: DaemonSetRow) => r.upToDate),
    col("available", "Available", (r: DaemonSetRow) => r.available),
    col("node-selector", "Node selector", (r: DaemonSetRow) => r.nodeSelector || "<none>"),
    AGE,
  ] as Cols<never>,
  jobs: [
    col("completions", "Completions", (r: JobRow) => r.completions),
    col(
      "duration",
      "Duration",
      (r: JobRow) => (r.startedAt ? (Date.parse(r.completedAt ?? "") || Date.now()) - Date.parse(r.startedAt) : 0),
      (r: JobRow) => (r.startedAt ? age(r.startedAt, r.completedAt ? Date.parse(r.completedAt) : Date.now()) : ""),
    ),
    col("status", "Status", (r: JobRow) => r.status),
    AGE,
  ] as Cols<never>,
  cronjobs: [
    col("schedule", "Schedule", (r: CronJobRow) => r.schedule),
    col("suspend", "Suspend", (r: CronJobRow) => (r.suspend ? "True" : "False")),
    col("active", "Active", (r: CronJobRow) => r.active),
    col(
      "last-schedule",
      "Last schedule",
      (r: CronJobRow) => -(Date.parse(r.lastSchedule ?? "") || 0),
      (r: CronJobRow) => (r.lastSchedule ? age(r.lastSchedule) : "<none>"),
    ),
    AGE,
  ] as Cols<never>,
  services: [
    col("type", "Type", (r: ServiceRow) => r.type),
    col("cluster-ip", "Cluster IP", (r: ServiceRow) => r.clusterIP),
    col("external-ip", "External IP", (r: ServiceRow) => r.externalIP),
    col("port-s", "Port(s)", (r: ServiceRow) => r.ports),
    AGE,
  ] as Cols<never>,
  ingresses: [
    col("class", "Class", (r: IngressRow) => r.className),
    col("hosts", "Hosts", (r: IngressRow) => r.hosts),
    col("address", "Address", (r: IngressRow) => r.address),
    col("ports", "Ports", (r: IngressRow) => r.ports),
    AGE,
  ] as Cols<never>,
  configmaps: [col("data", "Data", (r: ConfigMapRow) => r.data), AGE] as Cols<never>,
  secrets: [
    col("type", "Type", (r: SecretRow) => r.type),
    col("data", "Data", (r: SecretRow) => r.data),
    AGE,
  ] as Cols<never>,
  persistentvolumeclaims: [
    col("status", "Status", (r: PvcRow) => r.status),
    col("volume", "Volume", (r: PvcRow) => r.volume),
    col("capacity", "Capacity", (r: PvcRow) => r.capacity),
    col("access-modes", "Access modes", (r: PvcRow) => r.accessModes),
    col("storage-class", "Storage class", (r: PvcRow) => r.storageClass),
    AGE,
  ] as Cols<never>,
  persistentvolumes: [
    col("capacity", "Capacity", (r: PvRow) => r.capacity),
    col("access-modes", "Access modes", (r: PvRow) => r.accessModes),
    col("reclaim-policy", "Reclaim policy", (r: PvRow) => r.reclaimPolicy),
    col("status", "Status", (r: PvRow) => r.status),
    col("claim", "Claim", (r: PvRow) => r.claim),
    col("storage-class", "Storage class", (r: PvRow) => r.storageClass),
    col("reason", "Reason", (r: PvRow) => r.reason),
    AGE,
  ] as Cols<never>,
  events: [
    col(
      "last-seen",
      "Last seen",
      (r: EventRow) => -(Date.parse(r.lastSeen) || 0),
      (r: EventRow) => age(r.lastSeen),
    ),
    col("type", "Type", (r: EventRow) => r.type),
    col("reason", "Reason", (r: EventRow) => r.reason),
    col("object", "Object", (r: EventRow) => r.object),
    col("message", "Message", (r: EventRow) => r.message),
  ] as Cols<never>,
  namespaces: [col("status", "Status", (r: NamespaceRow) => r.status), AGE] as Cols<never>,
  nodes: [
    col("status", "Status", (r: NodeRow) => r.status),
    col("roles", "Roles", (r: NodeRow) => r.roles),
    AGE,
    col("version", "Version", (r: NodeRow) => r.version),
  ] as Cols<never>,
};

export const KUBE_TITLES: Record<KubeResource, string> = {
  namespaces: "Namespaces",
  nodes: "Nodes",
  pods: "Pods",
  deployments: "Deployments",
  replicasets: "ReplicaSets",
  statefulsets: "StatefulSets",
  daemonsets: "DaemonSets",
  jobs: "Jobs",
  cronjobs: "CronJobs",
  services: "Services",
  ingresses: "Ingresses",
  configmaps: "ConfigMaps",
  secrets: "Secrets",
  persistentvolumeclaims: "PersistentVolumeClaims",
  persistentvolumes: "PersistentVolumes",
  events: "Events",
};

/** Label selector filter: "app=web,tier!=db,env" (equality, inequality, existence), as kubectl -l reads it. */
export function matchesSelector(labels: Record<string, string>, selector: string): boolean {
  for (const part of selector
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const ne = part.split("!=");
    if (ne.length === 2) {
      if (labels[ne[0]!.trim()] === ne[1]!.trim()) return false;
      continue;
    }
    const eq = part.split(/==?/);
    if (eq.length === 2) {
      if (labels[eq[0]!.trim()] !== eq[1]!.trim()) return false;
      continue;
    }
    if (part.startsWith("!")) {
      if (part.slice(1) in labels) return false;
    } else if (!(part in labels)) return false;
  }
  return true;
}
