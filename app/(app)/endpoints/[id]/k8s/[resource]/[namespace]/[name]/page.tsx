import Link from "next/link";
import { notFound } from "next/navigation";
import { kubeBase, kubePage } from "@/app/(app)/endpoints/[id]/k8s/kube-page";
import { kubeTitle } from "@/app/(app)/endpoints/[id]/k8s/kube-title";
import { KubeDetail } from "@/components/kubernetes/KubeDetail";
import { KubeNav } from "@/components/kubernetes/KubeNav";
import { UserError } from "@/lib/errors";
import { CLUSTER_SCOPED, KUBE_RESOURCES, type KubeResource } from "@/lib/kube-types";
import { can } from "@/lib/policy";
import { getKubeObject } from "@/server/services/kubernetes/get-kube-object";
import { rolloutHistory } from "@/server/services/kubernetes/rollout-verbs";

export const dynamic = "force-dynamic";
export const generateMetadata = kubeTitle("name");

/** One object: `-` stands for "no namespace" (cluster-scoped objects). */
export default async function KubeObjectPage(props: {
  params: Promise<{ id: string; resource: string; namespace: string; name: string }>;
}) {
  const p = await props.params;
  const id = decodeURIComponent(p.id);
  const namespace = p.namespace === "-" ? undefined : decodeURIComponent(p.namespace);
  const name = decodeURIComponent(p.name);
  if (!(KUBE_RESOURCES as readonly string[]).includes(p.resource)) notFound();
  const resource = p.resource as KubeResource;
  const clusterScoped = CLUSTER_SCOPED.has(resource);
  if (clusterScoped !== (namespace === undefined)) notFound();
  const { actor } = await kubePage(id, namespace ?? "", kubeBase(id), { clusterScoped });
  let detail: Awaited<ReturnType<typeof getKubeObject>>;
  try {
    detail = await getKubeObject(actor, { endpointId: id, resource, namespace, name });
  } catch (err) {
    if (err instanceof UserError && err.status === 404) notFound();
    throw err;
  }
  const res = { endpointId: id, namespace };
  const history =
    resource === "deployments" && namespace
      ? await rolloutHistory(actor, { endpointId: id, namespace, name }).catch(() => undefined)
      : undefined;
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">
        {detail.kind} {namespace ? `${namespace}/` : ""}
        {name}
      </h1>
      <KubeNav
        endpointId={id}
        current={resource}
        ns={namespace ?? ""}
        clusterWide={can(actor, "kube:read", { endpointId: id })}
      />
      {detail.owners.length > 0 && (
        <p className="mb-3 text-sm">
          Owned by{" "}
          {detail.owners.map((o, i) => (
            <span key={`${o.kind}/${o.name}`}>
              {i > 0 && " ← "}
              {o.resource ? (
                <Link
                  className="text-blue-600 hover:underline"
                  href={`/endpoints/${encodeURIComponent(id)}/k8s/${o.resource}/${encodeURIComponent(namespace ?? "-")}/${encodeURIComponent(o.name)}`}
                >
                  {o.kind} {o.name}
                </Link>
              ) : (
                `${o.kind} ${o.name}`
              )}
            </span>
          ))}
        </p>
      )}
      <KubeDetail
        endpointId={id}
        resource={resource}
        detail={detail}
        canOperate={can(actor, "kube:operate", res)}
        canCluster={can(actor, "kube:cluster", { endpointId: id })}
        canReveal={can(actor, "kube:reveal-secret", res)}
        canExec={can(actor, "kube:exec", res)}
        history={history}
      />
    </>
  );
}
