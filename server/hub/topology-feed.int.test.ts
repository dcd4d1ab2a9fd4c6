import Docker from "dockerode";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diff } from "@/lib/domain";
import { containerNodeId, networkNodeId, type TopologyElement } from "@/lib/topology";
import { EndpointManager } from "@/server/endpoints/endpoint-manager";
import type { Logger } from "@/server/log";
import { TopologyFeed } from "./topology-feed";

// Against the rig's private dockerd (never /var/run/docker.sock): the session's network store and the feed's diffs.
const DOCKER_HOST = process.env.BERTH_TEST_DOCKER_HOST ?? "";
const IMAGE = process.env.BERTH_TEST_IMAGE ?? "";
if (!DOCKER_HOST || !IMAGE) throw new Error("BERTH_TEST_DOCKER_HOST / BERTH_TEST_IMAGE not set: source the rig env");
const docker = new Docker({ socketPath: decodeURIComponent(new URL(DOCKER_HOST).pathname) });
const quiet = pino({ level: "silent" }) as unknown as Logger;
const PREFIX = `berth-topo-it-${process.pid}-${Date.now().toString(36)}`;
const manager = new EndpointManager(quiet);
const EP = "topo-it";

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let network: Docker.Network;
let containerId = "";

beforeAll(async () => {
  manager.add({ id: EP, name: EP, kind: "docker", url: DOCKER_HOST } as never);
  await waitFor("session up", () => manager.session(EP)?.health.state === "up");
  network = await docker.createNetwork({ Name: `${PREFIX}-net` });
  const c = await docker.createContainer({
    name: `${PREFIX}-c`,
    Image: IMAGE,
    Cmd: ["sleep", "600"],
    HostConfig: { Init: true },
  });
  await c.start();
  containerId = c.id;
});

afterAll(async () => {
  manager.stopAll();
  await docker
    .getContainer(containerId)
    .remove({ force: true })
    .catch(() => {});
  await network?.remove().catch(() => {});
});

describe("network store and topology feed", () => {
  it("keeps networks current from network events on the one stream", async () => {
    const session = manager.access(EP, "docker");
    await waitFor("network in store", () => session.networks.has(network.id));
    expect(session.networks.get(network.id)).toMatchObject({ name: `${PREFIX}-net`, driver: "bridge" });
    expect(session.eventStreamsOpen).toBe(1);
  });

  it("emits the edge on connect (with its alias) and removes it on disconnect", async () => {
    const session = manager.access(EP, "docker");
    await waitFor("container in store", () => session.containers.has(containerId));
    const diffs: Diff<TopologyElement>[] = [];
    const feed = new TopologyFeed(EP, manager, (d) => diffs.push(d), quiet);
    try {
      const edgeId = `e:${containerNodeId(EP, containerId)}->${networkNodeId(EP, network.id)}`;
      expect(feed.graph.edges.some((e) => e.id === edgeId)).toBe(false);

      await network.connect({ Container: containerId, EndpointConfig: { Aliases: ["db-alias"] } });
      await waitFor("edge with alias", () => feed.graph.edges.find((e) => e.id === edgeId && e.label === "db-alias"));
      expect(diffs.some((d) => d.upsert.some((e) => e.id === edgeId))).toBe(true);
      // The container's own summary now lists the network, for the containers table too.
      expect(session.containers.get(containerId)?.networks?.map((n) => n.id)).toContain(network.id);

      const before = diffs.length;
      await network.disconnect({ Container: containerId });
      await waitFor("edge gone", () => !feed.graph.edges.some((e) => e.id === edgeId));
      expect(diffs.slice(before).some((d) => d.remove.includes(edgeId))).toBe(true);
      // Still one events stream: the feed opened none of its own.
      expect(session.eventStreamsOpen).toBe(1);
    } finally {
      feed.stop();
    }
  });
});
