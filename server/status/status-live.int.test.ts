import Docker from "dockerode";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, ContainerSummary } from "@/lib/domain";
import type { PublicStatusView } from "@/lib/status-view";
import { statusTopic } from "@/lib/topics";
import { deleteStatusPage } from "@/server/services/status-pages/delete-status-page";
import { createStatusPage, updateStatusPage } from "@/server/services/status-pages/save-status-page";
import { ask, type Harness, startHarness } from "@/test-support/workbench-harness";
import { RateLimiter } from "./rate-limit";

// Status pages live, end to end below the browser: the rig's engine, the endpoint session's store, the tracker, the
// "/public" namespace, anonymous socket clients.
const DOCKER_HOST = process.env.BERTH_TEST_DOCKER_HOST ?? "";
const IMAGE = process.env.BERTH_TEST_IMAGE ?? "";
if (!DOCKER_HOST || !IMAGE) throw new Error("BERTH_TEST_DOCKER_HOST/IMAGE not set: start the rig and source its env");
const docker = new Docker({ socketPath: decodeURIComponent(new URL(DOCKER_HOST).pathname) });
const PREFIX = `berth-st-${process.pid}-${Date.now().toString(36)}`;
const admin: Actor = { id: "u-admin", username: "admin", isAdmin: true, grants: {} };
const SLUG = `acme-${Date.now().toString(36)}`;
const TOPIC = statusTopic(SLUG);
let h: Harness;
let pageId = "";
const sockets: Socket[] = [];

type Reply = { ok: true; snapshot: PublicStatusView } | { ok: false; error: string; retryAfter?: number };

async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function makeContainer(name: string): Promise<Docker.Container> {
  const c = await docker.createContainer({
    name: `${PREFIX}-${name}`,
    Image: IMAGE,
    Cmd: ["sleep", "3600"],
    Env: ["SECRET_TOKEN=st-env-secret-value"],
    Labels: { "berth.test": PREFIX, "st.private": "st-label-secret-value" },
    HostConfig: { Init: true },
  });
  await c.start();
  await waitFor(
    "container running in the store",
    () => h.rt.endpoints.session("local")?.store<ContainerSummary>("containers")?.get(c.id)?.state === "running",
  );
  return c;
}

/** An anonymous socket on the public namespace: no cookie at all. */
function anonymous(namespace = "/public", headers: Record<string, string> = {}): Promise<Socket> {
  const s = io(`${h.url}${namespace}`, {
    path: "/socket.io/",
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: headers,
  });
  sockets.push(s);
  return new Promise((resolve, reject) => {
    s.once("connect", () => resolve(s));
    s.once("connect_error", reject);
  });
}

/** Every update a socket receives for the topic, in order. */
function updates(s: Socket): (PublicStatusView | null)[] {
  const got: (PublicStatusView | null)[] = [];
  s.on("status:update", (m: { topic: string; view: PublicStatusView | null }) => {
    if (m.topic === TOPIC) got.push(m.view);
  });
  return got;
}

let web: Docker.Container;
let db: Docker.Container;

beforeAll(async () => {
  h = await startHarness(DOCKER_HOST);
  await h.rt.status.start();
  web = await makeContainer("web");
  db = await makeContainer("db");
  const page = await createStatusPage(admin, {
    slug: SLUG,
    title: "Acme <b>status</b>",
    items: [
      { endpointId: "local", kind: "container", ref: `${PREFIX}-web`, displayName: "Public API" },
      { endpointId: "local", kind: "container", ref: `${PREFIX}-db`, displayName: "Database" },
    ],
  });
  pageId = page.id;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await h?.rt.status.stop();
  await h?.close();
  const list = await docker.listContainers({ all: true, filters: { label: [`berth.test=${PREFIX}`] } });
  await Promise.all(
    list.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => {}),
    ),
  );
});

