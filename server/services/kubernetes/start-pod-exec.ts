import type { Actor } from "@/lib/domain";
import { execArgv, type KubeExecStartInput } from "@/lib/exec-options";
import { kubeOf } from "@/server/endpoints/access";
import { type UseCaseContext, useCase } from "../use-case";
import type { ExecHandle } from "../workbench/start-exec";

/**
 * Opens an interactive TTY in a pod's container over the API server's exec websocket. Operators of the pod's
 * namespace and admins only; every start (and refusal) is audited as `k8s.exec`.
 */
export function startPodExec(
  actor: Actor | null,
  input: KubeExecStartInput,
  ctx: UseCaseContext = { source: "console" },
): Promise<ExecHandle> {
  const argv = execArgv(input);
  const target = `${input.namespace}/pods/${input.pod}/${input.container}`;
  const detail = argv.join(" ");
  const spec = {
    audit: "k8s.exec",
    permission: "kube:exec" as const,
    resource: { endpointId: input.endpointId, namespace: input.namespace },
    target,
    detail,
    step: detail,
    engine: true,
  };
  return useCase(
    actor,
    spec,
    async () => {
      const k = kubeOf(input.endpointId);
      const process = await k.exec(input.namespace, input.pod, input.container, {
        argv,
        rows: input.rows,
        cols: input.cols,
      });
      return {
        process,
        stream: process.stream,
        endpointId: input.endpointId,
        containerId: target,
        permission: "kube:exec" as const,
        namespace: input.namespace,
        describeError: k.describeError,
      };
    },
    ctx,
  );
}
