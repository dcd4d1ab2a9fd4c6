import Link from "next/link";
import { CLUSTER_SCOPED, KUBE_RESOURCES, type KubeResource } from "@/lib/kube-types";
import { KUBE_TITLES } from "./kube-columns";

/**
 * A Kubernetes endpoint's sections; every link keeps the namespace filter (?ns=). Cluster-scoped lists (nodes,
 * namespaces, PVs) show only to those who may read the whole cluster (`clusterWide`).
 */
export function KubeNav(props: {
  endpointId: string;
  current: KubeResource | "overview" | "apply" | "crds" | "topology";
  ns: string;
  clusterWide: boolean;
}) {
  const base = `/endpoints/${encodeURIComponent(props.endpointId)}/k8s`;
  const q = props.ns ? `?ns=${encodeURIComponent(props.ns)}` : "";
  const link = (key: string, href: string, label: string) => (
    <Link
      key={key}
      href={href}
      aria-current={props.current === key ? "page" : undefined}
      className={props.current === key ? "font-semibold" : "text-blue-600 hover:underline"}
    >
      {label}
    </Link>
  );
  return (
    <nav
      aria-label="Cluster"
      className="mb-4 flex flex-wrap gap-x-3 gap-y-1 border-b border-slate-200 pb-2 text-sm dark:border-slate-800"
    >
      {link("overview", `${base}${q}`, "Overview")}
      {KUBE_RESOURCES.filter((r) => props.clusterWide || !CLUSTER_SCOPED.has(r)).map((r) =>
        link(r, `${base}/${r}${CLUSTER_SCOPED.has(r) ? "" : q}`, KUBE_TITLES[r]),
      )}
      {link("topology", `${base}/topology${q}`, "Topology")}
      {props.clusterWide && link("crds", `${base}/crds`, "Custom resources")}
      {link("apply", `${base}/apply${q}`, "Apply YAML")}
    </nav>
  );
}
