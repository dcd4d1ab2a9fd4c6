import { describe, expect, it } from "vitest";
import type { Actor } from "./domain";
import { can, visibleEndpointIds } from "./policy";

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
