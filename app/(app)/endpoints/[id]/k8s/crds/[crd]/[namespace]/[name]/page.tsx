import Link from "next/link";
import { notFound } from "next/navigation";
import { KubeNav } from "@/components/kubernetes/KubeNav";
import { ConditionsTable, EventsTable, YamlBlock } from "@/components/kubernetes/ObjectFacts";
import { UserError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { getCustomObject } from "@/server/services/kubernetes/get-custom-object";
import { kubeBase, kubePage } from "../../../../kube-page";

export const dynamic = "force-dynamic";

export async function generateMetadata(props: { params: Promise<{ name: string }> }) {
  return { title: decodeURIComponent((await props.params).name) };
}

/** One custom object, generically: its conditions (if any), events and YAML. `-` stands for "no namespace". */
export default async function CustomObjectPage(props: {
  params: Promise<{ id: string; crd: string; namespace: string; name: string }>;
}) {
  const p = await props.params;
  const id = decodeURIComponent(p.id);
  const crdName = decodeURIComponent(p.crd);
  const namespace = p.namespace === "-" ? undefined : decodeURIComponent(p.namespace);
  const name = decodeURIComponent(p.name);
  const listPath = `${kubeBase(id)}/crds/${encodeURIComponent(crdName)}`;
  const { actor } = await kubePage(id, namespace ?? "", listPath, { clusterScoped: namespace === undefined });
  let d: Awaited<ReturnType<typeof getCustomObject>>;
  try {
    d = await getCustomObject(actor, { endpointId: id, crd: crdName, namespace, name });
  } catch (err) {
    if (err instanceof UserError && err.status === 404) notFound();
    throw err;
  }
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">
        {d.crd.kind} {namespace ? `${namespace}/` : ""}
        {name}
      </h1>
      <KubeNav
        endpointId={id}
        current="crds"
        ns={namespace ?? ""}
        clusterWide={can(actor, "kube:read", { endpointId: id })}
      />
      <p className="mb-3 text-sm">
        <Link
          className="text-blue-600 hover:underline"
          href={`${listPath}${namespace ? `?ns=${encodeURIComponent(namespace)}` : ""}`}
        >
          All {d.crd.plural}
        </Link>{" "}
        <span className="text-slate-500">({d.crd.name})</span>
      </p>
      <div className="space-y-4">
        <ConditionsTable conditions={d.conditions} />
        <EventsTable events={d.events} />
        <YamlBlock yaml={d.yaml} />
      </div>
    </>
  );
}
