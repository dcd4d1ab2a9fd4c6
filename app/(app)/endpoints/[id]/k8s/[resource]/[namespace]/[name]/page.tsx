import Link from "next/link";
import { notFound } from "next/navigation";
import { KubeDetail } from "@/components/kubernetes/KubeDetail";
import { KubeNav } from "@/components/kubernetes/KubeNav";
import { UserError } from "@/lib/errors";
import { KUBE_RESOURCES, type KubeResource } from "@/lib/kube-types";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { getKubeObject } from "@/server/services/kubernetes/get-kube-object";
import { kubeTitle } from "@/app/(app)/endpoints/[id]/k8s/kube-title";

export const dynamic = "force-dynamic";
export const generateMetadata = kubeTitle("name");

/** One object: `-` stands for "no namespace" (cluster-scoped objects). */
export default async function KubeObjectPage(props: {
  params: Promise<{ id: string; resource: string; namespace: string; name: string }>;
}) {
  const p = await props.params;
  const namespace = p.namespace === "-" ? undefined : decodeURIComponent(p.namespace);
  const name = decodeURIComponent(p.name);
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, p.id);
  if (!endpoint || !actor || endpoint.kind !== "kubernetes") notFound();
  if (!(KUBE_RESOURCES as readonly string[]).includes(p.resource)) notFound();
  const resource = p.resource as KubeResource;
  let detail: Awaited<ReturnType<typeof getKubeObject>>;
  try {
    detail = await getKubeObject(actor, { endpointId: p.id, resource, namespace, name });
  } catch (err) {
    if (err instanceof UserError && err.status === 404) notFound();
    throw err;
  }
  const res = { endpointId: p.id, namespace };
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">
        {detail.kind} {namespace ? `${namespace}/` : ""}
        {name}
      </h1>
      <KubeNav endpointId={p.id} current={resource} ns={namespace ?? ""} />
      {detail.owners.length > 0 && (
        <p className="mb-3 text-sm">
          Owned by{" "}
          {detail.owners.map((o, i) => (
            <span key={`${o.kind}/${o.name}`}>
              {i > 0 && " ← "}
              {o.resource ? (
                <Link
                  className="text-blue-600 hover:underline"
                  href={`/endpoints/${encodeURIComponent(p.id)}/k8s/${o.resource}/${encodeURIComponent(namespace ?? "-")}/${encodeURIComponent(o.name)}`}
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
        endpointId={p.id}
        resource={resource}
        detail={detail}
        canOperate={can(actor, "kube:operate", res)}
        canCluster={can(actor, "kube:cluster", { endpointId: p.id })}
        canReveal={can(actor, "kube:reveal-secret", res)}
      />
    </>
  );
}
