import { z } from "zod";
import { UserError } from "@/lib/errors";
import {
  kubeName,
  kubeNamespaceSegment,
  kubePodLogsInput,
  kubeResource,
  NO_NAMESPACE,
  RESTARTABLE,
  SCALABLE,
} from "@/lib/kube-schemas";
import { endpointId } from "@/lib/schemas";
import { parseInput } from "@/server/entry/parse-input";
import { defineRoute } from "@/server/entry/route";
import { createJobFromCronJob } from "@/server/services/kubernetes/create-job-from-cronjob";
import { drainNode } from "@/server/services/kubernetes/drain-node";
import { revealSecret } from "@/server/services/kubernetes/get-kube-object";
import { getPodLogs } from "@/server/services/kubernetes/pod-logs";
import { pauseRollout, rolloutHistory, undoRollout } from "@/server/services/kubernetes/rollout-verbs";
import { cordonNode, restartWorkload, scaleWorkload } from "@/server/services/kubernetes/workload-verbs";

export const dynamic = "force-dynamic";

const params = z.object({
  endpointId,
  resource: kubeResource,
  namespace: kubeNamespaceSegment,
  name: kubeName,
  op: z.enum([
    "scale",
    "restart",
    "pause",
    "resume",
    "undo",
    "run",
    "cordon",
    "uncordon",
    "drain",
    "reveal",
    "logs",
    "history",
  ]),
});
type Params = z.infer<typeof params>;
const nsOf = (p: Params) => (p.namespace === NO_NAMESPACE ? undefined : p.namespace);
const api = { source: "api" };

function oneOf<T extends readonly string[]>(list: T, value: string, verb: string): T[number] {
  if (!(list as readonly string[]).includes(value)) throw new UserError(`${value} cannot be ${verb}`, 400, "bad_verb");
  return value as T[number];
}

function namespaced(p: Params): string {
  const ns = nsOf(p);
  if (!ns) throw new UserError(`${p.op} needs a namespace`, 400, "bad_verb");
  return ns;
}

/**
 * POST .../k8s/{resource}/{namespace|-}/{name}/{op}: scale ({ replicas }) and restart a workload; pause, resume and
 * undo ({ revision? }) a Deployment's rollout; run a CronJob now (a Job from its template); cordon, uncordon and
 * drain ({ force? }) a node (admins); reveal a Secret's values (admins, audited). Each service checks its own
 * permission on the namespace; this entry point first requires kube:operate there.
 */
export const POST = defineRoute(
  {
    name: "api.k8s.op",
    schema: z.object({ params, body: z.unknown() }),
    permission: "kube:operate",
    resource: (i) => ({ endpointId: i.params.endpointId, namespace: nsOf(i.params) }),
  },
  async (actor, { params: p, body }) => {
    switch (p.op) {
      case "scale": {
        const { replicas } = parseInput(z.object({ replicas: z.coerce.number().int().min(0).max(10_000) }), body);
        const resource = oneOf(SCALABLE, p.resource, "scaled");
        await scaleWorkload(actor, { ...p, resource, namespace: namespaced(p), replicas }, api);
        return { replicas };
      }
      case "restart": {
        const resource = oneOf(RESTARTABLE, p.resource, "restarted");
        await restartWorkload(actor, { ...p, resource, namespace: namespaced(p) }, api);
        return { restarted: true };
      }
      case "pause":
      case "resume":
        oneOf(["deployments"] as const, p.resource, `${p.op}d`);
        await pauseRollout(actor, { ...p, namespace: namespaced(p), paused: p.op === "pause" }, api);
        return { paused: p.op === "pause" };
      case "undo": {
        oneOf(["deployments"] as const, p.resource, "rolled back");
        const { revision } = parseInput(z.object({ revision: z.coerce.number().int().min(0).default(0) }), body ?? {});
        return undoRollout(actor, { ...p, namespace: namespaced(p), revision }, api);
      }
      case "run":
        oneOf(["cronjobs"] as const, p.resource, "run");
        return createJobFromCronJob(actor, { ...p, namespace: namespaced(p) }, api);
      case "drain": {
        oneOf(["nodes"] as const, p.resource, "drained");
        const { force } = parseInput(z.object({ force: z.boolean().default(false) }), body ?? {});
        return drainNode(actor, { endpointId: p.endpointId, node: p.name, force }, api);
      }
      case "cordon":
      case "uncordon":
        oneOf(["nodes"] as const, p.resource, `${p.op}ed`);
        await cordonNode(actor, { endpointId: p.endpointId, node: p.name, unschedulable: p.op === "cordon" }, api);
        return { unschedulable: p.op === "cordon" };
      case "reveal":
        oneOf(["secrets"] as const, p.resource, "revealed");
        return revealSecret(actor, { endpointId: p.endpointId, namespace: namespaced(p), name: p.name }, api);
      case "logs":
      case "history":
        throw new UserError(`${p.op} is read with GET`, 405, "method");
    }
  },
);

/**
 * GET .../k8s/pods/{namespace}/{name}/logs?container=&tail=&previous=&timestamps=: recent output, as text.
 * GET .../k8s/deployments/{namespace}/{name}/history: the rollout's revisions.
 */
export const GET = defineRoute(
  {
    name: "api.k8s.read",
    schema: z.object({ params, query: z.object({}).passthrough() }),
    permission: "kube:read",
    resource: (i) => ({ endpointId: i.params.endpointId, namespace: nsOf(i.params) }),
  },
  async (actor, { params: p, query }) => {
    if (p.op === "history" && p.resource === "deployments")
      return rolloutHistory(actor, { endpointId: p.endpointId, namespace: namespaced(p), name: p.name });
    if (p.op !== "logs" || p.resource !== "pods") throw new UserError("Nothing to read here", 404, "not_found");
    const q = query as Record<string, string>;
    const input = parseInput(kubePodLogsInput, {
      ...q,
      previous: q.previous === "true" || q.previous === "1",
      timestamps: q.timestamps === "true" || q.timestamps === "1",
      endpointId: p.endpointId,
      namespace: namespaced(p),
      pod: p.name,
    });
    return new Response(await getPodLogs(actor, input), { headers: { "content-type": "text/plain; charset=utf-8" } });
  },
);
