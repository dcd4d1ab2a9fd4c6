import { describe, expect, it } from "vitest";
import { registryHostOf, registryHostOfUrl, splitTag } from "./image-ref";

describe("registryHostOf", () => {
  it("finds the registry host of a reference as the docker CLI does", () => {
    expect(registryHostOf("busybox")).toBe("docker.io");
    expect(registryHostOf("library/busybox:1")).toBe("docker.io");
    expect(registryHostOf("team/app")).toBe("docker.io");
    expect(registryHostOf("127.0.0.1:5001/berth-test/private:latest")).toBe("127.0.0.1:5001");
    expect(registryHostOf("Registry.Example.com/app")).toBe("registry.example.com");
    expect(registryHostOf("localhost/app")).toBe("localhost");
    expect(registryHostOf("index.docker.io/library/busybox")).toBe("docker.io");
  });
});

describe("registryHostOfUrl", () => {
  it("accepts URLs with or without scheme and path", () => {
    expect(registryHostOfUrl("127.0.0.1:5001")).toBe("127.0.0.1:5001");
    expect(registryHostOfUrl("http://127.0.0.1:5001/")).toBe("127.0.0.1:5001");
    expect(registryHostOfUrl("https://Registry.example.com/v2/")).toBe("registry.example.com");
    expect(registryHostOfUrl("https://index.docker.io/v1/")).toBe("docker.io");
  });
  it("refuses other schemes and credentials in the URL", () => {
    expect(() => registryHostOfUrl("ftp://x")).toThrow(/http or https/);
    expect(() => registryHostOfUrl("https://u:p@x.example")).toThrow(/credentials/);
    expect(() => registryHostOfUrl("http://")).toThrow();
  });
});

describe("splitTag", () => {
  it("splits the tag, not a registry port", () => {
    expect(splitTag("127.0.0.1:5001/a/b")).toEqual({ repository: "127.0.0.1:5001/a/b", tag: "latest" });
    expect(splitTag("127.0.0.1:5001/a/b:v1")).toEqual({ repository: "127.0.0.1:5001/a/b", tag: "v1" });
    expect(splitTag(`a@sha256:${"0".repeat(64)}`)).toEqual({ repository: `a@sha256:${"0".repeat(64)}` });
  });
});
