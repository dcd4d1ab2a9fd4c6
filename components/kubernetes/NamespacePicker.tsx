"use client";

import { usePathname, useRouter } from "next/navigation";
import type { NamespaceRow } from "@/lib/kube-types";
import { storeTopic } from "@/lib/topics";
import { useTopic } from "../realtime/use-topic";

/** The namespace filter every Kubernetes page keeps in its URL (?ns=); "All namespaces" when empty. */
export function NamespacePicker(props: { endpointId: string; ns: string; allowAll: boolean }) {
  const router = useRouter();
  const path = usePathname();
  const { items } = useTopic<NamespaceRow>(storeTopic(props.endpointId, "k8s-namespaces"));
  const names = items.map((n) => n.name).sort();
  if (props.ns && !names.includes(props.ns)) names.unshift(props.ns);
  return (
    <label className="text-sm">
      Namespace{" "}
      <select
        value={props.ns}
        onChange={(e) => router.push(e.target.value ? `${path}?ns=${encodeURIComponent(e.target.value)}` : path)}
        className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
      >
        {props.allowAll && <option value="">All namespaces</option>}
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
