import { describe, expect, it } from "vitest";
import { connectionUrl, createEndpointInput, endpointConnection, parseEndpointUrl } from "./endpoint-schemas";

describe("endpoint connections", () => {
  it("round-trips every kind through the stored URL, without credentials in it", () => {
    const cases = [
      { type: "unix", socketPath: "/var/run/docker.sock" },
      { type: "tcp", host: "10.0.0.5", port: 2375 },
      { type: "tls", host: "docker.example", port: 2376, ca: "-----BEGIN CERTIFICATE-----\nx" },
      { type: "ssh", host: "::1", port: 2222, user: "deploy", privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----" },
    ] as const;
    for (const c of cases) {
      const url = connectionUrl(endpointConnection.parse(c));
      expect(url).not.toContain("BEGIN");
      const back = parseEndpointUrl(url);
      expect(back.type).toBe(c.type);
      if (c.type === "unix") expect(back.socketPath).toBe(c.socketPath);
      else expect({ host: back.host, port: back.port }).toEqual({ host: c.host, port: c.port });
      if (c.type === "ssh") expect(back.user).toBe("deploy");
    }
    expect(connectionUrl(endpointConnection.parse({ type: "tls", host: "h", port: 443 }))).toBe("https://h:443");
    expect(parseEndpointUrl("https://h:443").port).toBe(443);
  });

  it("refuses hosts that would smuggle userinfo, paths or schemes, and bad ports", () => {
    for (const host of ["evil@host", "host/path", "http://x", "a b", ""]) {
      expect(endpointConnection.safeParse({ type: "tcp", host, port: 2375 }).success).toBe(false);
    }
    for (const port of [0, 65536, "x", 1.5]) {
      expect(endpointConnection.safeParse({ type: "tcp", host: "h", port }).success).toBe(false);
    }
  });

  it("wants PEM text for certificates and keys, and a sane name", () => {
    expect(endpointConnection.safeParse({ type: "tls", host: "h", port: 1, ca: "not pem" }).success).toBe(false);
    expect(endpointConnection.safeParse({ type: "tls", host: "h", port: 1, ca: "" }).success).toBe(true);
    expect(
      createEndpointInput.safeParse({ name: "<script>", connection: { type: "unix", socketPath: "/s" } }).success,
    ).toBe(false);
    expect(
      createEndpointInput.safeParse({ name: "prod 1", connection: { type: "unix", socketPath: "rel" } }).success,
    ).toBe(false);
  });
});
