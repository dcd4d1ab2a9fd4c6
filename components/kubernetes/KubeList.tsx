"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { KubeResource, KubeRow, KubeStoreState } from "@/lib/kube-types";
import { CLUSTER_SCOPED } from "@/lib/kube-types";
import { storeTopic } from "@/lib/topics";
import { useTopic } from "../realtime/use-topic";
import { KUBE_COLUMNS, KUBE_TITLES, matchesSelector } from "./kube-columns";
import { ScaleControl } from "./WorkloadActions";

type InformerItem = KubeStoreState & { id: string };

/** Link to an object's detail page. */
export function kubeHref(endpointId: string, resource: KubeResource, row: { name: string; namespace?: string }) {
  const base = `/endpoints/${encodeURIComponent(endpointId)}/k8s/${resource}`;
  return row.namespace
    ? `${base}/${encodeURIComponent(row.namespace)}/${encodeURIComponent(row.name)}`
    : `${base}/-/${encodeURIComponent(row.name)}`;
}

/**
 * One resource's live list with kubectl's columns, sorted as kubectl sorts (namespace, then name), filtered by a
 * label selector. Rows arrive over the store topic: a snapshot, then diffs from the shared informer.
 */
export function KubeList(props: {
  endpointId: string;
  resource: KubeResource;
  namespace: string;
  canOperate: boolean;
}) {
  const { endpointId, resource } = props;
  const namespaced = !CLUSTER_SCOPED.has(resource);
  const ns = namespaced && props.namespace ? props.namespace : undefined;
  const { items, status, error } = useTopic<KubeRow>(storeTopic(endpointId, `k8s-${resource}`, ns));
  const informers = useTopic<InformerItem>(storeTopic(endpointId, "k8s-informers"));
  const state = informers.items.find((i) => i.id === `${resource}|${ns ?? "*"}`);
  const [selector, setSelector] = useState("");
  const rows = useMemo(
    () =>
      items
        .filter((r) => !selector || matchesSelector(r.labels, selector))
        .sort((a, b) => (a.namespace ?? "").localeCompare(b.namespace ?? "") || a.name.localeCompare(b.name)),
    [items, selector],
  );
  const cols = KUBE_COLUMNS[resource] as { header: string; cell: (r: KubeRow) => React.ReactNode }[];
  const title = KUBE_TITLES[resource];
  const scalable = resource === "deployments" || resource === "statefulsets";
  return (
    <section aria-label={title}>
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <label className="text-sm">
          Label selector{" "}
          <input
            value={selector}
            onChange={(e) => setSelector(e.target.value)}
            placeholder="app=web,tier!=db"
            className="rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <span role="status" className="text-xs text-slate-500">
          {status === "live" && state?.synced ? `${rows.length} shown, live` : status === "live" ? "Listing…" : status}
        </span>
      </div>
      {(error || state?.error) && (
        <p role="alert" className="mb-2 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          {error ?? state?.error}
        </p>
      )}
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            {namespaced && !ns && <th className="py-1 pr-3">Namespace</th>}
            <th className="py-1 pr-3">Name</th>
            {cols.map((c) => (
              <th key={c.header} className="py-1 pr-3">
                {c.header}
              </th>
            ))}
            {props.canOperate && scalable && <th className="py-1 pr-3">Scale</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-slate-100 dark:border-slate-800">
              {namespaced && !ns && <td className="py-1 pr-3">{r.namespace}</td>}
              <td className="py-1 pr-3">
                <Link href={kubeHref(endpointId, resource, r)} className="text-blue-600 hover:underline">
                  {r.name}
                </Link>
              </td>
              {cols.map((c) => (
                <td key={c.header} className="max-w-md truncate py-1 pr-3">
                  {c.cell(r)}
                </td>
              ))}
              {props.canOperate && scalable && (
                <td className="py-1 pr-3">
                  <ScaleControl
                    endpointId={endpointId}
                    resource={resource}
                    namespace={r.namespace ?? ""}
                    name={r.name}
                    replicas={(r as { replicas?: number }).replicas ?? 0}
                  />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {status === "live" && state?.synced && rows.length === 0 && (
        <p className="mt-2 text-sm text-slate-500">
          No {title.toLowerCase()} {ns ? `in ${ns}` : ""}.
        </p>
      )}
    </section>
  );
}
