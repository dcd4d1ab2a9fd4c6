import { describe, expect, it } from "vitest";
import { createNetworkInput, imageReference, pullImageInput, registryInput, tagImageInput } from "./resource-schemas";

describe("imageReference", () => {
  it("accepts real references", () => {
    for (const ok of [
      "busybox",
      "busybox:1.36",
      "library/busybox:latest",
      "127.0.0.1:5001/berth-test/private:latest",
      "registry.example.com/team/app_x-y.z:v1.2-rc",
      `app@sha256:${"a".repeat(64)}`,
    ]) {
      expect(imageReference.safeParse(ok).success, ok).toBe(true);
    }
  });
  it("rejects hostile and malformed names", () => {
    for (const bad of [
      "",
      "<img src=x onerror=alert(1)>",
      "Busybox",
      "a b",
      "../etc/passwd",
      "a:b:c",
      "-rf",
      "x;rm -rf /",
      "a".repeat(300),
      "a?fromImage=b",
    ]) {
      expect(imageReference.safeParse(bad).success, bad).toBe(false);
    }
  });
  it("trims", () => {
    expect(pullImageInput.parse({ endpointId: "local", ref: " busybox " }).ref).toBe("busybox");
  });
});

describe("other inputs", () => {
  it("wants the tag apart from the repository", () => {
    expect(tagImageInput.safeParse({ endpointId: "e", image: "busybox", repository: "a/b", tag: "v1" }).success).toBe(
      true,
    );
    expect(
      tagImageInput.safeParse({ endpointId: "e", image: "busybox", repository: "a/b:v1", tag: "v1" }).success,
    ).toBe(false);
    expect(tagImageInput.safeParse({ endpointId: "e", image: "busybox", repository: "a/b", tag: "<x>" }).success).toBe(
      false,
    );
  });
  it("requires a parent for macvlan and a subnet for a gateway", () => {
    const base = { endpointId: "e", name: "n" };
    expect(createNetworkInput.safeParse({ ...base, driver: "macvlan" }).success).toBe(false);
    expect(createNetworkInput.safeParse({ ...base, driver: "macvlan", parent: "eth0" }).success).toBe(true);
    expect(createNetworkInput.safeParse({ ...base, gateway: "10.0.0.1" }).success).toBe(false);
    expect(createNetworkInput.safeParse({ ...base, subnet: "10.0.0.0/24", gateway: "10.0.0.1" }).success).toBe(true);
    expect(createNetworkInput.safeParse({ ...base, name: "<script>" }).success).toBe(false);
  });
  it("bounds registry input", () => {
    expect(registryInput.safeParse({ name: "r", url: "x", password: "p".repeat(5000) }).success).toBe(false);
    expect(registryInput.parse({ name: "r", url: "x" })).toEqual({ name: "r", url: "x", username: "", password: "" });
  });
});
