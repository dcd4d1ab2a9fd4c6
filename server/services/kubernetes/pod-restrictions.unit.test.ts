import { describe, expect, it } from "vitest";
import { objectViolations } from "./pod-restrictions";

const podSpec = {
  hostNetwork: true,
  hostPID: true,
  volumes: [
    { name: "ok", emptyDir: {} },
    { name: "root", hostPath: { path: "/" } },
  ],
  containers: [
    { name: "a", securityContext: { privileged: true, capabilities: { add: ["SYS_ADMIN"] } } },
    { name: "b", image: "x" },
  ],
};

describe("pod spec restrictions for non-admins", () => {
  it("finds every forbidden field in every workload kind", () => {
    const expected = [
      "hostNetwork",
      "hostPID",
      "volumes[1].hostPath",
      "containers[0].securityContext.privileged",
      "containers[0].securityContext.capabilities.add",
    ];
    expect(objectViolations({ kind: "Pod", spec: podSpec })).toEqual(expected.map((e) => `spec.${e}`));
    for (const kind of ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"])
      expect(objectViolations({ kind, spec: { template: { spec: podSpec } } })).toEqual(
        expected.map((e) => `spec.template.spec.${e}`),
      );
    expect(
      objectViolations({ kind: "CronJob", spec: { jobTemplate: { spec: { template: { spec: podSpec } } } } }),
    ).toHaveLength(expected.length);
  });

  it("passes a plain pod and objects without a pod spec", () => {
    expect(objectViolations({ kind: "Pod", spec: { containers: [{ name: "a", image: "x" }] } })).toEqual([]);
    expect(objectViolations({ kind: "ConfigMap", data: { a: "b" } })).toEqual([]);
    expect(objectViolations("nonsense")).toEqual([]);
    expect(objectViolations({ kind: "Deployment", spec: { template: "x" } })).toEqual([]);
  });
});
