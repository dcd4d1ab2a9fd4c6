import { describe, expect, it } from "vitest";
import { networkDetail, volumeDetail } from "./resource-detail";

describe("networkDetail", () => {
  it("boils an inspect answer down to facts and the containers on it, by name", () => {
    const d = networkDetail({
      Id: "abc",
      Name: "web",
      Driver: "bridge",
      Scope: "local",
      Internal: true,
      IPAM: { Config: [{ Subnet: "10.1.0.0/24", Gateway: "10.1.0.1" }] },
      Labels: { team: "shop", "db.password": "hunter2" },
      Containers: {
        c2: { Name: "zeta", IPv4Address: "10.1.0.3/24" },
        c1: { Name: "alpha", IPv4Address: "10.1.0.2/24" },
        "lb-web": { Name: "web-endpoint" },
      },
    });
    expect(d).toMatchObject({ id: "abc", name: "web", driver: "bridge", internal: true, attachable: false });
    expect(d.subnets).toEqual([{ subnet: "10.1.0.0/24", gateway: "10.1.0.1" }]);
    expect(d.containers.map((c) => c.name)).toEqual(["alpha", "zeta"]);
    expect(d.labels.find(([k]) => k === "db.password")?.[1]).not.toBe("hunter2");
    expect(d.labels.find(([k]) => k === "team")?.[1]).toBe("shop");
  });

  it("copes with an engine that leaves fields out", () => {
    expect(networkDetail({ Name: "none", IPAM: null, Containers: null })).toMatchObject({
      name: "none",
      subnets: [],
      containers: [],
      labels: [],
    });
  });
});

describe("volumeDetail", () => {
  it("keeps driver, mountpoint and options, labels redacted", () => {
    const d = volumeDetail({
      Name: "data",
      Driver: "local",
      Mountpoint: "/var/lib/docker/volumes/data/_data",
      Labels: { api_token: "s3cret" },
      Options: { type: "tmpfs" },
    });
    expect(d).toMatchObject({ name: "data", driver: "local", mountpoint: "/var/lib/docker/volumes/data/_data" });
    expect(d.options).toEqual([["type", "tmpfs"]]);
    expect(d.labels[0]?.[1]).not.toBe("s3cret");
  });
});