describe("the public namespace", () => {
  it("serves a status page to a socket without any session, while the default namespace still refuses it", async () => {
    await expect(anonymous("/")).rejects.toThrow(/unauthorized/);
    const s = await anonymous();
    const r = await ask<Reply>(s, "status:subscribe", TOPIC);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.snapshot.title).toBe("Acme <b>status</b>");
    expect(r.snapshot.items.map((i) => [i.name, i.state])).toEqual([
      ["Public API", "up"],
      ["Database", "up"],
    ]);
    // The container's own start time, from the engine: not when Berth first saw it.
    const started = Date.parse((await web.inspect()).State.StartedAt);
    expect(r.snapshot.items[0]?.since).toBe(started);
  });

  it("serves nothing but status pages, and nothing for unknown slugs", async () => {
    const s = await anonymous();
    expect(await ask<Reply>(s, "status:subscribe", "status:no-such-page")).toEqual({ ok: false, error: "Not found" });
    for (const topic of ["endpoint:local:containers", "endpoints", "events", "status:../x", 42]) {
      expect(await ask<Reply>(s, "status:subscribe", topic), String(topic)).toEqual({
        ok: false,
        error: "Unknown topic",
      });
    }
    // The signed-in namespace's events are not handled here.
    const reply = await Promise.race([
      ask<unknown>(s, "subscribe", "endpoint:local:containers"),
      new Promise((r) => setTimeout(() => r("no answer"), 300)),
    ]);
    expect(reply).toBe("no answer");
  });

  it("pushes a stop and a start to every viewer, from one shared feed, without another engine stream", async () => {
    const session = h.rt.endpoints.access("local", "docker");
    const streamsBefore = session.eventStreamsOpened;
    const feedsBefore = h.rt.status.listenerCount("change");
    const viewers = await Promise.all(Array.from({ length: 20 }, () => anonymous()));
    const seen = viewers.map(updates);
    for (const v of viewers) expect((await ask<Reply>(v, "status:subscribe", TOPIC)).ok).toBe(true);
    // 20 viewers of one page: one feed listening to the tracker (the earlier test's socket may hold one too).
    expect(h.rt.status.listenerCount("change") - feedsBefore).toBeLessThanOrEqual(1);

    // Measured from the moment the engine's API call returned (the container has stopped, or started).
    const t0 = performance.now();
    await web.stop({ t: 0 });
    const stopped = performance.now();
    await waitFor("every viewer sees it down", () => seen.every((s) => s.some((v) => v?.items[0]?.state === "down")));
    const downMs = performance.now() - stopped;
    const t1 = performance.now();
    await web.start();
    const started = performance.now();
    await waitFor("every viewer sees it up", () => seen.every((s) => s.at(-1)?.items[0]?.state === "up"));
    const upMs = performance.now() - started;
    console.log(
      `status page, 20 viewers: stop call ${(stopped - t0).toFixed(0)} ms then all see down after ${downMs.toFixed(0)} ms; ` +
        `start call ${(started - t1).toFixed(0)} ms then all see up after ${upMs.toFixed(0)} ms`,
    );
    expect(seen[0]?.at(-1)?.items[1]?.state).toBe("up");
    expect(session.eventStreamsOpened).toBe(streamsBefore);

    // What went over the wire: only the sanitized view.
    const wire = JSON.stringify(seen);
    const info = await web.inspect();
    for (const secret of [
      info.Id,
      info.Id.slice(0, 12),
      IMAGE,
      PREFIX,
      "st-env-secret-value",
      "st-label-secret-value",
      DOCKER_HOST,
      '"local"',
    ]) {
      expect(wire, secret).not.toContain(secret);
    }
    for (const v of viewers) v.close();
  });

  it("records the outage in the availability figure, and keeps following a recreated container by name", async () => {
    const s = await anonymous();
    const r = await ask<Reply>(s, "status:subscribe", TOPIC);
    if (!r.ok) throw new Error(r.error);
    const a = r.snapshot.items[0]!.availability;
    expect(a.percent).not.toBeNull();
    expect(a.percent!).toBeLessThan(100);
    expect(a.observedMs).toBeGreaterThan(0);
    expect(r.snapshot.items[1]?.availability.percent).toBe(100);

    const seen = updates(s);
    await db.remove({ force: true });
    await waitFor("db down", () => seen.some((v) => v?.items[1]?.state === "down"));
    db = await makeContainer("db");
    await waitFor("recreated db up", () => seen.at(-1)?.items[1]?.state === "up");
  });

  it("follows edits and deletion of the page", async () => {
    const s = await anonymous();
    expect((await ask<Reply>(s, "status:subscribe", TOPIC)).ok).toBe(true);
    const seen = updates(s);
    await updateStatusPage(admin, pageId, {
      slug: SLUG,
      title: "Renamed",
      items: [{ endpointId: "local", kind: "container", ref: `${PREFIX}-db`, displayName: "Only the DB" }],
    });
    await waitFor("edited view", () => seen.at(-1)?.title === "Renamed");
    expect(seen.at(-1)?.items.map((i) => i.name)).toEqual(["Only the DB"]);
    await deleteStatusPage(admin, pageId);
    await waitFor("page gone", () => seen.at(-1) === null);
  });

  it("limits connections and subscriptions per client, answering when to come back", async () => {
    const saved = h.rt.publicLimiter;
    h.rt.publicLimiter = new RateLimiter(2);
    try {
      const s = await anonymous();
      expect((await ask<Reply>(s, "status:subscribe", "status:whatever")).ok).toBe(false);
      const limited = await ask<Reply>(s, "status:subscribe", "status:whatever");
      expect(limited).toMatchObject({ ok: false, error: "Too many requests" });
      expect((limited as { retryAfter: number }).retryAfter).toBeGreaterThanOrEqual(1);
      const refused = await anonymous().catch((e: Error & { data?: { retryAfter?: number } }) => e);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).toBe("Too many requests");
      expect((refused as { data?: { retryAfter?: number } }).data?.retryAfter).toBeGreaterThanOrEqual(1);
    } finally {
      h.rt.publicLimiter = saved;
    }
  });
});
