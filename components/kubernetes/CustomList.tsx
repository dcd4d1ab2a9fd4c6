"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable } from "@/components/ui/data-table/data-table";
import { formatSort, parseSort, useUrlState } from "@/components/ui/data-table/use-url-state";
import type { CrdInfo, CustomRow } from "@/lib/kube-types";
import { useTopic } from "../realtime/use-topic";
import { age } from "./kube-columns";

/** A CRD's objects, live over one topic, with its printer columns (dates as ages, as kubectl prints them). */
export function CustomList(props: { endpointId: string; crd: CrdInfo; namespace: string }) {
  const { crd } = props;
  const topic = `endpoint:${props.endpointId}:ns:${props.namespace || "-"}:k8scr:${crd.name}`;
  const { items, status, error } = useTopic<CustomRow>(topic);
  const url = useUrlState({ sort: "name" });
  const sort = parseSort(url.values.sort ?? null, { id: "name", desc: false });
  const columns = useMemo(() => {
    const defs: ColumnDef<CustomRow, string | number>[] = [
      {
        id: "name",
        header: "Name",
        accessorFn: (r) => r.name,
        cell: (x) => (
          <Link
            href={`/endpoints/${encodeURIComponent(props.endpointId)}/k8s/crds/${encodeURIComponent(crd.name)}/${encodeURIComponent(x.row.original.namespace || "-")}/${encodeURIComponent(x.row.original.name)}`}
            className="text-blue-600 hover:underline"
          >
            {x.row.original.name}
          </Link>
        ),
        meta: { width: "16rem" },
      },
    ];
    if (crd.namespaced && !props.namespace)
      defs.push({ id: "namespace", header: "Namespace", accessorFn: (r) => r.namespace ?? "" });
    crd.columns.forEach((c, i) => {
      const date = c.type === "date";
      defs.push({
        id: `c${i}`,
        header: c.name,
        accessorFn: (r) => (date ? -(Date.parse(r.cells[i] ?? "") || 0) : (r.cells[i] ?? "")),
        cell: (x) => (date ? (x.row.original.cells[i] ? age(x.row.original.cells[i]) : "") : x.row.original.cells[i]),
      });
    });
    if (!crd.columns.some((c) => c.jsonPath.includes("creationTimestamp")))
      defs.push({
        id: "age",
        header: "Age",
        accessorFn: (r) => -(Date.parse(r.createdAt) || 0),
        cell: (x) => age(x.row.original.createdAt),
      });
    return defs;
  }, [crd, props.namespace, props.endpointId]);
  return (
    <section aria-label={crd.kind} className="space-y-2">
      <p role="status" className="text-xs text-slate-500">
        {status === "live" ? `${items.length} ${crd.plural}, live` : status}
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <DataTable
        label={crd.kind}
        data={items}
        columns={columns}
        getRowId={(r) => r.id}
        sort={sort}
        onSort={(s) => url.set({ sort: formatSort(s) }, { push: true })}
        empty={`No ${crd.plural}.`}
      />
    </section>
  );
}
