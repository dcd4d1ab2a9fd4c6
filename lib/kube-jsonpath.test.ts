import { describe, expect, it } from "vitest";
import { parseJsonPath, readJsonPath } from "./kube-jsonpath";

describe("printer column paths", () => {
  const o = {
    spec: { replicas: 3, image: "web:1", nested: { a: [1, 2] } },
    status: { conditions: [{ type: "Ready", status: "True" }] },
    metadata: { labels: { "app.kubernetes.io/name": "web" } },
  };
  it("reads fields, indexes and quoted keys as kubectl prints them", () => {
    expect(readJsonPath(o, ".spec.replicas")).toBe("3");
    expect(readJsonPath(o, "{.spec.image}")).toBe("web:1");
    expect(readJsonPath(o, ".status.conditions[0].type")).toBe("Ready");
    expect(readJsonPath(o, ".metadata.labels['app.kubernetes.io/name']")).toBe("web");
    expect(readJsonPath(o, ".spec.nested")).toBe('{"a":[1,2]}');
  });
  it("reads what is absent, odd or hostile as empty, without throwing", () => {
    expect(readJsonPath(o, ".spec.missing.deeper")).toBe("");
    expect(readJsonPath(o, ".status.conditions[9].type")).toBe("");
    expect(readJsonPath(o, ".__proto__.constructor")).toBe("");
    expect(readJsonPath(o, ".spec[?(@.x)]")).toBe("");
    expect(parseJsonPath("spec.replicas")).toBeNull();
    expect(readJsonPath(null, ".a")).toBe("");
  });
});
