import { describe, expect, it } from "vitest";
import { type SwarmService, type SwarmTask, servicesByNetwork, taskHistory, updateProgress } from "./swarm";

const svc = (over: Partial<SwarmService> = {}): SwarmService => ({
  id: "s1",
  name: "web",
  mode: "replicated",
  replicas: 3,
  running: 3,
  desired: 3,
  image: "busybox",
  ports: [],
  labels: {},
  endpointMode: "dnsrr",
  networks: [],
  template: "new",
  createdAt: "",
  updatedAt: "",
  version: 1,
  ...over,
});

let n = 0;
const task = (over: Partial<SwarmTask> = {}): SwarmTask => ({
  id: `t${++n}`,
  serviceId: "s1",
  nodeId: "n1",
  slot: 1,
  desiredState: "running",
  state: "running",
  message: "",
  image: "busybox",
  template: "new",
  createdAt: `2026-01-01T00:00:0${n % 10}Z`,
  timestamp: "",
  ...over,
});

describe("updateProgress", () => {
  it("counts running tasks on the current spec against the tasks wanted, and says whether it rolls", () => {
    const tasks = [
      task({ slot: 1 }),
      task({ slot: 2, template: "old" }),
      task({ slot: 3, state: "starting" }),
      task({ slot: 2, desiredState: "shutdown", state: "running", template: "old" }),
      task({ serviceId: "other" }),
    ];
    expect(updateProgress(svc({ updateStatus: { state: "updating" } }), tasks)).toEqual({
      updated: 1,
      desired: 3,
      rolling: true,
    });
    expect(updateProgress(svc({ updateStatus: { state: "completed" } }), tasks).rolling).toBe(false);
  });
});

describe("taskHistory", () => {
  it("groups by slot, newest first, with the tasks each replaced as its history", () => {
    const failed = task({ slot: 1, state: "failed", desiredState: "shutdown", createdAt: "2026-01-01T00:00:01Z" });
    const current = task({ slot: 1, createdAt: "2026-01-01T00:00:05Z" });
    const other = task({ slot: 2, createdAt: "2026-01-01T00:00:03Z" });
    const groups = taskHistory([failed, other, current]);
    expect(groups.map((g) => [g.current.id, g.previous.map((p) => p.id)])).toEqual([
      [current.id, [failed.id]],
      [other.id, []],
    ]);
  });

  it("groups a global service's tasks by node", () => {
    const a = task({ slot: undefined, nodeId: "na", createdAt: "2026-01-01T00:00:01Z" });
    const b = task({ slot: undefined, nodeId: "na", createdAt: "2026-01-01T00:00:02Z" });
    const c = task({ slot: undefined, nodeId: "nb" });
    const groups = taskHistory([a, b, c]);
    expect(groups).toHaveLength(2);
    expect(groups[0]?.current.id).toBe(b.id);
    expect(groups[0]?.previous.map((t) => t.id)).toEqual([a.id]);
  });
});

describe("servicesByNetwork", () => {
  it("maps services to networks named by id or by name, each name once", () => {
    const nets = [
      { key: "ep/n1", id: "n1", name: "front" },
      { key: "ep/n2", id: "n2", name: "back" },
    ];
    const out = servicesByNetwork(nets, [
      { name: "web", networks: ["n1", "n1"] },
      { name: "api", networks: ["back", "n1"] },
      { name: "lost", networks: ["gone"] },
    ]);
    expect(out).toEqual({ "ep/n1": ["api", "web"], "ep/n2": ["api"] });
  });
});
