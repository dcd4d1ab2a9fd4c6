import { describe, expect, it } from "vitest";
import { breadcrumbs, currentItem, endpointIdOfPath, type NavPermissions, navGroups, sectionHref } from "./shell-nav";

const none: NavPermissions = {
  endpointManage: false,
  userManage: false,
  teamManage: false,
  registryManage: false,
  statusPageManage: false,
  settingsManage: false,
  auditRead: false,
};
const all: NavPermissions = Object.fromEntries(Object.keys(none).map((k) => [k, true])) as unknown as NavPermissions;
const local = { kind: "endpoint", id: "local", name: "local", features: [] } as const;

describe("navGroups", () => {
  it("shows admin items only to those allowed", () => {
    const labels = (p: NavPermissions) =>
      navGroups(local, p)
        .find((g) => g.label === "Administration")
        ?.items.map((i) => i.label);
    expect(labels(none)).toEqual(["Endpoints"]);
    expect(labels(all)).toEqual([
      "Endpoints",
      "Users",
      "Teams",
      "Registries",
      "Status pages",
      "Settings",
      "Backup",
      "Audit",
    ]);
  });
  it("scopes resource links to the current endpoint, or to all endpoints", () => {
    expect(navGroups(local, none)[1]?.items[0]?.href).toBe("/endpoints/local/containers");
    expect(navGroups({ kind: "all" }, none)[1]?.items[0]?.href).toBe("/containers");
  });
  it("shows Swarm and Kubernetes sections only for endpoints that have them", () => {
    const groups = (features: string[]) => navGroups({ ...local, features }, none).map((g) => g.label);
    expect(groups([])).not.toContain("Swarm");
    expect(groups(["swarm"])).toContain("Swarm");
    expect(groups(["kubernetes"])).toContain("Kubernetes");
    expect(groups(["kubernetes"])).not.toContain("Swarm");
  });
  it("gives a Kubernetes endpoint its cluster section instead of the Docker one", () => {
    const g = navGroups({ ...local, id: "k", features: ["kubernetes"] }, none);
    expect(g.map((x) => x.label)).toEqual(["Overview", "Kubernetes", "Administration"]);
    const items = g[1]!.items;
    expect(items[0]).toMatchObject({ label: "Cluster", href: "/endpoints/k/k8s" });
    expect(items.map((i) => i.label)).toContain("Pods");
    expect(items.some((i) => i.href.endsWith("/containers"))).toBe(false);
    expect(currentItem(g, "/endpoints/k/k8s/pods/default/web-1")?.label).toBe("Pods");
    expect(currentItem(g, "/endpoints/k/k8s")?.label).toBe("Cluster");
  });
  it("lists Compose stacks for Docker endpoints and across endpoints, not for Kubernetes", () => {
    const items = (scope: Parameters<typeof navGroups>[0]) => navGroups(scope, none)[1]?.items.map((i) => i.href);
    expect(items(local)).toContain("/endpoints/local/stacks");
    expect(items({ kind: "all" })).toContain("/stacks");
    expect(items({ ...local, features: ["kubernetes"] })).not.toContain("/endpoints/local/stacks");
    expect(sectionHref("/endpoints/a/stacks", { kind: "all" })).toBe("/stacks");
  });
});

describe("currentItem", () => {
  const groups = navGroups(local, all);
  it("matches exactly, then by the longest prefix", () => {
    expect(currentItem(groups, "/")?.label).toBe("Home");
    expect(currentItem(groups, "/endpoints/local/containers/abc")?.label).toBe("Containers");
    expect(currentItem(groups, "/endpoints")?.label).toBe("Endpoints");
    expect(currentItem(groups, "/nowhere")).toBeUndefined();
  });
});

describe("paths", () => {
  it("finds the endpoint of a path and the same section elsewhere", () => {
    expect(endpointIdOfPath("/endpoints/a%20b/images/x")).toBe("a b");
    expect(endpointIdOfPath("/endpoints")).toBeNull();
    expect(sectionHref("/endpoints/a/images/sha256:1", { kind: "all" })).toBe("/images");
    expect(sectionHref("/events", { kind: "endpoint", id: "b" })).toBe("/endpoints/b/events");
    expect(sectionHref("/admin/users", { kind: "endpoint", id: "b" })).toBe("/endpoints/b/containers");
    // Kubernetes endpoints keep the cluster section; a Docker endpoint reached from one opens its containers.
    expect(sectionHref("/endpoints/a/k8s/pods/ns/p", { kind: "endpoint", id: "k" }, ["kubernetes"])).toBe(
      "/endpoints/k/k8s/pods",
    );
    expect(sectionHref("/endpoints/a/images", { kind: "endpoint", id: "k" }, ["kubernetes"])).toBe("/endpoints/k/k8s");
    expect(sectionHref("/endpoints/k/k8s/pods", { kind: "endpoint", id: "d" }, ["docker"])).toBe(
      "/endpoints/d/containers",
    );
  });
  it("builds breadcrumbs with the endpoint's name and short ids", () => {
    const id = "a".repeat(64);
    expect(breadcrumbs(`/endpoints/e1/containers/${id}`, () => "prod")).toEqual([
      { label: "Home", href: "/" },
      { label: "prod", href: "/endpoints/e1/containers" },
      { label: "Containers", href: "/endpoints/e1/containers" },
      { label: "aaaaaaaaaaaa", href: undefined },
    ]);
    expect(breadcrumbs("/endpoints/k/k8s/pods/default/web-1", () => "kube")).toEqual([
      { label: "Home", href: "/" },
      { label: "kube", href: "/endpoints/k/k8s" },
      { label: "Cluster", href: "/endpoints/k/k8s" },
      { label: "Pods", href: "/endpoints/k/k8s/pods" },
      { label: "default", href: "/endpoints/k/k8s/pods/default" },
      { label: "web-1", href: undefined },
    ]);
    expect(breadcrumbs("/endpoints/k/k8s/nodes/-/n1", () => "kube").map((c) => c.label)).toEqual([
      "Home",
      "kube",
      "Cluster",
      "Nodes",
      "n1",
    ]);
    expect(breadcrumbs("/admin/users", () => undefined).map((c) => c.label)).toEqual([
      "Home",
      "Administration",
      "Users",
    ]);
  });
});
