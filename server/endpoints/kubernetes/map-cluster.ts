import type {
  ConfigMapRow,
  EventRow,
  IngressRow,
  NamespaceRow,
  NodeRow,
  PvcRow,
  PvRow,
  SecretRow,
  ServiceRow,
} from "@/lib/kube-types";
import { arr, baseRow, bytesOf, cpuMilli, type KubeObject, num, str } from "./kube-object";

const keysOf = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v) : []);

export function mapNamespace(o: KubeObject): NamespaceRow {
  return { ...baseRow(o), status: str(o.status?.phase) };
}

export function mapNode(o: KubeObject): NodeRow {
  const st = o.status ?? {};
  const readyCond = arr<{ type?: string; status?: string }>(st.conditions).find((c) => c?.type === "Ready");
  const ready = readyCond?.status === "True";
  const unschedulable = o.spec?.unschedulable === true;
  const base = baseRow(o);
  const roles = Object.keys(base.labels)
    .filter((k) => k.startsWith("node-role.kubernetes.io/"))
    .map((k) => k.slice("node-role.kubernetes.io/".length))
    .filter(Boolean);
  const addr = arr<{ type?: string; address?: string }>(st.addresses).find((a) => a?.type === "InternalIP");
  return {
    ...base,
    status: `${!readyCond ? "Unknown" : ready ? "Ready" : "NotReady"}${unschedulable ? ",SchedulingDisabled" : ""}`,
    ready,
    unschedulable,
    roles: roles.join(",") || "<none>",
    version: str(st.nodeInfo?.kubeletVersion),
    internalIP: str(addr?.address),
    cpuCapacityMilli: cpuMilli(st.capacity?.cpu),
    memoryCapacityBytes: bytesOf(st.capacity?.memory),
    cpuAllocatableMilli: cpuMilli(st.allocatable?.cpu),
    memoryAllocatableBytes: bytesOf(st.allocatable?.memory),
    podsAllocatable: Number.parseInt(str(st.allocatable?.pods), 10) || 0,
  };
}

export function mapService(o: KubeObject): ServiceRow {
  const spec = o.spec ?? {};
  const lb = arr<{ ip?: string; hostname?: string }>(o.status?.loadBalancer?.ingress).map(
    (i) => str(i?.ip) || str(i?.hostname),
  );
  const external = [...arr<string>(spec.externalIPs).map(str), ...lb].filter(Boolean);
  const type = str(spec.type) || "ClusterIP";
  return {
    ...baseRow(o),
    type,
    clusterIP: str(spec.clusterIP) || "<none>",
    externalIP:
      type === "ExternalName"
        ? str(spec.externalName)
        : external.join(",") || (type === "LoadBalancer" ? "<pending>" : "<none>"),
    ports:
      arr<{ port?: number; nodePort?: number; protocol?: string }>(spec.ports)
        .map((p) => `${num(p?.port)}${p?.nodePort ? `:${p.nodePort}` : ""}/${str(p?.protocol) || "TCP"}`)
        .join(",") || "<none>",
    selector: Object.fromEntries(
      Object.entries(spec.selector ?? {}).filter(([, v]) => typeof v === "string"),
    ) as Record<string, string>,
  };
}

export function mapIngress(o: KubeObject): IngressRow {
  const spec = o.spec ?? {};
  const rules = arr<{ host?: string; http?: { paths?: { backend?: { service?: { name?: string } } }[] } }>(spec.rules);
  const backends = new Set<string>();
  const def = str(spec.defaultBackend?.service?.name);
  if (def) backends.add(def);
  for (const r of rules)
    for (const p of arr<{ backend?: { service?: { name?: string } } }>(r?.http?.paths)) {
      const n = str(p?.backend?.service?.name);
      if (n) backends.add(n);
    }
  const lb = arr<{ ip?: string; hostname?: string }>(o.status?.loadBalancer?.ingress).map(
    (i) => str(i?.ip) || str(i?.hostname),
  );
  return {
    ...baseRow(o),
    className: str(spec.ingressClassName) || str(o.metadata?.annotations?.["kubernetes.io/ingress.class"]) || "<none>",
    hosts:
      rules
        .map((r) => str(r?.host))
        .filter(Boolean)
        .join(",") || "*",
    address: lb.filter(Boolean).join(","),
    ports: arr(spec.tls).length ? "80, 443" : "80",
    backends: [...backends],
  };
}

export function mapConfigMap(o: KubeObject): ConfigMapRow {
  return { ...baseRow(o), data: keysOf(o.data).length + keysOf(o.binaryData).length };
}

/** Key names and counts only: a Secret's values never leave this function. */
export function mapSecret(o: KubeObject): SecretRow {
  const keys = [...keysOf(o.data), ...keysOf(o.stringData)];
  return { ...baseRow(o), type: str(o.type), data: keys.length, keys };
}

export function mapPvc(o: KubeObject): PvcRow {
  return {
    ...baseRow(o),
    status: str(o.status?.phase),
    volume: str(o.spec?.volumeName),
    capacity: str(o.status?.capacity?.storage),
    accessModes: shortModes(o.status?.accessModes ?? o.spec?.accessModes),
    storageClass: str(o.spec?.storageClassName),
  };
}

export function mapPv(o: KubeObject): PvRow {
  const ref = o.spec?.claimRef;
  return {
    ...baseRow(o),
    capacity: str(o.spec?.capacity?.storage),
    accessModes: shortModes(o.spec?.accessModes),
    reclaimPolicy: str(o.spec?.persistentVolumeReclaimPolicy),
    status: str(o.status?.phase),
    claim: ref ? `${str(ref.namespace)}/${str(ref.name)}` : "",
    storageClass: str(o.spec?.storageClassName),
    reason: str(o.status?.reason),
  };
}

function shortModes(modes: unknown): string {
  const short: Record<string, string> = {
    ReadWriteOnce: "RWO",
    ReadOnlyMany: "ROX",
    ReadWriteMany: "RWX",
    ReadWriteOncePod: "RWOP",
  };
  return arr<string>(modes)
    .map((m) => short[str(m)] ?? str(m))
    .join(",");
}

export function mapEvent(o: KubeObject): EventRow {
  const io = (o.involvedObject ?? {}) as { kind?: string; name?: string; uid?: string };
  const src = (o.source ?? {}) as { component?: string; host?: string };
  const series = (o.series ?? {}) as { count?: number; lastObservedTime?: string };
  const lastSeen =
    str(series.lastObservedTime) || str(o.lastTimestamp) || str(o.eventTime) || str(o.metadata?.creationTimestamp);
  return {
    ...baseRow(o),
    type: str(o.type) || "Normal",
    reason: str(o.reason),
    object: `${str(io.kind).toLowerCase()}/${str(io.name)}`,
    objectKind: str(io.kind),
    objectName: str(io.name),
    objectUid: str(io.uid),
    message: str(o.message).slice(0, 2000),
    count: num(series.count) || num(o.count) || 1,
    lastSeen,
    source: [str(src.component) || str(o.reportingComponent), str(src.host)].filter(Boolean).join(", "),
  };
}
