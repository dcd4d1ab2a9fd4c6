import { describe, expect, it } from "vitest";
import type { Actor } from "./domain";
import { allowedNamespaces, can, visibleEndpointIds } from "./policy";

const admin: Actor = { id: "a", username: "admin", isAdmin: true, grants: {} };
const op: Actor = { id: "o", username: "op", isAdmin: false, grants: { e1: "operator", e2: "viewer" } };

describe("can", () => {
  it("denies an absent actor everything", () => {
    expect(can(null, "container:read", { endpointId: "e1" })).toBe(false);
    expect(can(undefined, "endpoint:read", { endpointId: "e1" })).toBe(false);
  });
  it("allows admins everything", () => {
    expect(can(admin, "user:manage")).toBe(true);
    expect(can(admin, "container:operate", { endpointId: "anything" })).toBe(true);
  });
  it("scopes non-admins to their grants", () => {
    expect(can(op, "container:operate", { endpointId: "e1" })).toBe(true);
    expect(can(op, "container:read", { endpointId: "e2" })).toBe(true);
    expect(can(op, "container:operate", { endpointId: "e2" })).toBe(false);
    expect(can(op, "container:read", { endpointId: "e3" })).toBe(false);
    expect(can(op, "container:read")).toBe(false);
    expect(can(op, "user:manage")).toBe(false);
    expect(can(op, "endpoint:manage", { endpointId: "e1" })).toBe(false);
  });
  it("is not fooled by prototype keys as endpoint ids", () => {
    expect(can(op, "container:read", { endpointId: "__proto__" })).toBe(false);
    expect(can(op, "container:read", { endpointId: "constructor" })).toBe(false);
  });
  it("lists visible endpoints", () => {
    expect(visibleEndpointIds(admin)).toBeNull();
    expect([...(visibleEndpointIds(op) ?? [])].sort()).toEqual(["e1", "e2"]);
  });
});

describe("container:create", () => {
  it("is for operators of the endpoint and admins, never viewers", () => {
    expect(can(op, "container:create", { endpointId: "e1" })).toBe(true);
    expect(can(op, "container:create", { endpointId: "e2" })).toBe(false);
    expect(can(op, "container:create", { endpointId: "e3" })).toBe(false);
    expect(can(admin, "container:create", { endpointId: "e3" })).toBe(true);
    expect(can(op, "settings:manage")).toBe(false);
    expect(can(admin, "settings:manage")).toBe(true);
  });
});

describe("access management actions", () => {
  it("are global and admin-only", () => {
    const viewer: Actor = { id: "v", username: "v", isAdmin: false, grants: { e1: "viewer" } };
    for (const a of [
      "user:manage",
      "team:manage",
      "grant:manage",
      "settings:manage",
      "audit:read",
      "statuspage:manage",
      "alert:channels",
    ] as const) {
      expect(can(admin, a)).toBe(true);
      expect(can(op, a)).toBe(false);
      expect(can(op, a, { endpointId: "e1" })).toBe(false);
      expect(can(viewer, a, { endpointId: "e1" })).toBe(false);
    }
  });
});

describe("alert rules", () => {
  it("are managed by operators of the endpoint, not its viewers or operators elsewhere", () => {
    const viewer: Actor = { id: "v", username: "v", isAdmin: false, grants: { e1: "viewer" } };
    expect(can(op, "alert:rules", { endpointId: "e1" })).toBe(true);
    expect(can(op, "alert:rules", { endpointId: "e3" })).toBe(false);
    expect(can(viewer, "alert:rules", { endpointId: "e1" })).toBe(false);
    expect(can(admin, "alert:rules", { endpointId: "e3" })).toBe(true);
  });
});

describe("resource permissions", () => {
  const viewer: Actor = { id: "v", username: "v", isAdmin: false, grants: { e1: "viewer" } };
  it("lets viewers read and operators manage images, networks, volumes and events", () => {
    for (const a of ["image:read", "network:read", "volume:read", "event:read"] as const) {
      expect(can(viewer, a, { endpointId: "e1" })).toBe(true);
      expect(can(op, a, { endpointId: "e1" })).toBe(true);
    }
    for (const a of ["image:manage", "network:manage", "volume:manage"] as const) {
      expect(can(viewer, a, { endpointId: "e1" })).toBe(false);
      expect(can(op, a, { endpointId: "e1" })).toBe(true);
      expect(can(op, a, { endpointId: "e3" })).toBe(false);
    }
    expect(can(op, "registry:manage")).toBe(false);
    expect(can(admin, "registry:manage")).toBe(true);
  });
});

describe("namespace grants (Kubernetes)", () => {
  // Viewer of the whole cluster k1, operator in "team-a" only; operator in "team-b" of k2 and nothing else there.
  const ns: Actor = {
    id: "n",
    username: "ns",
    isAdmin: false,
    grants: { k1: "operator", k2: "operator", d1: "operator" },
    namespaced: {
      k1: { all: "viewer", byNamespace: { "team-a": "operator" } },
      k2: { byNamespace: { "team-b": "operator" } },
    },
  };
  it("acts only in the namespaces that grant it, reads where any grant reaches", () => {
    expect(can(ns, "kube:operate", { endpointId: "k1", namespace: "team-a" })).toBe(true);
    expect(can(ns, "kube:operate", { endpointId: "k1", namespace: "team-z" })).toBe(false);
    expect(can(ns, "kube:read", { endpointId: "k1", namespace: "team-z" })).toBe(true);
    expect(can(ns, "kube:read", { endpointId: "k1" })).toBe(true);
    expect(can(ns, "kube:operate", { endpointId: "k1" })).toBe(false);
  });
  it("without a cluster-wide grant: only its namespaces, never all of them or cluster objects", () => {
    expect(can(ns, "endpoint:read", { endpointId: "k2" })).toBe(true);
    expect(can(ns, "kube:read", { endpointId: "k2", namespace: "team-b" })).toBe(true);
    expect(can(ns, "kube:exec", { endpointId: "k2", namespace: "team-b" })).toBe(true);
    expect(can(ns, "kube:read", { endpointId: "k2", namespace: "kube-system" })).toBe(false);
    expect(can(ns, "kube:read", { endpointId: "k2" })).toBe(false);
    expect(can(ns, "kube:cluster", { endpointId: "k2", namespace: "team-b" })).toBe(false);
    expect(can(ns, "kube:reveal-secret", { endpointId: "k2", namespace: "team-b" })).toBe(false);
  });
  it("Docker endpoints ignore namespaces; prototype keys are no namespaces", () => {
    expect(can(ns, "container:operate", { endpointId: "d1", namespace: "whatever" })).toBe(true);
    expect(can(ns, "kube:read", { endpointId: "k2", namespace: "__proto__" })).toBe(false);
    expect(can(ns, "kube:read", { endpointId: "k2", namespace: "constructor" })).toBe(false);
  });
  it("lists the namespaces an actor may use", () => {
    expect(allowedNamespaces(ns, "k1", "kube:read")).toBeNull();
    expect(allowedNamespaces(ns, "k1", "kube:operate")).toEqual(["team-a"]);
    expect(allowedNamespaces(ns, "k2", "kube:read")).toEqual(["team-b"]);
    expect(allowedNamespaces(ns, "k3", "kube:read")).toEqual([]);
    expect(allowedNamespaces(admin, "k2", "kube:operate")).toBeNull();
  });
});
