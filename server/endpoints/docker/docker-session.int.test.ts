import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Docker from "dockerode";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContainerSummary, Diff, EndpointHealth } from "@/lib/domain";
import type { EngineEvent } from "@/lib/events";
import type { Logger } from "@/server/log";
import { type EngineContainer, toContainerSummary } from "./docker-map";
import { DockerSession } from "./docker-session";

// Against the rig's private dockerd (never /var/run/docker.sock). Every container made here carries PREFIX.

const REQUIRED = ["BERTH_TEST_DOCKER_HOST", "BERTH_TEST_IMAGE", "BERTH_TEST_DOCKERD_CTL"] as const;
const missing = REQUIRED.filter((k) => !process.env[k]);
const rigError = missing.length
  ? new Error(`${missing.join(", ")} not set: start the test rig (scripts/rig/up.sh) and \`source /tmp/berth-rig/env\``)
  : null;
const DOCKER_HOST = process.env.BERTH_TEST_DOCKER_HOST ?? "";
const IMAGE = process.env.BERTH_TEST_IMAGE ?? "";
const DOCKERD_CTL = process.env.BERTH_TEST_DOCKERD_CTL ?? "";
const SOCKET = DOCKER_HOST ? decodeURIComponent(new URL(DOCKER_HOST).pathname) : "";

const PREFIX = `berth-it-${process.pid}-${Date.now().toString(36)}`;
const docker = new Docker({ socketPath: SOCKET });
const quiet = pino({ level: "silent" }) as unknown as Logger;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-session-"));
const sessions: DockerSession[] = [];
const closers: (() => Promise<void>)[] = [];
let nameSeq = 0;

async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
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

function newSession(url: string, id = `ep-${sessions.length}`): DockerSession {
  const s = new DockerSession(id, url, quiet);
  sessions.push(s);
  return s;
}

function record(s: DockerSession) {
  const diffs: Diff<ContainerSummary>[] = [];
  const health: EndpointHealth[] = [];
  const events: EngineEvent[] = [];
  s.containers.on("diff", (d) => diffs.push(d));
  s.on("health", (h) => health.push({ ...h }));
  s.on("engineEvent", (e) => events.push(e));
  return { diffs, health, events };
}

async function createContainer(start = false): Promise<Docker.Container> {
  const c = await docker.createContainer({
    name: `${PREFIX}-${++nameSeq}`,
    Image: IMAGE,
    Cmd: ["sleep", "3600"],
    Labels: { "berth.test": PREFIX },
    HostConfig: { Init: true },
  });
  if (start) await c.start();
  return c;
}

/** The store minus `status` ("Up 3 seconds" ages without any event), keyed by id. */
const comparable = (items: Iterable<ContainerSummary>) =>
  Object.fromEntries([...items].map(({ status: _s, ...rest }) => [rest.id, rest]));

async function freshList(endpointId: string) {
  const list = (await docker.listContainers({ all: true })) as EngineContainer[];
  return comparable(list.map((c) => toContainerSummary(endpointId, c)));
}

async function storeMatchesEngine(s: DockerSession): Promise<boolean> {
  return JSON.stringify(comparable(s.containers.values())) === JSON.stringify(await freshList(s.endpointId));
}

const dockerd = (cmd: "start" | "stop") => promisify(execFile)(DOCKERD_CTL, [cmd], { env: process.env });

