import { KubeApiError, KubeClient } from "./kube-client";
import { type KubeCredentials, kubeConfigFor } from "./kube-config";
import { getVersion } from "./kube-discovery";
import { describeKubeError } from "./kube-errors";

export type KubeTestResult =
  | {
      ok: true;
      version: string;
      apiVersion: string;
      /** Whether the credentials may list pods across all namespaces (else Berth works per namespace). */
      clusterWide: boolean;
      /** Things worth knowing that do not block saving. */
      notes: string[];
    }
  | { ok: false; reason: string };

interface RulesReview {
  status?: { resourceRules?: { verbs?: string[]; apiGroups?: string[]; resources?: string[] }[]; incomplete?: boolean };
}

interface AccessReview {
  status?: { allowed?: boolean };
}

const allows = (rules: NonNullable<RulesReview["status"]>["resourceRules"], verb: string, resource: string) =>
  (rules ?? []).some(
    (r) =>
      (r.verbs ?? []).some((v) => v === verb || v === "*") &&
      (r.apiGroups ?? []).some((g) => g === "" || g === "*") &&
      (r.resources ?? []).some((x) => x === resource || x === "*"),
  );

/**
 * What saving an endpoint checks: the server answers /version with these credentials, and what they may do
 * (SelfSubjectRulesReview in the namespace, SelfSubjectAccessReview for a cluster-wide pod list). Credentials that
 * may list pods neither cluster-wide nor in `namespace` fail with the API server's own words.
 */
export async function testKubeConnection(
  url: string,
  creds: KubeCredentials,
  namespace = "default",
): Promise<KubeTestResult> {
  let client: KubeClient;
  try {
    client = new KubeClient(kubeConfigFor(url, creds));
  } catch (e) {
    return { ok: false, reason: describeKubeError(e) };
  }
  try {
    const v = await getVersion(client);
    const ssar = await client.request<AccessReview>("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", {
      body: {
        apiVersion: "authorization.k8s.io/v1",
        kind: "SelfSubjectAccessReview",
        spec: { resourceAttributes: { verb: "list", resource: "pods" } },
      },
      timeoutMs: 10_000,
    });
    const clusterWide = ssar.status?.allowed === true;
    const notes: string[] = [];
    if (!clusterWide) {
      const rr = await client.request<RulesReview>("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", {
        body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectRulesReview", spec: { namespace } },
        timeoutMs: 10_000,
      });
      if (!allows(rr.status?.resourceRules, "list", "pods"))
        return {
          ok: false,
          reason: `Forbidden (403): these credentials may not list pods in the namespace "${namespace}" nor across namespaces. Grant them a Role (e.g. view) there, or name a namespace they may read.`,
        };
      notes.push(`These credentials may list pods in "${namespace}" only, not across namespaces.`);
    }
    return { ok: true, version: v.gitVersion, apiVersion: `${v.major}.${v.minor}`, clusterWide, notes };
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 403)
      return { ok: false, reason: `${describeKubeError(e)} (the credentials may not review their own access)` };
    return { ok: false, reason: describeKubeError(e) };
  } finally {
    client.close();
  }
}
