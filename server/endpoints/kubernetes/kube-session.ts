import type { UserError } from "@/lib/errors";
import { KUBE_RESOURCES, type KubeResource, type KubeRow, type KubeStoreState } from "@/lib/kube-types";
import type { Logger } from "@/server/log";
import type { EndpointTarget } from "../driver";
import type { KeyedStore } from "../keyed-store";
import { type Capability, type Connected, EndpointSession } from "../session";
import { customInformer, getCrd, listCrds } from "./custom-resources";
import { InformerPool, type RowSink, type Scope } from "./informer-pool";
import type { KubeAccess } from "./kube-access";
import { KubeClient } from "./kube-client";
import { type KubeCredentials, kubeConfigFor } from "./kube-config";
import { type Discovery, discover, getVersion, hasMetrics, servedVersion } from "./kube-discovery";
import { describeKubeError, kubeUserError } from "./kube-errors";
import { formatExecRef, kubeExecSource } from "./kube-exec";
import { kubeLogSource } from "./kube-logs";
import { RESOURCE_DEFS } from "./resources";

/** Store names of a Kubernetes endpoint: `k8s-pods`, `k8s-deployments`... (prefixed: "services" is Swarm's). */
export const kubeStoreName = (r: KubeResource) => `k8s-${r}`;
/** The informers' states, one item per live (resource, scope): lets a page tell "empty" from "forbidden". */
export const INFORMER_STORE = "k8s-informers";

export interface InformerStatus extends KubeStoreState {
  /** `<namespace>/<resource>`, or "*" + "/<resource>" for all namespaces (keyed like namespaced rows). */
  id: string;
  resource: KubeResource;
  scope: Scope;
  /** Set for one namespace's informer: viewers limited to that namespace may subscribe to its state. */
  namespace?: string;
}

const informerStatus = (resource: KubeResource, scope: Scope, st: KubeStoreState): InformerStatus => ({
  id: `${scope}/${resource}`,
  resource,
  scope,
  ...(scope === "*" ? {} : { namespace: scope }),
  ...st,
});

const CAPS: ReadonlySet<Capability> = new Set(["kubernetes", "logs", "exec", "events"]);

/**
 * One Kubernetes cluster. Unlike a Docker engine there is no single events stream to keep open: each store is fed by
 * shared informers that viewers start through `retain` (the store topic calls it) and that stop shortly after the
 * last viewer, so an idle endpoint costs one /version ping every few seconds.
 */
export class KubeSession extends EndpointSession {
  readonly kind = "kubernetes" as const;
  readonly client: KubeClient;
  discovery: Discovery | undefined;
  readonly pool: InformerPool;
  private readonly informerStates: KeyedStore<InformerStatus>;

  constructor(endpointId: string, target: EndpointTarget, log: Logger, lingerMs?: number) {
    super(endpointId, log, { pingEveryMs: 5_000, reconcileEveryMs: 300_000, backoffMinMs: 500, backoffMaxMs: 15_000 });
    this.client = new KubeClient(kubeConfigFor(target.url, target.credentials as KubeCredentials | undefined));
    for (const r of KUBE_RESOURCES) this.addStore<KubeRow>(kubeStoreName(r), (row) => row.id);
    this.informerStates = this.addStore<InformerStatus>(INFORMER_STORE, (s) => s.id);
    this.pool = new InformerPool(
      this.client,
      (r) => this.store<KubeRow>(kubeStoreName(r)) as RowSink | undefined,
      (r) => servedVersion(this.discovery, r),
      log.child({ endpointId }),
      (resource, scope, st) => this.informerStates.upsert(informerStatus(resource, scope, st)),
      lingerMs,
    );
    this.exec = kubeExecSource(this.client);
    // Pod and workload logs through the shared log streams (server/hub/log-stream.ts).
    this.logs = kubeLogSource(
      this.client,
      (r) => servedVersion(this.discovery, r as KubeResource) ?? RESOURCE_DEFS[r as KubeResource].versions[0]!,
    );
  }

  get capabilities(): ReadonlySet<Capability> {
    return hasMetrics(this.discovery) ? new Set([...CAPS, "metrics"]) : CAPS;
  }

  /** Starts (or shares) the informer behind one store and namespace; the returned function lets go of it. */
  override retain(store: string, namespace?: string): () => void {
    const r = store.startsWith("k8s-") ? (store.slice(4) as KubeResource) : undefined;
    if (!r || !KUBE_RESOURCES.includes(r)) return () => {};
    const scope = namespace ?? "*";
    const inf = this.pool.acquire(r, scope);
    this.informerStates.upsert(informerStatus(r, scope, inf.state));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.pool.release(r, scope);
    };
  }

  access(): KubeAccess {
    return {
      endpointId: this.endpointId,
      health: this.health,
      client: this.client,
      discovery: () => this.discovery,
      versionOf: (r) => servedVersion(this.discovery, r) ?? undefined,
      pool: this.pool,
      store: (r) => this.store<KubeRow>(kubeStoreName(r))!,
      metricsAvailable: () => hasMetrics(this.discovery),
      exec: (ns, pod, container, o) => this.exec!.open(formatExecRef(ns, pod, container), o),
      describeError: (err) => describeKubeError(err),
      listCrds: () => listCrds(this.client),
      getCrd: (name) => getCrd(this.client, name),
      customInformer: (crd, ns) => customInformer(this.client, crd, ns),
    };
  }

  describeError(err: unknown): string {
    return describeKubeError(err);
  }

  userError(err: unknown): UserError {
    return kubeUserError(err);
  }

  protected async connect(): Promise<Connected> {
    const t0 = Date.now();
    this.discovery = await discover(this.client);
    const v = this.discovery.version;
    return { version: v.gitVersion, apiVersion: `${v.major}.${v.minor}`, latencyMs: Date.now() - t0 };
  }

  protected async probe(): Promise<number> {
    const t0 = Date.now();
    await getVersion(this.client, 5_000);
    return Date.now() - t0;
  }

  protected async reconcile(): Promise<void> {
    // Informers keep themselves current (410 Gone re-lists); only the served API versions are refreshed here.
    this.discovery = await discover(this.client);
  }

  protected dropUpstream(): void {
    // A failed ping: the base loop probes and reconnects (re-discovers). Informers reconnect by themselves.
    this.upstreamLost();
  }

  protected close(): void {
    this.pool.stopAll();
    this.client.close();
  }
}
