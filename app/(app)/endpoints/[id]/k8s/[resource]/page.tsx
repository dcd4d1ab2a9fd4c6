import { notFound } from "next/navigation";
import { KubeList } from "@/components/kubernetes/KubeList";
import { KubeNav } from "@/components/kubernetes/KubeNav";
import { KUBE_TITLES } from "@/components/kubernetes/kube-columns";
import { NamespacePicker } from "@/components/kubernetes/NamespacePicker";
import { CLUSTER_SCOPED, KUBE_RESOURCES, type KubeResource } from "@/lib/kube-types";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { kubeTitle } from "@/app/(app)/endpoints/[id]/k8s/kube-title";

export const dynamic = "force-dynamic";
export const generateMetadata = kubeTitle();

export default async function KubeResourcePage(props: {
  params: Promise<{ id: string; resource: string }>;
  searchParams: Promise<{ ns?: string }>;
}) {
  const { id, resource } = await props.params;
  const ns = (await props.searchParams).ns ?? "";
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor || endpoint.kind !== "kubernetes") notFound();
  if (!(KUBE_RESOURCES as readonly string[]).includes(resource)) notFound();
  const r = resource as KubeResource;
  if (!can(actor, "kube:read", { endpointId: id, namespace: ns || undefined })) notFound();
  return (
    <>
      <div className="mb-2 flex items-center gap-4">
        <h1 className="text-2xl font-semibold">
          {KUBE_TITLES[r]} on {endpoint.name}
        </h1>
        {!CLUSTER_SCOPED.has(r) && (
          <div className="ml-auto">
            <NamespacePicker endpointId={id} ns={ns} allowAll={can(actor, "kube:read", { endpointId: id })} />
          </div>
        )}
      </div>
      <KubeNav endpointId={id} current={r} ns={ns} />
      <KubeList
        endpointId={id}
        resource={r}
        namespace={ns}
        canOperate={can(actor, "kube:operate", { endpointId: id, namespace: ns || undefined })}
      />
    </>
  );
}
