import { describe, expect, it } from "vitest";
import type { Actor } from "./domain";
import { can } from "./policy";

const admin: Actor = { id: "a", username: "admin", isAdmin: true, grants: {} };
const user: Actor = { id: "u", username: "u", isAdmin: false, grants: { op: "operator", view: "viewer" } };

describe("workbench permissions", () => {
  it("lets admins and operators open a console and see inspect secrets; viewers neither", () => {
    for (const action of ["container:exec", "container:inspect-secrets"] as const) {
      expect(can(admin, action, { endpointId: "any" })).toBe(true);
      expect(can(user, action, { endpointId: "op" })).toBe(true);
      expect(can(user, action, { endpointId: "view" })).toBe(false);
      expect(can(user, action, { endpointId: "other" })).toBe(false);
    }
    // viewers still read logs and stats (container:read)
    expect(can(user, "container:read", { endpointId: "view" })).toBe(true);
  });
});