/** A unix socket in front of the rig's dockerd that counts /events requests and the ones still open. */
async function countingProxy() {
  const sockPath = path.join(tmp, `proxy-${Math.random().toString(36).slice(2)}.sock`);
  const stats = { eventsRequests: 0, openEventStreams: 0, lastActivity: Date.now() };
  const conns = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(SOCKET);
    conns.add(client).add(upstream);
    let tail = "";
    let eventsHere = 0;
    client.on("data", (chunk: Buffer) => {
      stats.lastActivity = Date.now();
      const text = tail + chunk.toString("latin1");
      const n = (text.match(/^GET \/(v[\d.]+\/)?events[?\s]/gm) ?? []).length;
      eventsHere += n;
      stats.eventsRequests += n;
      stats.openEventStreams += n;
      tail = n ? "" : text.slice(-64); // a request line split across chunks
    });
    upstream.on("data", () => {
      stats.lastActivity = Date.now();
    });
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      stats.openEventStreams -= eventsHere;
      client.destroy();
      upstream.destroy();
      conns.delete(client);
      conns.delete(upstream);
    };
    client.pipe(upstream).pipe(client);
    client.on("close", close).on("error", close);
    upstream.on("close", close).on("error", close);
  });
  await new Promise<void>((resolve) => server.listen(sockPath, resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const c of conns) c.destroy();
        server.close(() => resolve());
      }),
  );
  return { url: `unix://${sockPath}`, stats };
}

