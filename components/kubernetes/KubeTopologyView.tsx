"use client";

import Link from "next/link";
import { useMemo } from "react";
import { buildKubeTopology, type TopologyPod, type TopologyService } from "@/lib/kube-topology";
import type { IngressRow, PodRow, ServiceRow } from "@/lib/kube-types";
import { storeTopic } from "@/lib/topics";
import { useTopic } from "../realtime/use-topic";

/**
 * Ingress -> service -> pods -> nodes of one namespace (or all), live from three shared informers: the path a
 * request takes, as nested lists (readable by anyone and any screen reader), with what nothing routes to below.
 */
export function KubeTopologyView(props: { endpointId: string; namespace: string; showNodes: boolean }) {
  const ns = props.namespace || undefined;
  const ingresses = useTopic<IngressRow>(storeTopic(props.endpointId, "k8s-ingresses", ns));
  const services = useTopic<ServiceRow>(storeTopic(props.endpointId, "k8s-services", ns));
  const pods = useTopic<PodRow>(storeTopic(props.endpointId, "k8s-pods", ns));
  const t = useMemo(
    () => buildKubeTopology(ingresses.items, services.items, pods.items),
    [ingresses.items, services.items, pods.items],
  );
  const base = `/endpoints/${encodeURIComponent(props.endpointId)}/k8s`;
  const href = (resource: string, namespace: string, name: string) =>
    `${base}/${resource}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  const podItem = (namespace: string, p: TopologyPod) => (
    <li key={p.name}>
      Pod{" "}
      <Link className="text-blue-600 hover:underline" href={href("pods", namespace, p.name)}>
        {p.name}
      </Link>{" "}
      ({p.status}) on node{" "}
      {p.node ? (
        props.showNodes ? (
          <Link className="text-blue-600 hover:underline" href={href("nodes", "-", p.node)}>
            {p.node}
          </Link>
        ) : (
          p.node
        )
      ) : (
        "<none>"
      )}
    </li>
  );
  const serviceItem = (s: TopologyService) => (
    <li key={s.id}>
      Service{" "}
      <Link className="text-blue-600 hover:underline" href={href("services", s.namespace, s.name)}>
        {s.name}
      </Link>{" "}
      <span className="text-slate-500">
        {s.type} {s.ports}
      </span>
      {s.pods.length ? (
        <ul className="ml-5 list-disc">{s.pods.map((p) => podItem(s.namespace, p))}</ul>
      ) : (
        <p className="ml-5 text-slate-500">selects no pod</p>
      )}
    </li>
  );
  const live = [ingresses, services, pods].every((x) => x.status === "live");
  return (
    <div className="space-y-4 text-sm">
      <p role="status" className="text-xs text-slate-500">
        {live ? "Live" : "Connecting…"}
      </p>
      <section aria-label="Ingresses">
        <h2 className="text-lg font-semibold">Ingresses</h2>
        {t.ingresses.length === 0 && <p className="text-slate-500">No ingresses.</p>}
        <ul className="list-disc pl-5">
          {t.ingresses.map((i) => (
            <li key={i.id}>
              Ingress{" "}
              <Link className="text-blue-600 hover:underline" href={href("ingresses", i.namespace, i.name)}>
                {i.name}
              </Link>{" "}
              <span className="text-slate-500">{i.hosts}</span>
              <ul className="ml-5 list-disc">
                {i.services.map(serviceItem)}
                {i.missing.map((m) => (
                  <li key={`missing-${m}`} className="text-red-700">
                    Service {m} (not found)
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Services no ingress routes to">
        <h2 className="text-lg font-semibold">Services no ingress routes to</h2>
        <ul className="list-disc pl-5">{t.internal.map(serviceItem)}</ul>
      </section>
      <section aria-label="Pods no service selects">
        <h2 className="text-lg font-semibold">Pods no service selects</h2>
        <ul className="list-disc pl-5">
          {t.unexposed.map((p) => {
            const row = pods.items.find((x) => x.name === p.name);
            return podItem(row?.namespace ?? props.namespace, p);
          })}
        </ul>
      </section>
    </div>
  );
}
