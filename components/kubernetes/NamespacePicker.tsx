"use client";

import { usePathname, useRouter } from "next/navigation";
import type { NamespaceRow } from "@/lib/kube-types";
import { storeTopic } from "@/lib/topics";
import { useTopic } from "../realtime/use-topic";

const select = "rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900";

/**
 * The namespace filter every Kubernetes page keeps in its URL (?ns=). Someone who may read every namespace picks
 * from the live list (or "All namespaces"); someone whose grants name namespaces picks from those (`choices`).
 */
export function NamespacePicker(props: { endpointId: string; ns: string; choices: string[] | null }) {
  return props.choices ? (
    <Picker ns={props.ns} names={props.choices} allowAll={false} />
  ) : (
    <LivePicker endpointId={props.endpointId} ns={props.ns} />
  );
}

function LivePicker(props: { endpointId: string; ns: string }) {
  const { items } = useTopic<NamespaceRow>(storeTopic(props.endpointId, "k8s-namespaces"));
  return <Picker ns={props.ns} names={items.map((n) => n.name)} allowAll />;
}

function Picker(props: { ns: string; names: string[]; allowAll: boolean }) {
  const router = useRouter();
  const path = usePathname();
  const names = [...props.names].sort();
  if (props.ns && !names.includes(props.ns)) names.unshift(props.ns);
  return (
    <label className="text-sm">
      Namespace{" "}
      <select
        value={props.ns}
        onChange={(e) => router.push(e.target.value ? `${path}?ns=${encodeURIComponent(e.target.value)}` : path)}
        className={select}
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
