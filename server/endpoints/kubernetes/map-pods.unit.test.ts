import { describe, expect, it } from "vitest";
import { bytesOf, cpuMilli, selectorString } from "./kube-object";
import { mapPod, podStatus } from "./map-pods";

const pod = (status: object, spec: object = { containers: [{ name: "a" }] }, metadata: object = {}) => ({
  metadata: { name: "p", namespace: "ns", uid: "u", creationTimestamp: "2026-01-01T00:00:00Z", ...metadata },
  spec,
  status,
});

describe("podStatus (kubectl's STATUS column)", () => {
  it("is the phase when nothing more specific is known", () => {
    expect(podStatus(pod({ phase: "Pending" })).status).toBe("Pending");
  });

  it("names a waiting container's reason", () => {
    const p = pod({
      phase: "Pending",
      containerStatuses: [
        { name: "a", ready: false, restartCount: 3, state: { waiting: { reason: "CrashLoopBackOff" } } },
      ],
    });
    expect(podStatus(p)).toEqual({ status: "CrashLoopBackOff", restarts: 3, readyCount: 0 });
  });

  it("counts ready running containers", () => {
    const p = pod(
      {
        phase: "Running",
        containerStatuses: [
          { name: "a", ready: true, restartCount: 1, state: { running: {} } },
          { name: "b", ready: false, restartCount: 0, state: { running: {} } },
        ],
      },
      { containers: [{ name: "a" }, { name: "b" }] },
    );
    expect(mapPod(p)).toMatchObject({ ready: "1/2", status: "Running", restarts: 1 });
  });

  it("shows init progress and init failures", () => {
    const spec = { initContainers: [{ name: "i1" }, { name: "i2" }], containers: [{ name: "a" }] };
    const first = pod(
      {
        phase: "Pending",
        initContainerStatuses: [
          { name: "i1", state: { terminated: { exitCode: 0, reason: "Completed" } } },
          { name: "i2", state: { running: {} } },
        ],
      },
      spec,
    );
    expect(podStatus(first).status).toBe("Init:1/2");
    const failed = pod(
      {
        phase: "Pending",
        initContainerStatuses: [{ name: "i1", restartCount: 2, state: { terminated: { exitCode: 1 } } }],
      },
      spec,
    );
    expect(podStatus(failed)).toMatchObject({ status: "Init:ExitCode:1", restarts: 2 });
  });

  it("is Completed for a finished pod and Terminating while deleted", () => {
    const done = pod({
      phase: "Succeeded",
      containerStatuses: [{ name: "a", state: { terminated: { exitCode: 0, reason: "Completed" } } }],
    });
    expect(podStatus(done).status).toBe("Completed");
    const deleting = pod({ phase: "Running" }, undefined, { deletionTimestamp: "2026-01-01T00:01:00Z" });
    expect(podStatus(deleting).status).toBe("Terminating");
  });

  it("survives a hostile or empty object", () => {
    expect(mapPod({} as never)).toMatchObject({ id: "", ready: "0/0", status: "Unknown", restarts: 0 });
    const weird = { metadata: { name: "x", labels: { a: 1 } }, spec: { containers: "nope" }, status: { phase: 5 } };
    expect(mapPod(weird as never)).toMatchObject({ name: "x", labels: {}, containers: [], status: "Unknown" });
  });
});

describe("quantities and selectors", () => {
  it("reads CPU and memory quantities", () => {
    expect(cpuMilli("250m")).toBe(250);
    expect(cpuMilli("2")).toBe(2000);
    expect(cpuMilli("0.5")).toBe(500);
    expect(bytesOf("128Mi")).toBe(128 * 2 ** 20);
    expect(bytesOf("1G")).toBe(1e9);
    expect(bytesOf("4041872Ki")).toBe(4041872 * 1024);
    expect(bytesOf("garbage")).toBe(0);
  });

  it("prints selectors as kubectl does", () => {
    expect(selectorString({ matchLabels: { app: "web" } })).toBe("app=web");
    expect(
      selectorString({
        matchExpressions: [
          { key: "tier", operator: "In", values: ["a", "b"] },
          { key: "x", operator: "Exists" },
        ],
      }),
    ).toBe("tier in (a,b),x");
    expect(selectorString({ disk: "ssd" })).toBe("disk=ssd");
  });
});
