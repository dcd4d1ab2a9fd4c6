import { endpointTitle } from "@/app/(app)/page-title";
import { KubeNav } from "@/components/kubernetes/KubeNav";
import { KubeOverview } from "@/components/kubernetes/KubeOverview";
import { NamespacePicker } from "@/components/kubernetes/NamespacePicker";
import { can } from "@/lib/policy";
import { kubeBase, kubePage } from "./kube-page";

export const dynamic = "force-dynamic";
export const generateMetadata = endpointTitle("Cluster");

export default async function ClusterOverviewPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ ns?: string }>;
}) {
  const id = decodeURIComponent((await props.params).id);
  const { actor, endpoint, ns, choices } = await kubePage(id, (await props.searchParams).ns ?? "", kubeBase(id));
  return (
    <>
      <div className="mb-2 flex items-center gap-4">
        <h1 className="text-2xl font-semibold">Cluster {endpoint.name}</h1>
        <span className="text-sm text-slate-500">{endpoint.health.version}</span>
        <div className="ml-auto">
          <NamespacePicker endpointId={id} ns={ns} choices={choices} />
        </div>
      </div>
      <KubeNav endpointId={id} current="overview" ns={ns} clusterWide={choices === null} />
      <KubeOverview
        endpointId={id}
        namespace={ns}
        showNodes={can(actor, "kube:read", { endpointId: id })}
        metrics={endpoint.capabilities?.includes("metrics") ?? false}
      />
    </>
  );
}
