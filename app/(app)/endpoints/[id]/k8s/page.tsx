import { notFound } from "next/navigation";
import { KubeNav } from "@/components/kubernetes/KubeNav";
import { KubeOverview } from "@/components/kubernetes/KubeOverview";
import { NamespacePicker } from "@/components/kubernetes/NamespacePicker";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { endpointTitle } from "@/app/(app)/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = endpointTitle("Cluster");

export default async function ClusterOverviewPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ ns?: string }>;
}) {
  const { id } = await props.params;
  const ns = (await props.searchParams).ns ?? "";
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor || endpoint.kind !== "kubernetes" || !can(actor, "kube:read", { endpointId: id })) notFound();
  return (
    <>
      <div className="mb-2 flex items-center gap-4">
        <h1 className="text-2xl font-semibold">Cluster {endpoint.name}</h1>
        <span className="text-sm text-slate-500">{endpoint.health.version}</span>
        <div className="ml-auto">
          <NamespacePicker endpointId={id} ns={ns} allowAll />
        </div>
      </div>
      <KubeNav endpointId={id} current="overview" ns={ns} />
      <KubeOverview endpointId={id} namespace={ns} />
    </>
  );
}
