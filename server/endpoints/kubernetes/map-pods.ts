import type { PodRow } from "@/lib/kube-types";
import { arr, baseRow, bytesOf, cpuMilli, type KubeObject, num, str } from "./kube-object";

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number };
}
interface ContainerStatus {
  name?: string;
  ready?: boolean;
  restartCount?: number;
  state?: ContainerState;
}

function terminatedText(t: NonNullable<ContainerState["terminated"]>): string {
  if (t.reason) return t.reason;
  if (t.signal) return `Signal:${t.signal}`;
  return `ExitCode:${num(t.exitCode)}`;
}

/**
 * The STATUS column as kubectl computes it: the phase, refined by the first init container still in the way, else by
 * the last app container with a reason (waiting or terminated); "Terminating" while a deletion is pending.
 */
export function podStatus(o: KubeObject): { status: string; restarts: number; readyCount: number } {
  const st = o.status ?? {};
  let status = str(st.reason) || str(st.phase) || "Unknown";
  let restarts = 0;
  let readyCount = 0;
  const inits = arr<ContainerStatus>(st.initContainerStatuses);
  const initTotal = arr(o.spec?.initContainers).length;
  let initializing = false;
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i] ?? {};
    restarts += num(c.restartCount);
    const t = c.state?.terminated;
    const w = c.state?.waiting;
    if (t && num(t.exitCode) === 0 && !t.signal) continue;
    initializing = true;
    if (t) status = `Init:${terminatedText(t)}`;
    else if (w?.reason && w.reason !== "PodInitializing") status = `Init:${w.reason}`;
    else status = `Init:${i}/${initTotal}`;
    break;
  }
  if (!initializing) {
    restarts = 0;
    let running = false;
    const cs = arr<ContainerStatus>(st.containerStatuses);
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i] ?? {};
      restarts += num(c.restartCount);
      const t = c.state?.terminated;
      const w = c.state?.waiting;
      if (w?.reason) status = w.reason;
      else if (t) status = terminatedText(t);
      else if (c.ready && c.state?.running) {
        running = true;
        readyCount++;
      }
    }
    // A pod whose finished container left a "Completed" behind while others still run is running.
    if (status === "Completed" && running) {
      const readyCond = arr<{ type?: string; status?: string }>(st.conditions).find((c) => c?.type === "Ready");
      status = readyCond?.status === "True" ? "Running" : "NotReady";
    }
  }
  if (o.metadata?.deletionTimestamp) status = str(st.reason) === "NodeLost" ? "Unknown" : "Terminating";
  return { status, restarts, readyCount };
}

function sumRequests(containers: unknown): { cpu: number; mem: number } {
  let cpu = 0;
  let mem = 0;
  for (const c of arr<{ resources?: { requests?: Record<string, string> } }>(containers)) {
    cpu += cpuMilli(c?.resources?.requests?.cpu);
    mem += bytesOf(c?.resources?.requests?.memory);
  }
  return { cpu, mem };
}

export function mapPod(o: KubeObject): PodRow {
  const spec = o.spec ?? {};
  const containers = arr<{ name?: string }>(spec.containers).map((c) => str(c?.name));
  const { status, restarts, readyCount } = podStatus(o);
  const req = sumRequests(spec.containers);
  return {
    ...baseRow(o),
    ready: `${readyCount}/${containers.length}`,
    status,
    phase: str(o.status?.phase),
    restarts,
    ip: str(o.status?.podIP),
    node: str(spec.nodeName),
    containers,
    initContainers: arr<{ name?: string }>(spec.initContainers).map((c) => str(c?.name)),
    cpuRequestMilli: req.cpu,
    memoryRequestBytes: req.mem,
  };
}
