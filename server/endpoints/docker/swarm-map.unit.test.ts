import { describe, expect, it } from "vitest";
import { REDACTED } from "@/lib/redaction";
import { templateFingerprint, toSwarmNode, toSwarmObject, toSwarmService, toSwarmTask } from "./swarm-map";

// Engine JSON shaped as dockerd 20.10 answers GET /services, /tasks, /nodes, /secrets.
const template = {
  ContainerSpec: { Image: "busybox:latest", Env: ["DB_PASSWORD=hunter2"], Args: ["sleep", "3600"] },
  RestartPolicy: { Condition: "any", MaxAttempts: 0 },
  ForceUpdate: 0,
};

describe("swarm-map", () => {
  it("service summaries carry secret-looking label values redacted, and no env or command", () => {
    const s = toSwarmService(
      {
        ID: "s1",
        Spec: {
          Name: "web",
          Labels: { "db.password": "hunter2", "com.docker.stack.namespace": "shop", team: "a" },
          TaskTemplate: template,
          Mode: { Replicated: { Replicas: 2 } },
        },
      },
      { running: 2, wanted: 2 },
    );
    expect(s.labels).toEqual({ "db.password": REDACTED, "com.docker.stack.namespace": "shop", team: "a" });
    expect(s.stack).toBe("shop");
    expect(JSON.stringify(s)).not.toContain("hunter2");
  });

  it("node, secret and config labels are redacted the same way", () => {
    const node = toSwarmNode({ ID: "n", Spec: { Role: "worker", Labels: { api_token: "t0k", zone: "a" } } });
    expect(node.labels).toEqual({ api_token: REDACTED, zone: "a" });
    const secret = toSwarmObject({ ID: "x", Spec: { Name: "s", Labels: { "private-key": "k" } } });
    expect(secret.labels).toEqual({ "private-key": REDACTED });
  });

  it("a task made from the service's current template has the service's fingerprint; another spec has not", () => {
    const svc = toSwarmService({ ID: "s1", Spec: { Name: "web", TaskTemplate: template } }, { running: 0, wanted: 0 });
    // The engine may write keys in another order: same spec, same fingerprint.
    const reordered = {
      ForceUpdate: 0,
      RestartPolicy: { MaxAttempts: 0, Condition: "any" },
      ContainerSpec: { Args: ["sleep", "3600"], Env: ["DB_PASSWORD=hunter2"], Image: "busybox:latest" },
    };
    // A task's spec as dockerd answers it has no restart policy or runtime; a placement change replaces no task.
    const { RestartPolicy: _r, ...asTask } = reordered;
    const same = toSwarmTask({ ID: "t1", ServiceID: "s1", Spec: asTask, Status: {} });
    const placed = toSwarmTask({ ID: "t3", ServiceID: "s1", Spec: { ...asTask, Placement: { Constraints: ["x"] } } });
    const forced = toSwarmTask({ ID: "t2", ServiceID: "s1", Spec: { ...template, ForceUpdate: 1 }, Status: {} });
    expect(same.template).toBe(svc.template);
    expect(placed.template).toBe(svc.template);
    expect(forced.template).not.toBe(svc.template);
    expect(templateFingerprint(undefined)).toMatch(/^[0-9a-f]{8}$/);
  });
});
