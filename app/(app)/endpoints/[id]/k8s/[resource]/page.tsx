import { notFound } from "next/navigation";
import { kubeTitle } from "@/app/(app)/endpoints/[id]/k8s/kube-title";
import { KubeList } from "@/components/kubernetes/KubeList";
import { KubeNav } from "@/components/kubernetes/KubeNav";
import { KUBE_TITLES } from "@/components/kubernetes/kube-columns";
import { NamespacePicker } from "@/components/kubernetes/NamespacePicker";
import { CLUSTER_SCOPED, KUBE_RESOURCES, type KubeResource } from "@/lib/kube-types";
import { can } from "@/lib/policy";
import { kubeBase, kubePage } from "../kube-page";

export const dynamic = "force-dynamic";
export const generateMetadata = kubeTitle();

export default async function KubeResourcePage(props: {
  params: Promise<{ id: string; resource: string }>;
  searchParams: Promise<{ ns?: string }>;
}) {
  const p = await props.params;
  const id = decodeURIComponent(p.id);
  if (!(KUBE_RESOURCES as readonly string[]).includes(p.resource)) notFound();
  const r = p.resource as KubeResource;
  const clusterScoped = CLUSTER_SCOPED.has(r);
  const raw = clusterScoped ? "" : ((await props.searchParams).ns ?? "");
  const { actor, endpoint, ns, choices } = await kubePage(id, raw, `${kubeBase(id)}/${r}`, { clusterScoped });
  return (
    <>
      <div className="mb-2 flex items-center gap-4">
        <h1 className="text-2xl font-semibold">
          {KUBE_TITLES[r]} on {endpoint.name}
        </h1>
        {!clusterScoped && (
          <div className="ml-auto">
            <NamespacePicker endpointId={id} ns={ns} choices={choices} />
          </div>
        )}
      </div>
      <KubeNav endpointId={id} current={r} ns={ns} clusterWide={choices === null} />
      <KubeList
        endpointId={id}
        resource={r}
        namespace={ns}
        canOperate={can(actor, "kube:operate", { endpointId: id, namespace: ns || undefined })}
      />
    </>
  );
}
