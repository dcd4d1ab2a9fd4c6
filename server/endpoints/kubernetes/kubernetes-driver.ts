import { type KubeConnectionInput, kubeConnectionInput } from "@/lib/kube-connection";
import { KUBE_RESOURCES } from "@/lib/kube-types";
import { DownSession } from "../down-session";
import type { EndpointDriver } from "../driver";
import { type KubeCredentials, normalizeKubeConnection } from "./kube-config";
import { INFORMER_STORE, KubeSession, kubeStoreName } from "./kube-session";
import { testKubeConnection } from "./test-connection";

/** Kubernetes clusters: a kubeconfig context, a server URL with a bearer token, or the in-cluster service account. */
export const kubernetesDriver: EndpointDriver<KubeConnectionInput> = {
  kind: "kubernetes",
  label: "Kubernetes",
  connection: kubeConnectionInput,
  urlOf: (c) => normalizeKubeConnection(c).url,
  credentials: (c) => normalizeKubeConnection(c).credentials,
  describe(url) {
    try {
      const u = new URL(url);
      return { address: `${u.protocol}//${u.host}`, transport: u.protocol === "https:" ? "tls" : "tcp" };
    } catch {
      return { address: "(invalid address)" };
    }
  },
  async test(target) {
    const r = await testKubeConnection(target.url, (target.credentials ?? {}) as KubeCredentials);
    return r.ok ? { ok: true, version: r.version, apiVersion: r.apiVersion } : r;
  },
  open(endpointId, target, log) {
    try {
      return new KubeSession(endpointId, target, log);
    } catch (err) {
      return new DownSession(endpointId, "kubernetes", `Unusable cluster settings: ${(err as Error).message}`, log);
    }
  },
  stores: [
    ...KUBE_RESOURCES.map((r) => ({ name: kubeStoreName(r), permission: "kube:read" as const })),
    { name: INFORMER_STORE, permission: "kube:read" as const },
  ],
};
