import pino from "pino";
import { describe, expect, it } from "vitest";
import type { ContainerSummary } from "@/lib/domain";
import type { EngineEvent } from "@/lib/events";
import type { Logger } from "@/server/log";
import { DockerSession } from "./docker/docker-session";
import { applySessionMessage, exportSessionState } from "./session-mirror";

// A mirror is a real session class that is never started (no connection is made): what the owner exports, the
// mirror shows, and repeats change nothing.

const quiet = pino({ level: "silent" }) as unknown as Logger;
const container = (id: string, state: ContainerSummary["state"]): ContainerSummary => ({
  id,
  endpointId: "e",
  name: `c-${id}`,
  image: "busybox",
  state,
  status: "",
  ports: [],
  created: 1,
  labels: {},
});
const event = (seq: number): EngineEvent => ({
  id: `e:${seq}`,
  endpointId: "e",
  time: seq,
  type: "container",
  action: "start",
  actorId: "a",
  name: "c-a",
  attributes: {},
});

describe("session mirror", () => {
  it("shows the owner's state; diffs apply once; a taken-over mirror numbers its events after the owner's", () => {
    const mirror = new DockerSession("e", "unix:///berth-test-never-connects.sock", quiet);
    const diffs: [string, unknown][] = [];
    const health: string[] = [];
    mirror.on("store", (name, d) => diffs.push([name, d]));
    mirror.on("health", (h) => health.push(h.state));
    expect(mirror.owning).toBe(false);
    applySessionMessage(mirror, {
      t: "full",
      state: {
        health: { state: "up", since: 1, version: "20.10" },
        caps: ["containers", "swarm"],
        stores: { containers: [container("a", "running")] },
        events: [event(7)],
      },
    });
    expect(mirror.health.state).toBe("up");
    expect(mirror.capabilities.has("swarm")).toBe(true);
    expect(mirror.containers.snapshot()).toEqual([container("a", "running")]);
    expect(mirror.recentEvents.toArray().map((e) => e.id)).toEqual(["e:7"]);
    expect(health).toEqual(["up"]);

    const d = { upsert: [container("a", "exited")], remove: [] };
    applySessionMessage(mirror, { t: "store", store: "containers", diff: d });
    applySessionMessage(mirror, { t: "store", store: "containers", diff: d });
    expect(diffs.filter(([n]) => n === "containers")).toHaveLength(2); // the full's upsert, then one change
    expect(mirror.counts()).toMatchObject({ running: 0 });

    // The exported state is what another mirror needs.
    const state = exportSessionState(mirror);
    expect(state.stores.containers).toEqual([container("a", "exited")]);
    expect(state.caps).toContain("swarm");
    // Events keep their ids unique after a takeover: the next own number follows the owner's last.
    applySessionMessage(mirror, { t: "event", event: event(9) });
    expect((mirror as unknown as { nextEventSeq(): number }).nextEventSeq()).toBe(10);
    mirror.stop();
  });

  it("a mirror that started while events were flowing keeps its feed in the engine's order after the full state", () => {
    const mirror = new DockerSession("e", "unix:///berth-test-never-connects.sock", quiet);
    const emitted: string[] = [];
    mirror.on("engineEvent", (e) => emitted.push(e.id));
    // Live events reach the fresh mirror before the owner's answer to its sync request.
    applySessionMessage(mirror, { t: "event", event: event(11) });
    applySessionMessage(mirror, { t: "event", event: event(12) });
    applySessionMessage(mirror, {
      t: "full",
      state: {
        health: { state: "up", since: 1 },
        caps: ["containers"],
        stores: { containers: [] },
        events: [event(9), event(10), event(11)],
      },
    });
    expect(mirror.recentEvents.toArray().map((e) => e.id)).toEqual(["e:9", "e:10", "e:11", "e:12"]);
    expect(emitted).toEqual(["e:11", "e:12", "e:9", "e:10"]);
    mirror.stop();
  });
});
