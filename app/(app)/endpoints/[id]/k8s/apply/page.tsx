import { notFound } from "next/navigation";
import { ApplyYaml } from "@/components/kubernetes/ApplyYaml";
import { KubeNav } from "@/components/kubernetes/KubeNav";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { endpointTitle } from "@/app/(app)/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = endpointTitle("Apply YAML");

export default async function ApplyYamlPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ ns?: string }>;
}) {
  const { id } = await props.params;
  const ns = (await props.searchParams).ns ?? "";
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor || endpoint.kind !== "kubernetes") notFound();
  if (!can(actor, "kube:read", { endpointId: id, namespace: ns || undefined })) notFound();
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Apply YAML to {endpoint.name}</h1>
      <KubeNav endpointId={id} current="apply" ns={ns} />
      <ApplyYaml endpointId={id} namespace={ns} />
    </>
  );
}
