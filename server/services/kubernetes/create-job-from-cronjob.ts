import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { Actor } from "@/lib/domain";
import { ForbiddenError, UserError } from "@/lib/errors";
import type { kubeJobFromCronInput } from "@/lib/kube-schemas";
import type { KubeObject } from "@/server/endpoints/kubernetes/kube-object";
import { RESOURCE_DEFS, resourcePath } from "@/server/endpoints/kubernetes/resources";
import { type KubeOpContext, kubeOp } from "./kube-op";
import { objectViolations } from "./pod-restrictions";

/**
 * `kubectl create job --from=cronjob/<name>`: a Job from the CronJob's job template, now, owned by the CronJob and
 * annotated as a manual run. Non-admins are held to the pod spec restrictions as if they wrote the template.
 */
export async function createJobFromCronJob(
  actor: Actor | null,
  input: z.infer<typeof kubeJobFromCronInput>,
  ctx?: KubeOpContext,
): Promise<{ job: string }> {
  const spec = {
    action: "k8s.cronjob-run",
    permission: "kube:operate" as const,
    endpointId: input.endpointId,
    namespace: input.namespace,
    target: `cronjobs/${input.name}`,
  };
  return kubeOp(
    actor,
    spec,
    async (k) => {
      const cjVersion = k.versionOf("cronjobs") ?? "v1beta1";
      const cj = await k.client.request<KubeObject>(
        "GET",
        resourcePath(RESOURCE_DEFS.cronjobs, cjVersion, input.namespace, input.name),
      );
      const template = cj.spec?.jobTemplate;
      if (!template?.spec) throw new UserError("This CronJob has no job template", 409);
      // A Job name is at most 63 characters (its pods' labels carry it): cut the CronJob's name to fit the suffix.
      const job = `${input.name.slice(0, 52)}-${randomBytes(3).toString("hex")}`;
      const obj: KubeObject = {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: {
          name: job,
          namespace: input.namespace,
          labels: template.metadata?.labels,
          annotations: { ...(template.metadata?.annotations ?? {}), "cronjob.kubernetes.io/instantiate": "manual" },
          ownerReferences: [
            {
              apiVersion: `batch/${cjVersion}`,
              kind: "CronJob",
              name: input.name,
              uid: cj.metadata?.uid,
              controller: true,
            },
          ],
        },
        spec: template.spec,
      };
      if (!actor?.isAdmin) {
        const bad = objectViolations(obj);
        if (bad.length) throw new ForbiddenError(`Only admins may run a job that sets ${bad.join(", ")}`);
      }
      await k.client.request("POST", resourcePath(RESOURCE_DEFS.jobs, "v1", input.namespace), { body: obj });
      return { job };
    },
    ctx,
  );
}