function realEngineTests(): void {
  it("comes up with health, version and a snapshot holding containers made beforehand", async () => {
    const created = await createContainer();
    const running = await createContainer(true);
    const version = await docker.version();

    const s = newSession(DOCKER_HOST);
    const { health } = record(s);
    expect(s.health.state).toBe("connecting");
    s.start();
    await waitFor("health up", () => s.health.state === "up");

    expect(s.health).toMatchObject({ state: "up", version: version.Version, apiVersion: version.ApiVersion });
    expect(s.health.reason).toBeUndefined();
    expect(typeof s.health.latencyMs).toBe("number");
    expect(health.at(-1)?.state).toBe("up");

    const snap = new Map(s.snapshot().map((c) => [c.id, c]));
    expect(snap.get(created.id)).toMatchObject({
      endpointId: s.endpointId,
      name: `${PREFIX}-1`,
      image: IMAGE,
      state: "created",
      labels: { "berth.test": PREFIX },
    });
    expect(snap.get(running.id)).toMatchObject({ name: `${PREFIX}-2`, state: "running" });
    expect(await storeMatchesEngine(s)).toBe(true);
    s.stop();
  });

  it("turns create, start, stop, rename and remove into diffs and ends matching the engine", async () => {
    const s = newSession(DOCKER_HOST);
    const { diffs } = record(s);
    s.start();
    await waitFor("health up", () => s.health.state === "up");

    const upserted = (id: string, pred: (c: ContainerSummary) => boolean) =>
      waitFor(`a diff for ${id.slice(0, 12)}`, () => diffs.some((d) => d.upsert.some((c) => c.id === id && pred(c))));

    const c = await createContainer();
    await upserted(c.id, (x) => x.state === "created" && x.name.startsWith(PREFIX));
    expect(s.containers.get(c.id)?.state).toBe("created");

    await c.start();
    await upserted(c.id, (x) => x.state === "running");
    expect(s.containers.get(c.id)?.state).toBe("running");

    await c.stop({ t: 1 });
    await upserted(c.id, (x) => x.state === "exited");
    expect(s.containers.get(c.id)?.state).toBe("exited");

    const renamed = `${PREFIX}-renamed`;
    await c.rename({ name: renamed });
    await upserted(c.id, (x) => x.name === renamed);
    expect(s.containers.get(c.id)?.name).toBe(renamed);

    await c.remove();
    await waitFor("a remove diff", () => diffs.some((d) => d.remove.includes(c.id)));
    expect(s.containers.has(c.id)).toBe(false);

    // Diffs replayed over the first snapshot give the store, and the store is what the engine says.
    const states = diffs.flatMap((d) => d.upsert.filter((x) => x.id === c.id).map((x) => x.state));
    expect(states[0]).toBe("created");
    expect(states).toContain("running");
    expect(states.at(-1)).toBe("exited");
    await waitFor("store equal to a fresh list", () => storeMatchesEngine(s));
    s.stop();
  });

  it("sees exits that no stop event follows (kill, process ending by itself) without waiting for a re-list", async () => {
    const s = newSession(DOCKER_HOST);
    s.start();
    await waitFor("health up", () => s.health.state === "up");
    const killed = await createContainer(true);
    const selfExit = await docker.createContainer({
      name: `${PREFIX}-${++nameSeq}`,
      Image: IMAGE,
      Cmd: ["sh", "-c", "sleep 1; exit 3"],
      Labels: { "berth.test": PREFIX },
    });
    await selfExit.start();
    await waitFor("both running", () =>
      [killed.id, selfExit.id].every((id) => s.containers.get(id)?.state === "running"),
    );
    await killed.kill();
    // The periodic re-list runs every 30 s; a 10 s deadline proves the events path itself got it right.
    await waitFor("killed container exited", () => s.containers.get(killed.id)?.state === "exited", 10_000);
    await waitFor("self-exited container exited", () => s.containers.get(selfExit.id)?.state === "exited", 10_000);
    expect(s.containers.get(selfExit.id)?.status).toMatch(/^Exited \(3\)/);
    s.stop();
  });

  it("opens one events stream however many listeners there are", async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    try {
      const proxy = await countingProxy();
      const s = newSession(proxy.url);
      const seen = Array.from({ length: 50 }, () => new Set<string>());
      for (const ids of seen) {
        s.containers.on("diff", (d) => {
          for (const c of d.upsert) ids.add(`${c.id}:${c.state}`);
        });
      }
      s.start();
      await waitFor("health up", () => s.health.state === "up");

      const made = await Promise.all([createContainer(true), createContainer(true), createContainer(true)]);
      for (const c of made) {
        await waitFor("every listener to see it running", () => seen.every((ids) => ids.has(`${c.id}:running`)));
      }
      await Promise.all(made.map((c) => c.remove({ force: true })));
      await waitFor("removals", () => made.every((c) => !s.containers.has(c.id)));

      expect(s.eventStreamsOpen).toBe(1);
      expect(s.eventStreamsOpened).toBe(1);
      expect(proxy.stats.eventsRequests).toBe(1);
      expect(proxy.stats.openEventStreams).toBe(1);
      expect(warnings.map((w) => `${w.name}: ${w.message}`).filter((w) => w.startsWith("MaxListeners"))).toEqual([]);

      s.stop();
      await waitFor("the events connection to close", () => proxy.stats.openEventStreams === 0);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("leaves no events stream behind when stopped while connecting", async () => {
    const proxy = await countingProxy();
    const s = newSession(proxy.url);
    s.start();
    s.stop();
    // Let whatever the session had in flight finish: the proxy idle for a second means it is done.
    await waitFor("the proxy to go idle", () => Date.now() - proxy.stats.lastActivity > 1_000);
    expect(proxy.stats.openEventStreams).toBe(0);
    expect(s.eventStreamsOpen).toBe(0);
  });

  it("goes down when dockerd stops, and re-lists and follows events again when it is back", async () => {
    const s = newSession(DOCKER_HOST);
    const { diffs, health, events } = record(s);
    s.start();
    await waitFor("health up", () => s.health.state === "up");
    const before = await createContainer(true);
    await waitFor("the container running in the store", () => s.containers.get(before.id)?.state === "running");

    await dockerd("stop");
    const down = await waitFor("health down", () => (s.health.state === "down" ? s.health : null), 8_000);
    expect(down.reason).toMatch(/^(Socket not found|Connection refused|Connection lost|Timed out)/);

    // Changes no event will report: only a full re-list on reconnect can put these right.
    const ghost: ContainerSummary = { ...s.containers.get(before.id)!, id: "ghost".padEnd(64, "0"), name: "ghost" };
    s.containers.upsert(ghost);
    s.containers.upsert({ ...s.containers.get(before.id)!, state: "paused" });
    const diffsBeforeRestart = diffs.length;

    await dockerd("start");
    await waitFor("health up again", () => s.health.state === "up", 60_000);
    expect(s.health.reason).toBeUndefined();
    expect(s.health.version).toBe((await docker.version()).Version);
    expect(health.some((h) => h.state === "down")).toBe(true);

    await waitFor("store equal to a fresh list", () => storeMatchesEngine(s));
    expect(s.containers.has(ghost.id)).toBe(false);
    expect(s.containers.get(before.id)?.state).toBe("exited"); // dockerd stopped it on the way down
    expect(diffs.slice(diffsBeforeRestart).some((d) => d.remove.includes(ghost.id))).toBe(true);

    const after = await createContainer(true);
    await waitFor("the new container running in the store", () => s.containers.get(after.id)?.state === "running");
    const startEvent = events.find((e) => e.actorId === after.id && e.action === "start");
    expect(startEvent).toBeDefined();
    expect(s.eventStreamsOpen).toBe(1);
    expect(s.eventStreamsOpened).toBeGreaterThanOrEqual(2);
    s.stop();
  }, 180_000);
}

function unreachableEndpointTests(): void {
  async function downReason(url: string): Promise<string> {
    const s = newSession(url);
    const { health } = record(s);
    s.start();
    const h = await waitFor("health down", () => (s.health.state === "down" ? s.health : null), 30_000);
    expect(health.every((x) => x.state !== "up")).toBe(true);
    s.stop();
    return h.reason ?? "";
  }

  async function listen(server: net.Server): Promise<number> {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as net.AddressInfo).port;
  }

  function track(server: net.Server): net.Server {
    const sockets = new Set<net.Socket>();
    server.on("connection", (c) => {
      sockets.add(c);
      c.on("close", () => sockets.delete(c));
    });
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          for (const c of sockets) c.destroy();
          server.close(() => resolve());
        }),
    );
    return server;
  }

  it("a unix socket that does not exist: Socket not found", async () => {
    expect(await downReason(`unix://${path.join(tmp, "no-such-dir", "docker.sock")}`)).toMatch(/^Socket not found/);
  });

  it("a loopback port nobody listens on: Connection refused", async () => {
    const probe = net.createServer();
    const port = await listen(probe);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    expect(await downReason(`tcp://127.0.0.1:${port}`)).toMatch(/^Connection refused/);
  });

  it("a web server answering 404 to everything: Not a Docker API", async () => {
    const server = track(
      http.createServer((_req, res) => {
        res.writeHead(404, { "content-type": "text/plain" }).end("404 page not found\n");
      }),
    );
    const port = await listen(server);
    expect(await downReason(`tcp://127.0.0.1:${port}`)).toMatch(/^Not a Docker API/);
  });

  it("a web server answering 200 with something else: Not a Docker API", async () => {
    const server = track(
      http.createServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" }).end('{"hello":"world"}');
      }),
    );
    const port = await listen(server);
    expect(await downReason(`http://127.0.0.1:${port}`)).toMatch(/^Not a Docker API/);
  });

  it("a server that accepts and never answers: Timed out", async () => {
    const server = track(net.createServer(() => {}));
    const port = await listen(server);
    expect(await downReason(`tcp://127.0.0.1:${port}`)).toMatch(/^Timed out/);
  });
}

// Without the rig every test here would be meaningless: fail loudly instead of skipping.
if (rigError) {
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  it("needs the test rig", () => {
    throw rigError;
  });
} else {
  beforeAll(async () => {
    await docker.ping();
  });

  afterAll(async () => {
    for (const s of sessions) s.stop();
    try {
      // A failed restart test must not leave the shared engine down for the next file.
      await dockerd("start");
      const mine = await docker.listContainers({ all: true, filters: { label: [`berth.test=${PREFIX}`] } });
      await Promise.all(mine.map((c) => docker.getContainer(c.Id).remove({ force: true })));
    } finally {
      for (const close of closers) await close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);

  describe("DockerSession against a real engine", realEngineTests);
  describe("DockerSession against unreachable endpoints", unreachableEndpointTests);
}
