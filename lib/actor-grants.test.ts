import { describe, expect, it } from "vitest";
import { foldGrants, parseNamespaces } from "./actor-grants";
import { can } from "./policy";

describe("foldGrants", () => {
  it("keeps endpoints without namespace grants as plain roles", () => {
    expect(foldGrants([{ endpointId: "d", role: "viewer", namespaces: null }])).toEqual({ grants: { d: "viewer" } });
  });
  it("adds teams up: cluster-wide viewer plus operator in one namespace", () => {
    const f = foldGrants([
      { endpointId: "k", role: "viewer", namespaces: null },
      { endpointId: "k", role: "operator", namespaces: ["a", "b"] },
      { endpointId: "k", role: "viewer", namespaces: ["b", "c"] },
    ]);
    expect(f.grants).toEqual({ k: "operator" });
    expect(f.namespaced?.k).toEqual({ all: "viewer", byNamespace: { a: "operator", b: "operator", c: "viewer" } });
    const actor = { id: "u", username: "u", isAdmin: false, ...f };
    expect(can(actor, "kube:operate", { endpointId: "k", namespace: "b" })).toBe(true);
    expect(can(actor, "kube:operate", { endpointId: "k", namespace: "c" })).toBe(false);
    expect(can(actor, "kube:read", { endpointId: "k" })).toBe(true);
  });
  it("an empty namespace list shows the endpoint but allows nothing in it", () => {
    const f = foldGrants([{ endpointId: "k", role: "operator", namespaces: [] }]);
    const actor = { id: "u", username: "u", isAdmin: false, ...f };
    expect(can(actor, "endpoint:read", { endpointId: "k" })).toBe(true);
    expect(can(actor, "kube:read", { endpointId: "k" })).toBe(false);
    expect(can(actor, "kube:read", { endpointId: "k", namespace: "a" })).toBe(false);
  });
  it("ignores unknown roles", () => {
    expect(foldGrants([{ endpointId: "k", role: "root", namespaces: ["a"] }])).toEqual({ grants: {} });
  });
});

describe("parseNamespaces", () => {
  it("reads the column: only NULL is all; garbage is no namespace (fails closed)", () => {
    expect(parseNamespaces(null)).toBeNull();
    expect(parseNamespaces("[]")).toEqual([]);
    expect(parseNamespaces('"x"')).toEqual([]);
    expect(parseNamespaces('["a","b"]')).toEqual(["a", "b"]);
    expect(parseNamespaces("{oops")).toEqual([]);
  });
});
