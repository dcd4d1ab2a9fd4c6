import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { execArgv, type KubeExecStartInput } from "@/lib/exec-options";
import { kubeOf } from "@/server/endpoints/access";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";
import type { ExecHandle } from "../workbench/start-exec";

/**
 * Opens an interactive TTY in a pod's container over the API server's exec websocket. Operators of the pod's
 * namespace and admins only; every start (and refusal) is audited as `k8s.exec`.
 */
export async function startPodExec(actor: Actor | null, input: KubeExecStartInput): Promise<ExecHandle> {
  const argv = execArgv(input);
  const target = `${input.namespace}/pods/${input.pod}/${input.container}`;
  const audit = { actor, action: "k8s.exec", endpointId: input.endpointId, target, source: "console" };
  const resource = { endpointId: input.endpointId, namespace: input.namespace };
  try {
    authorize(actor, "kube:exec", resource);
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: `${argv.join(" ")}: ${(err as Error).message}` });
    throw err;
  }
  try {
    const k = kubeOf(input.endpointId);
    const process = await k.exec(input.namespace, input.pod, input.container, {
      argv,
      rows: input.rows,
      cols: input.cols,
    });
    await recordAudit({ ...audit, outcome: "success", detail: argv.join(" ") });
    return {
      process,
      stream: process.stream,
      endpointId: input.endpointId,
      containerId: target,
      permission: "kube:exec",
      namespace: input.namespace,
      describeError: k.describeError,
    };
  } catch (err) {
    const ue = err instanceof UserError ? err : new UserError("The console could not start", 409, "exec_failed");
    await recordAudit({ ...audit, outcome: "failure", detail: `${argv.join(" ")}: ${ue.message}` });
    throw ue;
  }
}
