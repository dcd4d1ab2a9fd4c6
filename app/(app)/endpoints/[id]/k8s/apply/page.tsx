import { endpointTitle } from "@/app/(app)/page-title";
import { ApplyYaml } from "@/components/kubernetes/ApplyYaml";
import { KubeNav } from "@/components/kubernetes/KubeNav";
import { kubeBase, kubePage } from "../kube-page";

export const dynamic = "force-dynamic";
export const generateMetadata = endpointTitle("Apply YAML");

export default async function ApplyYamlPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ ns?: string }>;
}) {
  const id = decodeURIComponent((await props.params).id);
  const { endpoint, ns, choices } = await kubePage(id, (await props.searchParams).ns ?? "", `${kubeBase(id)}/apply`);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Apply YAML to {endpoint.name}</h1>
      <KubeNav endpointId={id} current="apply" ns={ns} clusterWide={choices === null} />
      <ApplyYaml endpointId={id} namespace={ns} />
    </>
  );
}
