import type { EndpointHealth } from "@/lib/domain";
import type { CrdInfo, CustomRow, KubeResource, KubeRow } from "@/lib/kube-types";
import type { KeyedStore } from "../keyed-store";
import type { ExecOptions, ExecProcess } from "../session";
import type { Informer } from "./informer";
import type { InformerPool } from "./informer-pool";
import type { KubeClient } from "./kube-client";
import type { Discovery } from "./kube-discovery";

/**
 * What a service gets from `kubeOf(endpointId)`: the API client and the live stores of one cluster. Services see
 * this interface only, never the session class.
 */
export interface KubeAccess {
  readonly endpointId: string;
  readonly health: EndpointHealth;
  readonly client: KubeClient;
  discovery(): Discovery | undefined;
  /** The API version this cluster serves a resource at (CronJobs: batch/v1beta1 on 1.20). */
  versionOf(r: KubeResource): string | undefined;
  readonly pool: InformerPool;
  store(r: KubeResource): KeyedStore<KubeRow>;
  metricsAvailable(): boolean;
  /** A TTY in a pod's container over the exec websocket. */
  exec(namespace: string, pod: string, container: string, o: ExecOptions): Promise<ExecProcess>;
  /** Words a user can act on for an error of this cluster. */
  describeError(err: unknown): string;
  /** CustomResourceDefinitions, and a live list of one's objects (not started: the caller starts and stops it). */
  listCrds(): Promise<CrdInfo[]>;
  getCrd(name: string): Promise<CrdInfo | null>;
  customInformer(crd: CrdInfo, namespace?: string): Informer<CustomRow>;
}
