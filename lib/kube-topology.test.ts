import { describe, expect, it } from "vitest";
import { buildKubeTopology, selects } from "./kube-topology";
import type { IngressRow, PodRow, ServiceRow } from "./kube-types";

const base = { uid: "u", createdAt: "", owners: [], deleting: false, labels: {} };
const pod = (name: string, labels: Record<string, string>, node = "n1"): PodRow => ({
  ...base,
  id: `a/${name}`,
  name,
  namespace: "a",
  labels,
  ready: "1/1",
  status: "Running",
  phase: "Running",
  restarts: 0,
  ip: "",
  node,
  containers: ["main"],
  initContainers: [],
  cpuRequestMilli: 0,
  memoryRequestBytes: 0,
});
const svc = (name: string, selector: Record<string, string>): ServiceRow => ({
  ...base,
  id: `a/${name}`,
  name,
  namespace: "a",
  type: "ClusterIP",
  clusterIP: "10.0.0.1",
  externalIP: "<none>",
  ports: "80/TCP",
  selector,
});
const ing = (name: string, backends: string[]): IngressRow => ({
  ...base,
  id: `a/${name}`,
  name,
  namespace: "a",
  className: "",
  hosts: "web.example",
  address: "",
  ports: "80",
  backends,
});

describe("kube topology", () => {
  it("traces ingress -> service -> pods -> nodes, and lists what nothing routes to", () => {
    const t = buildKubeTopology(
      [ing("front", ["web", "ghost"])],
      [svc("web", { app: "web" }), svc("db", { app: "db" })],
      [pod("web-1", { app: "web" }, "n1"), pod("web-2", { app: "web", x: "y" }, "n2"), pod("batch", { app: "job" })],
    );
    expect(t.ingresses[0]!.services.map((s) => s.name)).toEqual(["web"]);
    expect(t.ingresses[0]!.services[0]!.pods.map((p) => `${p.name}@${p.node}`)).toEqual(["web-1@n1", "web-2@n2"]);
    expect(t.ingresses[0]!.missing).toEqual(["ghost"]);
    expect(t.internal.map((s) => s.name)).toEqual(["db"]);
    expect(t.unexposed.map((p) => p.name)).toEqual(["batch"]);
  });
  it("an empty selector selects nothing; prototype keys match nothing", () => {
    expect(selects({}, { app: "web" })).toBe(false);
    expect(selects({ constructor: "x" }, {})).toBe(false);
  });
});
