import { redactLabels } from "@/lib/redaction";
import {
  type ServicePort,
  STACK_NAMESPACE_LABEL,
  type SwarmNode,
  type SwarmObject,
  type SwarmService,
  type SwarmTask,
} from "@/lib/swarm";

// Engine JSON (GET /nodes, /services, /tasks, /secrets, /configs) to Berth's swarm shapes. Only what the views need;
// a secret's Data is never read here (the engine does not return it either). These shapes are shared summaries (one
// store fanned out to every reader of the endpoint), so they carry the viewer-safe form (lib/redaction.ts): values of
// secret-looking labels are redacted; environment, command lines and mounts are not in them at all.

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const labels = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v))) if (typeof val === "string") out[k] = val;
  return redactLabels(out);
};

/** JSON with keys sorted, so two equal specs print the same whatever order the engine wrote them in. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Json)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

/**
 * The parts of a task template that a task carries as the engine made it, and whose change replaces tasks. Not the
 * restart policy or runtime (a task's spec, as dockerd 20.10 answers, has neither), nor placement (tasks whose
 * node still qualifies are kept).
 */
const TASK_PARTS = ["ContainerSpec", "PluginSpec", "Resources", "Networks", "LogDriver", "ForceUpdate"];

/**
 * A short fingerprint of a task template (FNV-1a). A task was made from its service's current spec when its own
 * spec has the service template's fingerprint: that is how a rolling update's progress is counted, task by task
 * (the API names no spec version on a task).
 */
export function templateFingerprint(template: unknown): string {
  let h = 0x811c9dc5;
  const t = obj(template);
  const text = stable(Object.fromEntries(TASK_PARTS.map((k) => [k, t[k] ?? null])));
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

export function toSwarmNode(raw: unknown): SwarmNode {
  const n = obj(raw);
  const spec = obj(n.Spec);
  const desc = obj(n.Description);
  const status = obj(n.Status);
  const manager = obj(n.ManagerStatus);
  const res = obj(desc.Resources);
  const role = str(spec.Role) === "manager" ? "manager" : "worker";
  const availability = str(spec.Availability);
  return {
    id: str(n.ID),
    hostname: str(desc.Hostname),
    role,
    availability: availability === "drain" || availability === "pause" ? availability : "active",
    state: str(status.State) || "unknown",
    addr: str(status.Addr),
    leader: manager.Leader === true,
    ...(n.ManagerStatus ? { reachability: str(manager.Reachability) } : {}),
    engineVersion: str(obj(desc.Engine).EngineVersion),
    labels: labels(spec.Labels),
    nanoCpus: num(res.NanoCPUs),
    memoryBytes: num(res.MemoryBytes),
    version: num(obj(n.Version).Index),
  };
}

function toPort(raw: unknown): ServicePort {
  const p = obj(raw);
  return {
    ...(typeof p.PublishedPort === "number" ? { published: p.PublishedPort } : {}),
    target: num(p.TargetPort),
    protocol: str(p.Protocol) || "tcp",
    mode: str(p.PublishMode) === "host" ? "host" : "ingress",
  };
}

/** The image without the digest the engine pins on create (`busybox:latest@sha256:…` shows as `busybox:latest`). */
export function displayImage(image: string): string {
  const at = image.indexOf("@sha256:");
  return at > 0 ? image.slice(0, at) : image;
}

export function toSwarmService(raw: unknown, counts: { running: number; wanted: number }): SwarmService {
  const s = obj(raw);
  const spec = obj(s.Spec);
  const mode = obj(spec.Mode);
  const replicated = mode.Replicated !== undefined || mode.Global === undefined;
  const replicas = replicated ? num(obj(mode.Replicated).Replicas) : undefined;
  const task = obj(spec.TaskTemplate);
  const container = obj(task.ContainerSpec);
  const endpoint = obj(s.Endpoint);
  const endpointSpec = obj(spec.EndpointSpec);
  const ports = Array.isArray(endpointSpec.Ports) ? endpointSpec.Ports : [];
  const us = s.UpdateStatus ? obj(s.UpdateStatus) : null;
  const specLabels = labels(spec.Labels);
  const nets = Array.isArray(task.Networks) ? task.Networks : Array.isArray(spec.Networks) ? spec.Networks : [];
  return {
    id: str(s.ID),
    name: str(spec.Name),
    mode: replicated ? "replicated" : "global",
    ...(replicas !== undefined ? { replicas } : {}),
    running: counts.running,
    desired: replicated ? (replicas ?? 0) : counts.wanted,
    image: displayImage(str(container.Image)),
    ports: ports.map(toPort),
    ...(us
      ? {
          updateStatus: {
            state: str(us.State),
            ...(str(us.Message) ? { message: str(us.Message) } : {}),
            ...(str(us.StartedAt) ? { startedAt: str(us.StartedAt) } : {}),
            ...(str(us.CompletedAt) ? { completedAt: str(us.CompletedAt) } : {}),
          },
        }
      : {}),
    labels: specLabels,
    ...(specLabels[STACK_NAMESPACE_LABEL] ? { stack: specLabels[STACK_NAMESPACE_LABEL] } : {}),
    endpointMode: str(endpointSpec.Mode) || str(obj(endpoint.Spec).Mode) || "vip",
    networks: nets.map((n) => str(obj(n).Target)).filter(Boolean),
    template: templateFingerprint(spec.TaskTemplate),
    createdAt: str(s.CreatedAt),
    updatedAt: str(s.UpdatedAt),
    version: num(obj(s.Version).Index),
  };
}

export function toSwarmTask(raw: unknown): SwarmTask {
  const t = obj(raw);
  const status = obj(t.Status);
  const cs = obj(status.ContainerStatus);
  const spec = obj(obj(t.Spec).ContainerSpec);
  return {
    id: str(t.ID),
    serviceId: str(t.ServiceID),
    ...(str(t.NodeID) ? { nodeId: str(t.NodeID) } : {}),
    ...(typeof t.Slot === "number" && t.Slot > 0 ? { slot: t.Slot } : {}),
    desiredState: str(t.DesiredState),
    state: str(status.State),
    message: str(status.Message),
    ...(str(status.Err) ? { error: str(status.Err) } : {}),
    ...(str(cs.ContainerID) ? { containerId: str(cs.ContainerID) } : {}),
    image: displayImage(str(spec.Image)),
    template: templateFingerprint(t.Spec),
    createdAt: str(t.CreatedAt),
    timestamp: str(status.Timestamp),
  };
}

export function toSwarmObject(raw: unknown): SwarmObject {
  const o = obj(raw);
  const spec = obj(o.Spec);
  const l = labels(spec.Labels);
  return {
    id: str(o.ID),
    name: str(spec.Name),
    labels: l,
    createdAt: str(o.CreatedAt),
    updatedAt: str(o.UpdatedAt),
    ...(l[STACK_NAMESPACE_LABEL] ? { stack: l[STACK_NAMESPACE_LABEL] } : {}),
  };
}

/** Running and wanted task counts per service id, from a task list. */
export function countTasks(tasks: Iterable<SwarmTask>): Map<string, { running: number; wanted: number }> {
  const out = new Map<string, { running: number; wanted: number }>();
  for (const t of tasks) {
    const c = out.get(t.serviceId) ?? { running: 0, wanted: 0 };
    // An old task still running while it is being shut down (a rolling update) does not count.
    if (t.desiredState === "running") {
      c.wanted++;
      if (t.state === "running") c.running++;
    }
    out.set(t.serviceId, c);
  }
  return out;
}
