import { endpointTitle } from "@/app/(app)/page-title";
import { KubeNav } from "@/components/kubernetes/KubeNav";
import { KubeTopologyView } from "@/components/kubernetes/KubeTopologyView";
import { NamespacePicker } from "@/components/kubernetes/NamespacePicker";
import { can } from "@/lib/policy";
import { kubeBase, kubePage } from "../kube-page";

export const dynamic = "force-dynamic";
export const generateMetadata = endpointTitle("Topology");

export default async function KubeTopologyPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ ns?: string }>;
}) {
  const id = decodeURIComponent((await props.params).id);
  const path = `${kubeBase(id)}/topology`;
  const { actor, endpoint, ns, choices } = await kubePage(id, (await props.searchParams).ns ?? "", path);
  return (
    <>
      <div className="mb-2 flex items-center gap-4">
        <h1 className="text-2xl font-semibold">Topology of {endpoint.name}</h1>
        <div className="ml-auto">
          <NamespacePicker endpointId={id} ns={ns} choices={choices} />
        </div>
      </div>
      <KubeNav endpointId={id} current="topology" ns={ns} clusterWide={choices === null} />
      <KubeTopologyView endpointId={id} namespace={ns} showNodes={can(actor, "kube:read", { endpointId: id })} />
    </>
  );
}
