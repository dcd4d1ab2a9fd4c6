import Docker from "dockerode";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diff } from "@/lib/domain";
import { SWARM_RESOURCES, type SwarmItems, type SwarmResource } from "@/lib/swarm";
import type { Logger } from "@/server/log";
import { DockerSession } from "./docker-session";

// Against the rig's real three-node swarm (scripts/rig/swarm.sh): a session on the manager's socket keeps its swarm
// stores current from its one events stream. Every service made here carries PREFIX.

const MANAGER = process.env.BERTH_TEST_SWARM_MANAGER_HOST ?? "";
const IMAGE = process.env.BERTH_TEST_IMAGE ?? "";
const WORKERS = (process.env.BERTH_TEST_SWARM_WORKER_NAMES ?? "").split(",").filter(Boolean);
const rigError =
  !MANAGER || !IMAGE || WORKERS.length < 2
    ? new Error("BERTH_TEST_SWARM_* not set: start the rig with its swarm (scripts/rig/up.sh) and source its env")
    : null;

const PREFIX = `berth-it-sw-${Date.now().toString(36)}`;
const quiet = pino({ level: "silent" }) as unknown as Logger;
const docker = new Docker({ socketPath: MANAGER ? new URL(MANAGER).pathname : "/nonexistent" });
let session: DockerSession;
const diffs: [SwarmResource, Diff<SwarmItems[SwarmResource]>][] = [];

async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 45_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const nodeIdOf = (hostname: string) =>
  [...session.swarm.stores.nodes.values()].find((n) => n.hostname === hostname)?.id;
const runningTasks = (serviceId: string) =>
  [...session.swarm.stores.tasks.values()].filter(
    (t) => t.serviceId === serviceId && t.state === "running" && t.desiredState === "running",
  );

async function setAvailability(hostname: string, availability: "active" | "drain") {
  const id = nodeIdOf(hostname)!;
  const raw = (await docker.getNode(id).inspect()) as { Version: { Index: number }; Spec: Record<string, unknown> };
  await docker
    .getNode(id)
    .update({ _query: { version: raw.Version.Index }, _body: { ...raw.Spec, Availability: availability } } as never);
}

beforeAll(async () => {
  if (rigError) throw rigError;
  session = new DockerSession("swarm-it", MANAGER, quiet);
  session.on("store", (r, d) => {
    if ((SWARM_RESOURCES as readonly string[]).includes(r)) diffs.push([r as SwarmResource, d as Diff<never>]);
  });
  session.start();
  await waitFor(
    "the session to see a swarm manager",
    () => session.swarm.active && session.swarm.stores.nodes.size >= 3,
  );
});

afterAll(async () => {
  for (const s of await docker.listServices().catch(() => []))
    if (s.Spec?.Name?.startsWith(PREFIX))
      await docker
        .getService(s.ID)
        .remove()
        .catch(() => {});
  for (const w of WORKERS) if (session && nodeIdOf(w)) await setAvailability(w, "active").catch(() => {});
  session?.stop();
});

describe("swarm store on a real three-node swarm", () => {
  it("lists the three nodes with role, availability and engine version", () => {
    const nodes = [...session.swarm.stores.nodes.values()];
    expect(nodes.map((n) => n.hostname).sort()).toEqual([process.env.BERTH_TEST_SWARM_MANAGER_NAME, ...WORKERS].sort());
    const manager = nodes.find((n) => n.role === "manager")!;
    expect(manager.leader).toBe(true);
    expect(nodes.every((n) => n.state === "ready" && n.engineVersion.length > 0)).toBe(true);
  });

  it("follows a service from create through drain, scale and remove, on the one events stream", async () => {
    const name = `${PREFIX}-web`;
    const created = (await docker.createService({
      Name: name,
      TaskTemplate: {
        ContainerSpec: { Image: IMAGE, Command: ["sleep", "3600"], StopGracePeriod: 1e9 },
        Placement: { Constraints: ["node.role==worker"] },
      },
      Mode: { Replicated: { Replicas: 4 } },
      EndpointSpec: { Mode: "dnsrr" },
    } as never)) as unknown as { id: string };
    const id = created.id;
    // Four running tasks, across both workers, and the service's count agrees: all without any call by the test.
    await waitFor("4 running tasks", () => runningTasks(id).length === 4);
    const nodes = new Set(runningTasks(id).map((t) => t.nodeId));
    expect([...nodes].sort()).toEqual(WORKERS.map(nodeIdOf).sort());
    await waitFor("service 4/4", () => {
      const s = session.swarm.stores.services.get(id);
      return s?.running === 4 && s.desired === 4 && s.mode === "replicated";
    });

    // Drain one worker: its tasks move to the other, and the store sees it.
    await setAvailability(WORKERS[0]!, "drain");
    await waitFor(
      "node drained in the store",
      () => session.swarm.stores.nodes.get(nodeIdOf(WORKERS[0]!)!)?.availability === "drain",
    );
    await waitFor("all 4 tasks on the other worker", () => {
      const r = runningTasks(id);
      return r.length === 4 && r.every((t) => t.nodeId === nodeIdOf(WORKERS[1]!));
    });
    await setAvailability(WORKERS[0]!, "active");

    // Scale down to 1.
    const raw = (await docker.getService(id).inspect()) as {
      Version: { Index: number };
      Spec: Record<string, unknown>;
    };
    await docker.getService(id).update({
      _query: { version: raw.Version.Index },
      _body: { ...raw.Spec, Mode: { Replicated: { Replicas: 1 } } },
    } as never);
    await waitFor("service 1/1", () => {
      const s = session.swarm.stores.services.get(id);
      return s?.desired === 1 && s.running === 1 && runningTasks(id).length === 1;
    });

    await docker.getService(id).remove();
    await waitFor("service gone from the store", () => !session.swarm.stores.services.has(id));
    expect(diffs.some(([r]) => r === "tasks")).toBe(true);
    expect(session.eventStreamsOpen).toBe(1);
    expect(session.eventStreamsOpened).toBe(1);
  });

  it("lists secrets without their value and follows create and remove", async () => {
    const name = `${PREFIX}-secret`;
    const res = (await docker.createSecret({
      Name: name,
      Data: Buffer.from("hunter2").toString("base64"),
    })) as unknown as {
      id: string;
    };
    const item = await waitFor("secret in the store", () => session.swarm.stores.secrets.get(res.id));
    expect(item.name).toBe(name);
    expect(JSON.stringify(item)).not.toContain(Buffer.from("hunter2").toString("base64"));
    await docker.getSecret(res.id).remove();
    await waitFor("secret gone", () => !session.swarm.stores.secrets.has(res.id));
  });

  it("a plain engine is no swarm manager: empty stores, not an error", async () => {
    const plain = new DockerSession("plain-it", process.env.BERTH_TEST_DOCKER_HOST ?? "", quiet);
    plain.start();
    try {
      await waitFor("plain session up", () => plain.health.state === "up");
      expect(plain.swarm.active).toBe(false);
      expect(plain.swarm.snapshot("services")).toEqual([]);
    } finally {
      plain.stop();
    }
  });
});
