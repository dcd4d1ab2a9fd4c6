import yaml from "js-yaml";
import type { z } from "zod";
import type { Actor } from "@/lib/domain";
import { ForbiddenError, UserError } from "@/lib/errors";
import type { kubeReplaceInput } from "@/lib/kube-schemas";
import { KubeApiError } from "@/server/endpoints/kubernetes/kube-client";
import type { KubeObject } from "@/server/endpoints/kubernetes/kube-object";
import { RESOURCE_DEFS, resourcePath } from "@/server/endpoints/kubernetes/resources";
import { type KubeOpContext, kubeOp } from "./kube-op";
import { objectViolations } from "./pod-restrictions";

/**
 * Saves an edited object (`kubectl edit`): a PUT of the whole object carrying the resourceVersion it was read at,
 * so the API server refuses it (409) if anyone changed the object since; nothing is merged behind the user's back.
 * The edit may not rename or move the object. Secrets are not edited here (their values are never sent out).
 */
export async function replaceKubeObject(
  actor: Actor | null,
  input: z.infer<typeof kubeReplaceInput>,
  ctx?: KubeOpContext,
): Promise<{ resourceVersion: string }> {
  const def = RESOURCE_DEFS[input.resource];
  const ns = def.namespaced ? input.namespace : undefined;
  if (def.namespaced && !ns) throw new UserError(`A ${def.kind} is edited within a namespace`);
  if (input.resource === "secrets") throw new UserError("Secrets are changed with Apply YAML, not edited here", 400);
  const spec = {
    action: "k8s.edit",
    permission: def.namespaced ? ("kube:operate" as const) : ("kube:cluster" as const),
    endpointId: input.endpointId,
    namespace: ns,
    target: `${input.resource}/${input.name}`,
  };
  return kubeOp(
    actor,
    spec,
    async (k) => {
      const version = k.versionOf(input.resource) ?? def.versions[0]!;
      const path = resourcePath(def, version, ns, input.name);
      // The object must exist (404 before anything about the edit itself).
      await k.client.request("GET", path);
      let o: KubeObject;
      try {
        o = yaml.load(input.yaml) as KubeObject;
      } catch (e) {
        throw new UserError(`The YAML cannot be read: ${(e as Error).message.split("\n")[0]}`);
      }
      if (!o || typeof o !== "object" || Array.isArray(o)) throw new UserError("The YAML is not one object");
      if (o.kind !== def.kind) throw new UserError(`The kind must stay ${def.kind}`);
      if (o.metadata?.name !== input.name) throw new UserError(`The name must stay ${input.name}`);
      if (def.namespaced && (o.metadata?.namespace ?? ns) !== ns) throw new UserError(`The namespace must stay ${ns}`);
      if (!o.metadata?.resourceVersion)
        throw new UserError(
          "metadata.resourceVersion is missing: Berth needs it to tell whether someone else changed this",
        );
      if (!actor?.isAdmin) {
        const bad = objectViolations(o);
        if (bad.length) throw new ForbiddenError(`Only admins may set ${bad.join(", ")}`);
      }
      try {
        const saved = await k.client.request<KubeObject>("PUT", path, {
          body: { ...o, apiVersion: def.group ? `${def.group}/${version}` : version },
        });
        return { resourceVersion: String(saved.metadata?.resourceVersion ?? "") };
      } catch (err) {
        if (err instanceof KubeApiError && err.status === 409)
          throw new UserError(
            "Someone changed this object after you opened it: nothing was saved. Reload to see the current version, then edit again.",
            409,
            "conflict",
          );
        throw err;
      }
    },
    ctx,
  );
}
