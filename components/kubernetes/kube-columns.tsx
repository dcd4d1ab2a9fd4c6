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

export interface Column<R> {
  header: string;
  cell: (r: R) => ReactNode;
}

type Cols<R> = Column<R>[];
const AGE = { header: "Age", cell: (r: KubeRow) => age(r.createdAt) };

/** The columns `kubectl get <resource>` prints (the NAME and NAMESPACE columns are added by the list). */
export const KUBE_COLUMNS: { [R in KubeResource]: Cols<never> } = {
  pods: [
    { header: "Ready", cell: (r: PodRow) => r.ready },
    { header: "Status", cell: (r: PodRow) => r.status },
    { header: "Restarts", cell: (r: PodRow) => r.restarts },
    AGE,
    { header: "IP", cell: (r: PodRow) => r.ip || "<none>" },
    { header: "Node", cell: (r: PodRow) => r.node || "<none>" },
  ] as Cols<never>,
  deployments: [
    { header: "Ready", cell: (r: DeploymentRow) => r.ready },
    { header: "Up-to-date", cell: (r: DeploymentRow) => r.upToDate },
    { header: "Available", cell: (r: DeploymentRow) => r.available },
    AGE,
  ] as Cols<never>,
  replicasets: [
    { header: "Desired", cell: (r: ReplicaSetRow) => r.desired },
    { header: "Current", cell: (r: ReplicaSetRow) => r.current },
    { header: "Ready", cell: (r: ReplicaSetRow) => r.readyReplicas },
    AGE,
  ] as Cols<never>,
  statefulsets: [{ header: "Ready", cell: (r: StatefulSetRow) => r.ready }, AGE] as Cols<never>,
  daemonsets: [
    { header: "Desired", cell: (r: DaemonSetRow) => r.desired },
    { header: "Current", cell: (r: DaemonSetRow) => r.current },
    { header: "Ready", cell: (r: DaemonSetRow) => r.readyReplicas },
    { header: "Up-to-date", cell: (r: DaemonSetRow) => r.upToDate },
    { header: "Available", cell: (r: DaemonSetRow) => r.available },
    { header: "Node selector", cell: (r: DaemonSetRow) => r.nodeSelector || "<none>" },
    AGE,
  ] as Cols<never>,
  jobs: [
    { header: "Completions", cell: (r: JobRow) => r.completions },
    {
      header: "Duration",
      cell: (r: JobRow) =>
        r.startedAt ? age(r.startedAt, r.completedAt ? Date.parse(r.completedAt) : Date.now()) : "",
    },
    { header: "Status", cell: (r: JobRow) => r.status },
    AGE,
  ] as Cols<never>,
  cronjobs: [
    { header: "Schedule", cell: (r: CronJobRow) => r.schedule },
    { header: "Suspend", cell: (r: CronJobRow) => (r.suspend ? "True" : "False") },
    { header: "Active", cell: (r: CronJobRow) => r.active },
    { header: "Last schedule", cell: (r: CronJobRow) => (r.lastSchedule ? age(r.lastSchedule) : "<none>") },
    AGE,
  ] as Cols<never>,
  services: [
    { header: "Type", cell: (r: ServiceRow) => r.type },
    { header: "Cluster IP", cell: (r: ServiceRow) => r.clusterIP },
    { header: "External IP", cell: (r: ServiceRow) => r.externalIP },
    { header: "Port(s)", cell: (r: ServiceRow) => r.ports },
    AGE,
  ] as Cols<never>,
  ingresses: [
    { header: "Class", cell: (r: IngressRow) => r.className },
    { header: "Hosts", cell: (r: IngressRow) => r.hosts },
    { header: "Address", cell: (r: IngressRow) => r.address },
    { header: "Ports", cell: (r: IngressRow) => r.ports },
    AGE,
  ] as Cols<never>,
  configmaps: [{ header: "Data", cell: (r: ConfigMapRow) => r.data }, AGE] as Cols<never>,
  secrets: [
    { header: "Type", cell: (r: SecretRow) => r.type },
    { header: "Data", cell: (r: SecretRow) => r.data },
    AGE,
  ] as Cols<never>,
  persistentvolumeclaims: [
    { header: "Status", cell: (r: PvcRow) => r.status },
    { header: "Volume", cell: (r: PvcRow) => r.volume },
    { header: "Capacity", cell: (r: PvcRow) => r.capacity },
    { header: "Access modes", cell: (r: PvcRow) => r.accessModes },
    { header: "Storage class", cell: (r: PvcRow) => r.storageClass },
    AGE,
  ] as Cols<never>,
  persistentvolumes: [
    { header: "Capacity", cell: (r: PvRow) => r.capacity },
    { header: "Access modes", cell: (r: PvRow) => r.accessModes },
    { header: "Reclaim policy", cell: (r: PvRow) => r.reclaimPolicy },
    { header: "Status", cell: (r: PvRow) => r.status },
    { header: "Claim", cell: (r: PvRow) => r.claim },
    { header: "Storage class", cell: (r: PvRow) => r.storageClass },
    { header: "Reason", cell: (r: PvRow) => r.reason },
    AGE,
  ] as Cols<never>,
  events: [
    { header: "Last seen", cell: (r: EventRow) => age(r.lastSeen) },
    { header: "Type", cell: (r: EventRow) => r.type },
    { header: "Reason", cell: (r: EventRow) => r.reason },
    { header: "Object", cell: (r: EventRow) => r.object },
    { header: "Message", cell: (r: EventRow) => r.message },
  ] as Cols<never>,
  namespaces: [{ header: "Status", cell: (r: NamespaceRow) => r.status }, AGE] as Cols<never>,
  nodes: [
    { header: "Status", cell: (r: NodeRow) => r.status },
    { header: "Roles", cell: (r: NodeRow) => r.roles },
    AGE,
    { header: "Version", cell: (r: NodeRow) => r.version },
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
