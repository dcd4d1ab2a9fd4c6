"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable } from "@/components/ui/data-table/data-table";
import { formatSort, parseSort, useUrlState } from "@/components/ui/data-table/use-url-state";
import type { KubeResource, KubeRow, KubeStoreState } from "@/lib/kube-types";
import { CLUSTER_SCOPED, SCALABLE } from "@/lib/kube-types";
import { storeTopic } from "@/lib/topics";
import { useTopic } from "../realtime/use-topic";
import { type Column, KUBE_COLUMNS, KUBE_TITLES, matchesSelector } from "./kube-columns";
import { ScaleControl } from "./WorkloadActions";

type InformerItem = KubeStoreState & { id: string };

/** Link to an object's detail page ("-" stands for the namespace of a cluster-scoped object). */
export function kubeHref(endpointId: string, resource: KubeResource, row: { name: string; namespace?: string }) {
  const base = `/endpoints/${encodeURIComponent(endpointId)}/k8s/${resource}`;
  return `${base}/${encodeURIComponent(row.namespace || "-")}/${encodeURIComponent(row.name)}`;
}

const input =
  "rounded border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-700 dark:bg-slate-900 font-mono";

/**
 * One resource's live list with kubectl's columns on the shared data table: sort, text filter and label selector
 * live in the URL (?sort=, ?q=, ?l=) beside the namespace (?ns=). Rows arrive over the store topic: a snapshot,
 * then diffs from the one shared informer on the server.
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
  // The informer's state (synced, or why not): per namespace, so a viewer limited to it may read it too.
  const informers = useTopic<InformerItem>(storeTopic(endpointId, "k8s-informers", ns));
  const state = informers.items.find((i) => i.id === `${ns ?? "*"}/${resource}`);
  const url = useUrlState({ sort: "name" });
  const sort = parseSort(url.values.sort ?? null, { id: "name", desc: false });
  const selector = url.values.l ?? "";
  const rows = useMemo(
    () => (selector ? items.filter((r) => matchesSelector(r.labels, selector)) : items),
    [items, selector],
  );
  const columns = useMemo(
    () => kubeColumnDefs(endpointId, resource, { allNamespaces: namespaced && !ns, canOperate: props.canOperate }),
    [endpointId, resource, namespaced, ns, props.canOperate],
  );
  const title = KUBE_TITLES[resource];
  const synced = status === "live" && state?.synced;
  return (
    <section aria-label={title} className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <label className="text-sm">
          Filter{" "}
          <input
            type="search"
            value={url.values.q ?? ""}
            onChange={(e) => url.set({ q: e.target.value })}
            placeholder="name, status, node…"
            className={input}
          />
        </label>
        <label className="text-sm">
          Label selector{" "}
          <input
            value={selector}
            onChange={(e) => url.set({ l: e.target.value })}
            placeholder="app=web,tier!=db"
            className={input}
          />
        </label>
        <span role="status" className="text-xs text-slate-500">
          {synced ? `${rows.length} ${title.toLowerCase()}, live` : status === "live" ? "Listing…" : status}
        </span>
      </div>
      {(error || state?.error) && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          {error ?? state?.error}
        </p>
      )}
      <DataTable
        label={title}
        data={rows}
        columns={columns}
        getRowId={(r) => r.id}
        sort={sort}
        onSort={(s) => url.set({ sort: formatSort(s) }, { push: true })}
        search={url.values.q ?? ""}
        empty={synced ? `No ${title.toLowerCase()}${ns ? ` in ${ns}` : ""}.` : "Listing…"}
      />
    </section>
  );
}

/**
 * The data table's columns for a resource: Name (the row header, a link), Namespace when all are shown, kubectl's.
 * Scalable workloads get a Scale cell for operators (the detail page's control and use case); the other verbs
 * (restart, delete...) are on the object's page.
 */
function kubeColumnDefs(
  endpointId: string,
  resource: KubeResource,
  opts: { allNamespaces: boolean; canOperate: boolean },
): ColumnDef<KubeRow, string | number>[] {
  const defs: ColumnDef<KubeRow, string | number>[] = [
    {
      id: "name",
      header: "Name",
      accessorFn: (r) => r.name,
      cell: (c) => (
        <Link href={kubeHref(endpointId, resource, c.row.original)} className="text-blue-600 hover:underline">
          {c.row.original.name}
        </Link>
      ),
      meta: { width: "16rem" },
    },
  ];
  if (opts.allNamespaces)
    defs.push({ id: "namespace", header: "Namespace", accessorFn: (r) => r.namespace ?? "", meta: { width: "10rem" } });
  for (const c of KUBE_COLUMNS[resource] as Column<KubeRow>[]) {
    defs.push({
      id: c.id,
      header: c.header,
      accessorFn: c.value,
      cell: (x) => (c.show ? c.show(x.row.original) : String(c.value(x.row.original))),
    });
  }
  if (opts.canOperate && isScalable(resource))
    defs.push({
      id: "scale",
      header: "Scale",
      enableSorting: false,
      accessorFn: (r) => replicasOf(r),
      cell: (x) => (
        <ScaleControl
          endpointId={endpointId}
          resource={resource}
          namespace={x.row.original.namespace ?? ""}
          name={x.row.original.name}
          replicas={replicasOf(x.row.original)}
        />
      ),
      meta: { width: "15rem", className: "whitespace-nowrap" },
    });
  return defs;
}

const isScalable = (r: KubeResource): r is (typeof SCALABLE)[number] => (SCALABLE as readonly string[]).includes(r);
/** Desired replicas: `replicas` on Deployments and StatefulSets, `desired` on ReplicaSets. */
const replicasOf = (r: KubeRow) => {
  const x = r as { replicas?: number; desired?: number };
  return x.replicas ?? x.desired ?? 0;
};
