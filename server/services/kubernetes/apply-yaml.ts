import yaml from "js-yaml";
import type { z } from "zod";
import type { Actor } from "@/lib/domain";
import { ForbiddenError, UserError } from "@/lib/errors";
import type { kubeApplyInput } from "@/lib/kube-schemas";
import type { ApplyResult } from "@/lib/kube-types";
import { kubeOf } from "@/server/endpoints/access";
import { KubeApiError } from "@/server/endpoints/kubernetes/kube-client";
import type { KubeObject } from "@/server/endpoints/kubernetes/kube-object";
import { defOfKind, resourcePath } from "@/server/endpoints/kubernetes/resources";
import { authorize } from "../authorize";
import { type UseCaseContext, useCase } from "../use-case";
import { lineDiff, tidyForYaml } from "./object-yaml";
import { objectViolations } from "./pod-restrictions";

const MAX_DOCS = 50;

interface Doc {
  obj: KubeObject;
  path: string;
  namespace?: string;
  label: string;
}

function parseDocs(text: string, defaultNs: string): Omit<Doc, "path">[] {
  let raw: unknown[];
  try {
    raw = yaml.loadAll(text).filter((d) => d !== null && d !== undefined);
  } catch (e) {
    throw new UserError(`The YAML cannot be read: ${(e as Error).message.split("\n")[0]}`);
  }
  if (!raw.length) throw new UserError("No YAML document found");
  if (raw.length > MAX_DOCS) throw new UserError(`At most ${MAX_DOCS} documents at once`);
  return raw.map((d, i) => {
    const o = d as KubeObject;
    if (
      !o ||
      typeof o !== "object" ||
      Array.isArray(o) ||
      typeof o.kind !== "string" ||
      typeof o.apiVersion !== "string"
    )
      throw new UserError(`Document ${i + 1} is not a Kubernetes object (apiVersion and kind are required)`);
    const name = o.metadata?.name;
    if (typeof name !== "string" || !name) throw new UserError(`Document ${i + 1} (${o.kind}) has no metadata.name`);
    const def = defOfKind(o.kind);
    if (!def) throw new UserError(`Document ${i + 1}: Berth does not apply objects of kind ${o.kind}`);
    const namespace = def.namespaced ? (o.metadata?.namespace ?? defaultNs) : undefined;
    if (def.namespaced) o.metadata = { ...o.metadata, namespace };
    return { obj: o, namespace, label: `${o.kind}/${name}` };
  });
}

function docPath(d: Omit<Doc, "path">): string {
  const def = defOfKind(d.obj.kind!)!;
  const [group, version] = d.obj.apiVersion!.includes("/") ? d.obj.apiVersion!.split("/") : ["", d.obj.apiVersion!];
  if (group !== def.group)
    throw new UserError(`${d.label}: apiVersion ${d.obj.apiVersion} is not where ${def.kind} lives`);
  return resourcePath(def, version!, d.namespace, d.obj.metadata!.name);
}

/**
 * Applies one or more YAML documents with server-side apply (field manager "berth"). A dry run (the default) asks
 * the API server to apply with dryRun=All and shows the diff against what is there now, so nothing changes until the
 * user confirms. Every document is authorized before any is sent (its namespace; cluster-scoped kinds need
 * kube:cluster) and, for non-admins, checked against the pod spec restrictions; a refusal is audited as denied. A real
 * apply is audited once, naming every document and what became of it.
 */
export function applyYaml(
  actor: Actor | null,
  input: z.infer<typeof kubeApplyInput>,
  ctx?: UseCaseContext,
): Promise<ApplyResult[]> {
  return useCase(
    actor,
    {
      audit: input.dryRun ? undefined : "k8s.apply",
      // The use case authorizes each document on its own namespace below: one permission cannot say it.
      permission: "authenticated",
      endpointId: input.endpointId,
      target: "YAML",
      engine: true,
      describe: (results: ApplyResult[]) => results.map((r) => `${r.outcome} ${r.kind}/${r.name}`).join(", "),
    },
    async (me, note) => {
      const docs: Doc[] = parseDocs(input.yaml, input.namespace).map((d) => ({ ...d, path: docPath(d) }));
      note.target = docs.map((d) => (d.namespace ? `${d.namespace}/${d.label}` : d.label)).join(", ");
      for (const d of docs) {
        const def = defOfKind(d.obj.kind!)!;
        authorize(me, def.namespaced ? "kube:operate" : "kube:cluster", {
          endpointId: input.endpointId,
          namespace: d.namespace,
        });
        if (!me.isAdmin) {
          const bad = objectViolations(d.obj);
          if (bad.length) throw new ForbiddenError(`${d.label}: only admins may set ${bad.join(", ")}`);
        }
      }
      const k = kubeOf(input.endpointId);
      const results: ApplyResult[] = [];
      for (const d of docs) {
        note.step = d.label;
        const before = await k.client.request<KubeObject>("GET", d.path).catch((e) => {
          if (e instanceof KubeApiError && e.status === 404) return null;
          throw e;
        });
        const after = await k.client.request<KubeObject>("PATCH", d.path, {
          query: { fieldManager: "berth", force: true, dryRun: input.dryRun ? "All" : undefined },
          body: JSON.stringify(d.obj),
          contentType: "application/apply-patch+yaml",
        });
        const a = yaml.dump(tidyForYaml(before ?? {}), { noRefs: true });
        const b = yaml.dump(tidyForYaml(after), { noRefs: true });
        results.push({
          kind: d.obj.kind!,
          namespace: d.namespace,
          name: d.obj.metadata!.name!,
          outcome: !before ? "created" : a === b ? "unchanged" : "configured",
          diff: before ? lineDiff(a, b) : b,
        });
      }
      note.step = undefined;
      return results;
    },
    ctx,
  );
}
