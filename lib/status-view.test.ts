import { describe, expect, it } from "vitest";
import { DAY_MS } from "./availability";
import {
  buildPublicStatusView,
  containerLiveState,
  healthFromStatus,
  itemKey,
  type LiveItemState,
  type StatusPageDef,
  serviceLiveState,
} from "./status-view";

const NOW = 100 * DAY_MS;

// Private values a live store carries: none may reach the public view.
const SECRET = {
  id: "4f1c0de0b5a1c7e9aa11bb22cc33dd44ee55ff6677889900aabbccddeeff0011",
  image: "registry.internal:5000/secret/image:1.2.3",
  env: "DB_PASSWORD=hunter2",
  label: "com.example.secret=topsecret",
  endpoint: "prod-east-engine",
  address: "tcp://10.1.2.3:2376",
  container: "acme-web-1",
  port: "48123",
};

const def: StatusPageDef = {
  slug: "acme",
  title: "Acme <b>status</b>",
  items: [
    { endpointId: SECRET.endpoint, kind: "container", ref: SECRET.container, displayName: "Website" },
    { endpointId: SECRET.endpoint, kind: "container", ref: "acme-db-1", displayName: "Database" },
    { endpointId: "other", kind: "container", ref: "worker", displayName: "Jobs" },
  ],
};

describe("buildPublicStatusView", () => {
  it("copies only the allowlisted fields, whatever the live data carries", () => {
    const hostileLive = (): LiveItemState =>
      ({
        state: "up",
        health: "healthy",
        since: NOW - 60_000,
        ...SECRET,
        labels: { secret: SECRET.label },
        ports: [{ publicPort: Number(SECRET.port) }],
      }) as unknown as LiveItemState;
    const view = buildPublicStatusView(def, hostileLive, () => [], NOW);
    const json = JSON.stringify(view);
    for (const [what, value] of Object.entries(SECRET)) expect(json, what).not.toContain(value);
    expect(json).not.toContain("endpointId");
    expect(json).not.toContain(`"ref"`);
    expect(Object.keys(view).sort()).toEqual(["generatedAt", "items", "overall", "slug", "title"]);
    expect(Object.keys(view.items[0]!).sort()).toEqual([
      "availability",
      "health",
      "name",
      "position",
      "since",
      "state",
    ]);
    expect(view.items.map((i) => i.name)).toEqual(["Website", "Database", "Jobs"]);
    expect(view.title).toBe("Acme <b>status</b>");
  });

  it("keeps the admin's order and derives the overall state", () => {
    const states: Record<string, LiveItemState> = {
      [itemKey(def.items[0]!)]: { state: "up", health: "healthy", since: NOW - 1000 },
      [itemKey(def.items[1]!)]: { state: "down", health: "none", since: NOW - 2000 },
    };
    const view = buildPublicStatusView(
      def,
      (i) => states[itemKey(i)],
      () => [],
      NOW,
    );
    expect(view.items.map((i) => [i.position, i.state])).toEqual([
      [0, "up"],
      [1, "down"],
      [2, "unknown"],
    ]);
    expect(view.overall).toBe("degraded");
    const allDown = buildPublicStatusView(
      def,
      () => ({ state: "down", health: "none", since: null }),
      () => [],
      NOW,
    );
    expect(allDown.overall).toBe("outage");
    const allUp = buildPublicStatusView(
      def,
      () => ({ state: "up", health: "none", since: null }),
      () => [],
      NOW,
    );
    expect(allUp.overall).toBe("operational");
    expect(
      buildPublicStatusView(
        def,
        () => undefined,
        () => [],
        NOW,
      ).overall,
    ).toBe("unknown");
    expect(
      buildPublicStatusView(
        { ...def, items: [] },
        () => undefined,
        () => [],
        NOW,
      ).overall,
    ).toBe("empty");
  });

  it("drops values outside the known sets and future or bogus times", () => {
    const view = buildPublicStatusView(
      def,
      () => ({ state: "rm -rf" as never, health: "<script>" as never, since: NOW + 5 }),
      () => [],
      NOW,
    );
    expect(view.items[0]).toMatchObject({ state: "unknown", health: "none", since: null });
    const nan = buildPublicStatusView(
      def,
      () => ({ state: "up", health: "bogus" as never, since: Number.NaN }),
      () => [],
      NOW,
    );
    expect(nan.items[0]).toMatchObject({ state: "up", health: "none", since: null });
  });

  it("shows health only while up", () => {
    const view = buildPublicStatusView(
      def,
      () => ({ state: "down", health: "unhealthy", since: null }),
      () => [],
      NOW,
    );
    expect(view.items[0]?.health).toBe("none");
  });

  it("computes each item's availability from its own history", () => {
    const view = buildPublicStatusView(
      def,
      () => undefined,
      (i) =>
        i.ref === SECRET.container
          ? [
              { state: "up", since: NOW - DAY_MS, until: NOW - DAY_MS / 2 },
              { state: "down", since: NOW - DAY_MS / 2, until: NOW },
            ]
          : [],
      NOW,
    );
    expect(view.items[0]?.availability.percent).toBe(50);
    expect(view.items[1]?.availability.percent).toBeNull();
  });
});

describe("containerLiveState", () => {
  it("is up only while running, unknown while the endpoint is unreachable", () => {
    expect(containerLiveState({ state: "running", status: "Up 2 minutes (healthy)" }, true)).toEqual({
      state: "up",
      health: "healthy",
    });
    for (const state of ["exited", "paused", "restarting", "created", "dead"] as const) {
      expect(containerLiveState({ state, status: "" }, true).state, state).toBe("down");
    }
    expect(containerLiveState(undefined, true).state).toBe("down");
    expect(containerLiveState({ state: "running", status: "Up" }, false)).toEqual({ state: "unknown", health: "none" });
  });
});

describe("healthFromStatus", () => {
  it("reads the engine's list status", () => {
    expect(healthFromStatus("Up 3 seconds (health: starting)")).toBe("starting");
    expect(healthFromStatus("Up 2 minutes (healthy)")).toBe("healthy");
    expect(healthFromStatus("Up 2 minutes (unhealthy)")).toBe("unhealthy");
    expect(healthFromStatus("Up 2 minutes")).toBe("none");
  });
});

describe("serviceLiveState", () => {
  it("is up when the running tasks reach the replicas wanted, down below, unknown when the endpoint is", () => {
    expect(serviceLiveState({ running: 3, desired: 3 }, true).state).toBe("up");
    expect(serviceLiveState({ running: 2, desired: 3 }, true).state).toBe("down");
    expect(serviceLiveState({ running: 0, desired: 0 }, true).state).toBe("down");
    expect(serviceLiveState(undefined, true).state).toBe("down");
    expect(serviceLiveState({ running: 3, desired: 3 }, false).state).toBe("unknown");
  });
});
