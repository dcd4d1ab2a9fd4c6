import { describe, expect, it } from "vitest";
import {
  decideUpdate,
  isIndexType,
  isLoopbackHost,
  localDigestFor,
  MANIFEST_ACCEPT,
  parseChallenge,
  parseImageRef,
} from "./registry-ref";

const D1 = `sha256:${"a".repeat(64)}`;
const D2 = `sha256:${"b".repeat(64)}`;

describe("parseImageRef", () => {
  it("reads Docker Hub short names as the CLI does", () => {
    expect(parseImageRef("nginx")).toEqual({
      host: "docker.io",
      apiHost: "registry-1.docker.io",
      repository: "library/nginx",
      tag: "latest",
    });
    expect(parseImageRef("grafana/grafana:10.4")).toMatchObject({ repository: "grafana/grafana", tag: "10.4" });
  });
  it("keeps a registry host with a port apart from the tag", () => {
    expect(parseImageRef("127.0.0.1:5000/berth-test/busybox:v2")).toEqual({
      host: "127.0.0.1:5000",
      apiHost: "127.0.0.1:5000",
      repository: "berth-test/busybox",
      tag: "v2",
    });
    expect(parseImageRef("localhost:5000/x")).toMatchObject({ host: "localhost:5000", tag: "latest" });
  });
  it("reads a pinned digest and refuses image ids and junk", () => {
    expect(parseImageRef(`redis@${D1}`)).toMatchObject({ repository: "library/redis", digest: D1 });
    expect(parseImageRef(D1)).toBeNull();
    expect(parseImageRef("a".repeat(64))).toBeNull();
    expect(parseImageRef("Not An Image")).toBeNull();
    expect(parseImageRef("")).toBeNull();
  });
});

describe("localDigestFor", () => {
  it("finds the repo digest of the reference's own repository only", () => {
    const ref = parseImageRef("nginx:1.25")!;
    expect(localDigestFor([`127.0.0.1:5000/nginx@${D2}`, `nginx@${D1}`], ref)).toBe(D1);
    expect(localDigestFor([`docker.io/library/nginx@${D1}`], ref)).toBe(D1);
    expect(localDigestFor([`127.0.0.1:5000/nginx@${D2}`], ref)).toBeNull();
    expect(localDigestFor(null, ref)).toBeNull();
  });
});

describe("parseChallenge", () => {
  it("reads a bearer challenge with quoted parameters", () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      ),
    ).toEqual({
      scheme: "bearer",
      params: {
        realm: "https://auth.docker.io/token",
        service: "registry.docker.io",
        scope: "repository:library/nginx:pull",
      },
    });
  });
  it("reads a basic challenge and nothing from an empty header", () => {
    expect(parseChallenge('Basic realm="berth-rig"')).toEqual({ scheme: "basic", params: { realm: "berth-rig" } });
    expect(parseChallenge("")).toBeNull();
  });
});

describe("decideUpdate", () => {
  it("compares the local repo digest with the registry's, index-aware", () => {
    expect(decideUpdate(D1, { digest: D1 })).toBe("current");
    expect(decideUpdate(D1, { digest: D2 })).toBe("available");
    expect(decideUpdate(D1, { digest: D2, children: [D1] })).toBe("current");
    expect(decideUpdate(null, { digest: D2 })).toBe("unknown");
  });
  it("asks for indexes first and knows them", () => {
    expect(MANIFEST_ACCEPT.indexOf("image.index")).toBeLessThan(MANIFEST_ACCEPT.indexOf("image.manifest"));
    expect(isIndexType("application/vnd.docker.distribution.manifest.list.v2+json")).toBe(true);
    expect(isIndexType("application/vnd.docker.distribution.manifest.v2+json")).toBe(false);
  });
  it("treats loopback registries as plain HTTP ones", () => {
    expect(isLoopbackHost("127.0.0.1:5030")).toBe(true);
    expect(isLoopbackHost("localhost")).toBe(true);
    expect(isLoopbackHost("registry.example.com")).toBe(false);
  });
});
