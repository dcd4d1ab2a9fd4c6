import Link from "next/link";
import { endpointTitle } from "@/app/(app)/page-title";
import { KubeNav } from "@/components/kubernetes/KubeNav";
import { listCustomResourceDefinitions } from "@/server/services/kubernetes/custom-resource-definitions";
import { kubeBase, kubePage } from "../kube-page";

export const dynamic = "force-dynamic";
export const generateMetadata = endpointTitle("Custom resources");

/** Every CRD of the cluster, each linking to a live list of its objects with its printer columns. */
export default async function CrdsPage(props: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await props.params).id);
  const { actor, endpoint } = await kubePage(id, "", `${kubeBase(id)}/crds`, { clusterScoped: true });
  const crds = await listCustomResourceDefinitions(actor, id);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Custom resources on {endpoint.name}</h1>
      <KubeNav endpointId={id} current="crds" ns="" clusterWide />
      <table className="w-full text-left text-sm">
        <caption className="sr-only">CustomResourceDefinitions</caption>
        <thead>
          <tr>
            <th className="py-1 pr-3">Name</th>
            <th className="py-1 pr-3">Kind</th>
            <th className="py-1 pr-3">Version</th>
            <th className="py-1 pr-3">Scope</th>
          </tr>
        </thead>
        <tbody>
          {crds.map((c) => (
            <tr key={c.name}>
              <th scope="row" className="py-1 pr-3 font-normal">
                <Link
                  className="text-blue-600 hover:underline"
                  href={`${kubeBase(id)}/crds/${encodeURIComponent(c.name)}`}
                >
                  {c.name}
                </Link>
              </th>
              <td className="py-1 pr-3">{c.kind}</td>
              <td className="py-1 pr-3">{c.version}</td>
              <td className="py-1 pr-3">{c.namespaced ? "Namespaced" : "Cluster"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {crds.length === 0 && (
        <p className="mt-2 text-sm text-slate-500">This cluster has no CustomResourceDefinitions.</p>
      )}
    </>
  );
}
