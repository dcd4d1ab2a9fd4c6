import { describe, expect, it } from "vitest";
import { inWindow, type PolicyEntry, policyFor } from "./update-policy";
import { maintenanceWindowInput, setUpdatePolicyInput } from "./update-policy-schemas";

const entry = (target: PolicyEntry["target"], name: string, policy: PolicyEntry["policy"]): PolicyEntry => ({
  target,
  name,
  policy,
  setBy: "u",
  setByName: "u",
  setAt: 0,
});
const at = (hhmm: string) => Date.parse(`2026-11-29T${hhmm}:00Z`);

describe("update policies", () => {
  it("a container's own policy wins over its stack's, and the default is notify", () => {
    const p = { entries: [entry("stack", "shop", "auto"), entry("container", "shop-db-1", "off")] };
    const shop = { "com.docker.compose.project": "shop" };
    expect(policyFor(p, { name: "shop-web-1", labels: shop }).policy).toBe("auto");
    expect(policyFor(p, { name: "shop-db-1", labels: shop }).policy).toBe("off");
    expect(policyFor(p, { name: "lone", labels: {} })).toEqual({ policy: "notify", entry: null });
    expect(policyFor(p, { name: "other-web-1", labels: { "com.docker.compose.project": "other" } }).policy).toBe(
      "notify",
    );
  });

  it("windows are UTC, end-exclusive, and may wrap midnight", () => {
    const day = { from: "02:00", to: "04:00" };
    expect(inWindow(at("02:00"), day)).toBe(true);
    expect(inWindow(at("03:59"), day)).toBe(true);
    expect(inWindow(at("04:00"), day)).toBe(false);
    expect(inWindow(at("01:59"), day)).toBe(false);
    const night = { from: "22:00", to: "03:00" };
    expect(inWindow(at("23:30"), night)).toBe(true);
    expect(inWindow(at("00:10"), night)).toBe(true);
    expect(inWindow(at("12:00"), night)).toBe(false);
    expect(inWindow(at("12:00"), null)).toBe(false);
  });

  it("refuses half windows, empty windows, hostile names and unknown policies", () => {
    expect(maintenanceWindowInput.safeParse({ endpointId: "e", from: "02:00", to: "" }).success).toBe(false);
    expect(maintenanceWindowInput.safeParse({ endpointId: "e", from: "02:00", to: "02:00" }).success).toBe(false);
    expect(maintenanceWindowInput.safeParse({ endpointId: "e", from: "25:00", to: "02:00" }).success).toBe(false);
    expect(maintenanceWindowInput.safeParse({ endpointId: "e", from: "", to: "" }).success).toBe(true);
    const bad = { endpointId: "e", target: "container", name: "../x?y", policy: "auto" };
    expect(setUpdatePolicyInput.safeParse(bad).success).toBe(false);
    expect(setUpdatePolicyInput.safeParse({ ...bad, name: "web", policy: "always" }).success).toBe(false);
    expect(setUpdatePolicyInput.safeParse({ ...bad, target: "stack", name: "Shop" }).success).toBe(false);
    expect(setUpdatePolicyInput.safeParse({ ...bad, name: "web" }).success).toBe(true);
  });
});
