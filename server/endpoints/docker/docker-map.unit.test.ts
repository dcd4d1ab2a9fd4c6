import { describe, expect, it } from "vitest";
import { type EngineContainer, toContainerSummary } from "./docker-map";

const ID = "4f2c0b5e8a1d7c3b9e6f0a2d4c8b1e3f5a7c9d0b2e4f6a8c1d3e5f7a9b0c2d4e";

const full: EngineContainer = {
  Id: ID,
  Names: ["/web-1"],
  Image: "nginx:1.27",
  State: "running",
  Status: "Up 5 minutes",
  Created: 1_700_000_000,
  Ports: [
    { IP: "0.0.0.0", PrivatePort: 80, PublicPort: 8080, Type: "tcp" },
    { PrivatePort: 443, Type: "tcp" },
    { IP: "127.0.0.1", PrivatePort: 53, PublicPort: 5353, Type: "udp" },
  ],
  Labels: { "com.docker.compose.project": "shop" },
};

describe("toContainerSummary", () => {
  it("maps every field of a full list item", () => {
    expect(toContainerSummary("ep1", full)).toEqual({
      id: ID,
      endpointId: "ep1",
      name: "web-1",
      image: "nginx:1.27",
      state: "running",
      status: "Up 5 minutes",
      ports: [
        { ip: "127.0.0.1", privatePort: 53, publicPort: 5353, type: "udp" },
        { ip: "0.0.0.0", privatePort: 80, publicPort: 8080, type: "tcp" },
        { ip: undefined, privatePort: 443, publicPort: undefined, type: "tcp" },
      ],
      created: 1_700_000_000_000,
      labels: { "com.docker.compose.project": "shop" },
    });
  });

  it("strips exactly one leading slash from the name", () => {
    expect(toContainerSummary("e", { Id: ID, Names: ["/db"] }).name).toBe("db");
    expect(toContainerSummary("e", { Id: ID, Names: ["db"] }).name).toBe("db");
    expect(toContainerSummary("e", { Id: ID, Names: ["//db"] }).name).toBe("/db");
  });

  it("uses the first name when the engine lists several (links)", () => {
    expect(toContainerSummary("e", { Id: ID, Names: ["/app", "/other/app-alias"] }).name).toBe("app");
  });

  it("falls back to the short id when names are missing, null or empty", () => {
    for (const Names of [undefined, null, []]) {
      expect(toContainerSummary("e", { Id: ID, Names }).name).toBe(ID.slice(0, 12));
    }
  });

  it("fills defaults for every missing optional field", () => {
    expect(toContainerSummary("e", { Id: ID })).toEqual({
      id: ID,
      endpointId: "e",
      name: ID.slice(0, 12),
      image: "",
      state: "dead",
      status: "",
      ports: [],
      created: 0,
      labels: {},
    });
    const nulls = toContainerSummary("e", { Id: ID, Ports: null, Labels: null });
    expect(nulls.ports).toEqual([]);
    expect(nulls.labels).toEqual({});
  });

  it("normalizes state case and maps unknown states to dead", () => {
    expect(toContainerSummary("e", { Id: ID, State: "Running" }).state).toBe("running");
    expect(toContainerSummary("e", { Id: ID, State: "EXITED" }).state).toBe("exited");
    for (const s of ["created", "running", "paused", "restarting", "removing", "exited", "dead"]) {
      expect(toContainerSummary("e", { Id: ID, State: s }).state).toBe(s);
    }
    for (const s of ["", "weird", "__proto__", "toString"]) {
      expect(toContainerSummary("e", { Id: ID, State: s }).state).toBe("dead");
    }
  });

  it("treats empty IPs and zero public ports as absent", () => {
    const s = toContainerSummary("e", { Id: ID, Ports: [{ IP: "", PrivatePort: 80, PublicPort: 0, Type: "tcp" }] });
    expect(s.ports).toEqual([{ ip: undefined, privatePort: 80, publicPort: undefined, type: "tcp" }]);
  });

  it("sorts ports by private then public port without reordering the input", () => {
    const Ports = [
      { IP: "::", PrivatePort: 80, PublicPort: 9090, Type: "tcp" },
      { IP: "0.0.0.0", PrivatePort: 80, PublicPort: 8080, Type: "tcp" },
      { PrivatePort: 22, Type: "tcp" },
    ];
    const copy = structuredClone(Ports);
    const s = toContainerSummary("e", { Id: ID, Ports });
    expect(s.ports.map((p) => [p.privatePort, p.publicPort])).toEqual([
      [22, undefined],
      [80, 8080],
      [80, 9090],
    ]);
    expect(Ports).toEqual(copy);
  });

  it("passes hostile names, images and statuses through verbatim (escaping is the renderer's job)", () => {
    const hostile = `<img src=x onerror=alert(1)>"';--\u202e\u0000`;
    const s = toContainerSummary("e", {
      Id: ID,
      Names: [`/${hostile}`],
      Image: hostile,
      Status: hostile,
      State: "running",
    });
    expect(s.name).toBe(hostile);
    expect(s.image).toBe(hostile);
    expect(s.status).toBe(hostile);
  });

  it("passes hostile labels through verbatim without polluting prototypes", () => {
    // JSON.parse is how the engine's answer arrives: "__proto__" becomes an own key, not the prototype.
    const Labels = JSON.parse(
      '{"__proto__":{"polluted":"yes"},"constructor":"x","<script>":"</script>","a.b=c":"$(id)","":"empty"}',
    ) as Record<string, string>;
    const s = toContainerSummary("e", { Id: ID, Labels });
    expect(Object.keys(s.labels)).toEqual(["__proto__", "constructor", "<script>", "a.b=c", ""]);
    expect(Object.getOwnPropertyDescriptor(s.labels, "__proto__")?.value).toEqual({ polluted: "yes" });
    expect(s.labels["<script>"]).toBe("</script>");
    expect(s.labels["a.b=c"]).toBe("$(id)");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps the endpoint id it was given, whatever the item says", () => {
    const s = toContainerSummary("ep-2", { ...full, endpointId: "forged" } as EngineContainer);
    expect(s.endpointId).toBe("ep-2");
  });
});
