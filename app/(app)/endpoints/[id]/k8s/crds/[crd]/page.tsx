import { notFound } from "next/navigation";
import { CustomList } from "@/components/kubernetes/CustomList";
import { KubeNav } from "@/components/kubernetes/KubeNav";
import { NamespacePicker } from "@/components/kubernetes/NamespacePicker";
import { UserError } from "@/lib/errors";
import type { CrdInfo } from "@/lib/kube-types";
import { getCustomResourceDefinition } from "@/server/services/kubernetes/custom-resource-definitions";
import { kubeBase, kubePage } from "../../kube-page";

export const dynamic = "force-dynamic";

export async function generateMetadata(props: { params: Promise<{ crd: string }> }) {
  return { title: decodeURIComponent((await props.params).crd) };
}

/** A CRD's objects, live, with the columns its additionalPrinterColumns name (as `kubectl get` prints them). */
export default async function CustomObjectsPage(props: {
  params: Promise<{ id: string; crd: string }>;
  searchParams: Promise<{ ns?: string }>;
}) {
  const p = await props.params;
  const id = decodeURIComponent(p.id);
  const name = decodeURIComponent(p.crd);
  const path = `${kubeBase(id)}/crds/${encodeURIComponent(name)}`;
  const { actor, ns, choices } = await kubePage(id, (await props.searchParams).ns ?? "", path);
  let crd: CrdInfo;
  try {
    crd = await getCustomResourceDefinition(actor, id, name, ns || undefined);
  } catch (err) {
    if (err instanceof UserError && err.status === 404) notFound();
    throw err;
  }
  if (!crd.namespaced && choices) notFound();
  return (
    <>
      <div className="mb-2 flex items-center gap-4">
        <h1 className="text-2xl font-semibold">{crd.kind}</h1>
        <span className="text-sm text-slate-500">{crd.name}</span>
        {crd.namespaced && (
          <div className="ml-auto">
            <NamespacePicker endpointId={id} ns={ns} choices={choices} />
          </div>
        )}
      </div>
      <KubeNav endpointId={id} current="crds" ns={ns} clusterWide={choices === null} />
      <CustomList endpointId={id} crd={crd} namespace={crd.namespaced ? ns : ""} />
    </>
  );
}
