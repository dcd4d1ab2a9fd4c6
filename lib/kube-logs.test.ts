import { describe, expect, it } from "vitest";
import { formatKubeLogRef, KUBE_LOGS_PATTERN, kubeLogRefOfTopic, kubeLogsTopic, parseKubeLogRef } from "./kube-logs";

describe("kube log topics", () => {
  const ref = { namespace: "team-a", kind: "deployments", name: "web", container: "*", previous: false } as const;
  it("round-trips a ref through the topic name and the source's container id", () => {
    const topic = kubeLogsTopic("k1", ref, { tail: 100, since: "1h", timestamps: true });
    expect(topic).toBe("endpoint:k1:ns:team-a:k8slogs:deployments:web:*:0:100:1h:1");
    const m = KUBE_LOGS_PATTERN.exec(topic);
    expect(m?.groups).toMatchObject({ endpointId: "k1", namespace: "team-a", tail: "100", since: "1h" });
    expect(kubeLogRefOfTopic(m!.groups!)).toEqual(ref);
    expect(parseKubeLogRef(formatKubeLogRef(ref))).toEqual(ref);
  });
  it("refuses what is not a pod, workload, namespace or container name", () => {
    expect(KUBE_LOGS_PATTERN.test("endpoint:k1:ns:Team:k8slogs:pods:web:main:0:100:all:0")).toBe(false);
    expect(KUBE_LOGS_PATTERN.test("endpoint:k1:ns:a:k8slogs:secrets:web:main:0:100:all:0")).toBe(false);
    expect(KUBE_LOGS_PATTERN.test("endpoint:k1:ns:a:k8slogs:pods:web:../x:0:100:all:0")).toBe(false);
    expect(parseKubeLogRef("a/pods/web/main/0/extra")).toBeNull();
    expect(parseKubeLogRef("a/nodes/web/main/0")).toBeNull();
  });
});
