import type { CronJobRow, DaemonSetRow, DeploymentRow, JobRow, ReplicaSetRow, StatefulSetRow } from "@/lib/kube-types";
import { arr, baseRow, type KubeObject, num, selectorString, str } from "./kube-object";

function images(podSpec: unknown): string[] {
  const spec = (podSpec ?? {}) as { containers?: unknown };
  return arr<{ image?: string }>(spec.containers).map((c) => str(c?.image));
}

const desired = (o: KubeObject) => (typeof o.spec?.replicas === "number" ? o.spec.replicas : 1);

export function mapDeployment(o: KubeObject): DeploymentRow {
  const st = o.status ?? {};
  return {
    ...baseRow(o),
    ready: `${num(st.readyReplicas)}/${desired(o)}`,
    upToDate: num(st.updatedReplicas),
    available: num(st.availableReplicas),
    replicas: desired(o),
    paused: o.spec?.paused === true,
    images: images(o.spec?.template?.spec),
    selector: selectorString(o.spec?.selector),
  };
}

export function mapReplicaSet(o: KubeObject): ReplicaSetRow {
  const st = o.status ?? {};
  return {
    ...baseRow(o),
    desired: desired(o),
    current: num(st.replicas),
    readyReplicas: num(st.readyReplicas),
    images: images(o.spec?.template?.spec),
  };
}

export function mapStatefulSet(o: KubeObject): StatefulSetRow {
  return {
    ...baseRow(o),
    ready: `${num(o.status?.readyReplicas)}/${desired(o)}`,
    replicas: desired(o),
    images: images(o.spec?.template?.spec),
  };
}

export function mapDaemonSet(o: KubeObject): DaemonSetRow {
  const st = o.status ?? {};
  return {
    ...baseRow(o),
    desired: num(st.desiredNumberScheduled),
    current: num(st.currentNumberScheduled),
    readyReplicas: num(st.numberReady),
    upToDate: num(st.updatedNumberScheduled),
    available: num(st.numberAvailable),
    nodeSelector: selectorString(o.spec?.template?.spec?.nodeSelector ?? {}),
  };
}

export function mapJob(o: KubeObject): JobRow {
  const st = o.status ?? {};
  const completions = typeof o.spec?.completions === "number" ? o.spec.completions : 1;
  const conds = arr<{ type?: string; status?: string }>(st.conditions);
  const failed = conds.some((c) => c?.type === "Failed" && c.status === "True");
  const complete = conds.some((c) => c?.type === "Complete" && c.status === "True");
  return {
    ...baseRow(o),
    completions: `${num(st.succeeded)}/${completions}`,
    startedAt: str(st.startTime) || null,
    completedAt: str(st.completionTime) || null,
    status: failed ? "Failed" : complete ? "Complete" : o.spec?.suspend ? "Suspended" : "Running",
  };
}

export function mapCronJob(o: KubeObject): CronJobRow {
  return {
    ...baseRow(o),
    schedule: str(o.spec?.schedule),
    suspend: o.spec?.suspend === true,
    active: arr(o.status?.active).length,
    lastSchedule: str(o.status?.lastScheduleTime) || null,
  };
}
