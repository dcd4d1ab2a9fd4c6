import { redirect } from "next/navigation";

/** A breadcrumb's namespace segment: the resource's list filtered to that namespace ("-": cluster-scoped, no filter). */
export default async function KubeNamespaceCrumb(props: {
  params: Promise<{ id: string; resource: string; namespace: string }>;
}) {
  const p = await props.params;
  const list = `/endpoints/${encodeURIComponent(decodeURIComponent(p.id))}/k8s/${encodeURIComponent(p.resource)}`;
  const ns = decodeURIComponent(p.namespace);
  redirect(ns === "-" ? list : `${list}?ns=${encodeURIComponent(ns)}`);
}
