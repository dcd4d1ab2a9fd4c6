import { execFile } from "node:child_process";
import { promisify } from "node:util";
import Docker from "dockerode";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StatsSample } from "@/lib/container-stats";
import type { Usage } from "@/lib/container-usage";
import type { ContainerSummary } from "@/lib/domain";
import { type LogBatch, type LogSearchResult, logsTopic } from "@/lib/log-options";
import { statsTopic, usageTopic } from "@/lib/topics";
import { activeUpstreams, logStream, statsConsumers, statsSampler } from "@/server/hub/container-hubs";
import { ask, type Harness, startHarness } from "@/test-support/workbench-harness";

// The workbench's live streams through the real gateway, against the rig's private dockerd.
const DOCKER_HOST = process.env.BERTH_TEST_DOCKER_HOST ?? "";
const IMAGE = process.env.BERTH_TEST_IMAGE ?? "";
if (!DOCKER_HOST || !IMAGE) throw new Error("BERTH_TEST_DOCKER_HOST/IMAGE not set: start the rig and source its env");
const docker = new Docker({ socketPath: decodeURIComponent(new URL(DOCKER_HOST).pathname) });
const run = promisify(execFile);
const PREFIX = `berth-wb-${process.pid}-${Date.now().toString(36)}`;
const made: Docker.Container[] = [];
let h: Harness;

async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function container(name: string, cmd: string[], extra: Docker.HostConfig = {}): Promise<string> {
  const c = await docker.createContainer({
    name: `${PREFIX}-${name}`,
    Image: IMAGE,
    Cmd: cmd,
    Labels: { "berth.test": PREFIX },
    HostConfig: { Init: true, ...extra },
  });
  made.push(c);
  await c.start();
  await waitFor("container in the store", () =>
    h.rt.endpoints.session("local")?.store<ContainerSummary>("containers")?.get(c.id),
  );
  return c.id;
}

function collect<T>(socket: Socket, event: string, topic: string): T[] {
  const got: T[] = [];
  socket.on(event, (m: { topic: string } & T) => {
    if (m.topic === topic) got.push(m);
  });
  return got;
}

beforeAll(async () => {
  h = await startHarness(DOCKER_HOST);
});

afterAll(async () => {
  await h?.close();
  await Promise.all(made.map((c) => c.remove({ force: true }).catch(() => {})));
});

describe("logs", () => {
  it("two viewers of one topic share one upstream; stdout and stderr are told apart", async () => {
    const id = await container("chatty", [
      "sh",
      "-c",
      "i=0; while true; do echo out-$i; echo err-$i >&2; i=$((i+1)); sleep 0.05; done",
    ]);
    const topic = logsTopic("local", id, { tail: 100, since: "all", timestamps: false });
    const [a, b] = [await h.connect("admin"), await h.connect("viewer")];
    const gotA = collect<LogBatch>(a, "logs", topic);
    const gotB = collect<LogBatch>(b, "logs", topic);
    expect(await ask(a, "subscribe", topic)).toMatchObject({ ok: true });
    expect(await ask(b, "subscribe", topic)).toMatchObject({ ok: true });
    expect(activeUpstreams().logs).toBe(1);
    const lines = (got: LogBatch[]) => got.flatMap((x) => x.lines);
    await waitFor("lines at both viewers", () =>
      [gotA, gotB].every((g) => lines(g).some((l) => l.stream === "err") && lines(g).some((l) => l.stream === "out")),
    );
    for (const l of lines(gotA)) expect(l.text.startsWith(l.stream === "err" ? "err-" : "out-")).toBe(true);
    expect(logStream(topic)?.opened).toBe(1);

    // Search runs on the server over the backlog, authorized per call.
    await waitFor("err-12 in the backlog", () => lines(gotA).some((l) => l.text === "err-12"));
    const found = await ask<{ ok: boolean; result: LogSearchResult }>(b, "logs:search", {
      topic,
      query: "^err-1\\d$",
      regex: true,
    });
    expect(found.ok).toBe(true);
    expect(found.result.total).toBeGreaterThanOrEqual(3);
    const bySeq = new Map(
      logStream(topic)!
        .backlog.toArray()
        .map((l) => [l.seq, l.text]),
    );
    for (const m of found.result.matches) expect(bySeq.get(m.seq)).toMatch(/^err-1\d$/);
    const bad = await ask<{ ok: boolean; error: string }>(a, "logs:search", {
      topic,
      query: "(x+x+)+y",
      regex: true,
    });
    // Either fast (no match) or stopped by the budget: never a hang.
    expect(typeof bad.ok).toBe("boolean");

    b.emit("unsubscribe", topic);
    await new Promise((r) => setTimeout(r, 100));
    expect(activeUpstreams().logs).toBe(1);
    a.emit("unsubscribe", topic);
    await waitFor("upstream closed after the last viewer", () => activeUpstreams().logs === 0);
  });

  it("the backlog stays bounded under a flood", async () => {
    const id = await container("flood", ["sh", "-c", "seq 1 100000; sleep 3600"]);
    const topic = logsTopic("local", id, { tail: "all", since: "all", timestamps: false });
    const a = await h.connect("admin");
    let received = 0;
    a.on("logs", (m: LogBatch) => {
      if (m.topic === topic) received += m.lines.length + (m.dropped ?? 0);
    });
    await ask(a, "subscribe", topic);
    await waitFor("all 100000 lines through", () => received >= 100_000, 60_000);
    const s = logStream(topic)!;
    expect(s.backlog.length).toBeLessThanOrEqual(20_000);
    expect(s.backlog.toArray().at(-1)?.text).toBe("100000");
    a.emit("unsubscribe", topic);
  });
});

describe("stats", () => {
  it("a stopped container says so (not a wait for ever), keeps its history, and resumes when it starts", async () => {
    const id = await container("stopper", ["sleep", "3600"]);
    const c = docker.getContainer(id);
    await c.stop();
    await waitFor(
      "stopped in the store",
      () => h.rt.endpoints.session("local")?.store<ContainerSummary>("containers")?.get(id)?.state !== "running",
    );
    const topic = statsTopic("local", id);
    const a = await h.connect("admin");
    const samples = collect<{ sample: StatsSample }>(a, "stats", topic);
    const states = collect<{ state: string }>(a, "stats:state", topic);
    const reply = await ask<{ ok: boolean; snapshot: { state: string; samples: StatsSample[] } }>(
      a,
      "subscribe",
      topic,
    );
    expect(reply.snapshot).toMatchObject({ state: "stopped", samples: [] });

    await c.start();
    await waitFor("samples after the start", () => samples.length >= 2, 20_000);
    expect(states.map((s) => s.state)).toContain("streaming");
    await c.stop();
    await waitFor("stopped again", () => states.at(-1)?.state === "stopped", 20_000);
    // A new viewer sees the state and the history from before the stop, on the same upstream.
    const b = await h.connect("viewer");
    const later = await ask<{ ok: boolean; snapshot: { state: string; samples: StatsSample[] } }>(
      b,
      "subscribe",
      topic,
    );
    expect(later.snapshot.state).toBe("stopped");
    expect(later.snapshot.samples.length).toBeGreaterThanOrEqual(2);
    expect(statsSampler("local", id)?.opened).toBe(1);
    a.emit("unsubscribe", topic);
    b.emit("unsubscribe", topic);
    await waitFor("sampler stopped after the last viewer", () => activeUpstreams().stats === 0);
  });

  it("two viewers share one sampler; a later viewer gets the history at once", async () => {
    const id = await container("sleepy", ["sleep", "3600"]);
    const topic = statsTopic("local", id);
    const a = await h.connect("admin");
    const gotA = collect<{ sample: StatsSample }>(a, "stats", topic);
    await ask(a, "subscribe", topic);
    await waitFor("two samples", () => gotA.length >= 2, 20_000);
    const b = await h.connect("viewer");
    const reply = await ask<{ ok: boolean; snapshot: { samples: StatsSample[] } }>(b, "subscribe", topic);
    expect(reply.snapshot.samples.length).toBeGreaterThanOrEqual(2);
    expect(activeUpstreams().stats).toBe(1);
    expect(statsSampler("local", id)?.opened).toBe(1);
    a.emit("unsubscribe", topic);
    b.emit("unsubscribe", topic);
    await waitFor("sampler stopped after the last viewer", () => activeUpstreams().stats === 0);
  });

  it("the Stats tab and a list row on one container share one sampler, whatever name each used", async () => {
    const id = await container("shared", ["sh", "-c", "while :; do :; done"], { NanoCpus: 300_000_000 });
    const name = h.rt.endpoints.session("local")!.store<ContainerSummary>("containers")!.get(id)!.name;
    // The Stats tab subscribes by name (as a URL may carry it), the list row by full id.
    const stats = statsTopic("local", name);
    const usage = usageTopic("local", id);
    const [tab, list] = [await h.connect("admin"), await h.connect("viewer")];
    const rows = collect<{ usage: Usage | null }>(list, "usage", usage);
    const tabSamples = collect<{ sample: StatsSample }>(tab, "stats", stats);
    expect(await ask(tab, "subscribe", stats)).toMatchObject({ ok: true });
    await waitFor("first sample at the Stats tab", () => tabSamples.length >= 1, 20_000);
    const first = await ask<{ ok: boolean; snapshot: Usage | null }>(list, "subscribe", usage);
    // The sampler already ran: the row's snapshot is the newest figure at once, and no more than that.
    expect(first.ok).toBe(true);
    expect(Object.keys(first.snapshot ?? {}).sort()).toEqual(["cpuPercent", "memLimit", "memUsed"]);
    expect(activeUpstreams().stats).toBe(1);
    expect(statsConsumers("local", id)).toBe(2);
    await waitFor("usage broadcasts", () => rows.length >= 2, 20_000);
    for (const r of rows) expect(Object.keys(r).sort()).toEqual(["topic", "usage"]);
    for (const r of rows) expect(Object.keys(r.usage!).sort()).toEqual(["cpuPercent", "memLimit", "memUsed"]);
    expect(rows.at(-1)!.usage!.cpuPercent).toBeGreaterThan(1);
    expect(rows.at(-1)!.usage!.memUsed).toBeGreaterThan(0);
    // One engine stream all along.
    expect(statsSampler("local", id)?.opened).toBe(1);

    tab.emit("unsubscribe", stats);
    await waitFor("the tab's hold released", () => statsConsumers("local", id) === 1);
    expect(activeUpstreams().stats).toBe(1);
    list.emit("unsubscribe", usage);
    await waitFor("sampler stopped after both left", () => activeUpstreams().stats === 0);
    expect(statsSampler("local", id)).toBeUndefined();
  });

  it("a stopped container gets no sampler; one that stops lets its sampler go and one that starts gets it back", async () => {
    const id = await container("usage-stopper", ["sleep", "3600"]);
    await docker.getContainer(id).stop({ t: 0 });
    await waitFor(
      "exited in the store",
      () => h.rt.endpoints.session("local")?.store<ContainerSummary>("containers")?.get(id)?.state === "exited",
    );
    const a = await h.connect("viewer");
    const topic = usageTopic("local", id);
    const got = collect<{ usage: Usage | null }>(a, "usage", topic);
    expect(await ask(a, "subscribe", topic)).toEqual({ ok: true, snapshot: null });
    // Subscribed (the gateway acquires before it answers), yet nothing sampled.
    expect(activeUpstreams().stats).toBe(0);

    await docker.getContainer(id).start();
    await waitFor("a figure once it runs", () => got.some((g) => g.usage), 20_000);
    expect(activeUpstreams().stats).toBe(1);
    await docker.getContainer(id).stop({ t: 0 });
    await waitFor("sampler let go once it stopped", () => activeUpstreams().stats === 0, 20_000);
    expect(got.at(-1)!.usage).toBeNull();
    a.emit("unsubscribe", topic);
  });

  it("usage topics: unknown containers are refused; a viewer of another endpoint is refused", async () => {
    const a = await h.connect("viewer");
    expect(await ask(a, "subscribe", usageTopic("local", "no-such-container-here"))).toEqual({
      ok: false,
      error: "Container not found",
    });
    expect(await ask(a, "subscribe", usageTopic("elsewhere", "x"))).toMatchObject({ ok: false });
    expect(activeUpstreams().stats).toBe(0);
  });

  it("CPU % agrees with `docker stats --no-stream` within 1 point for a busy loop", async () => {
    // Capped at half a CPU so the figure is steady even on a busy machine.
    const id = await container("busy", ["sh", "-c", "yes > /dev/null"], { NanoCpus: 500_000_000 });
    const topic = statsTopic("local", id);
    const a = await h.connect("admin");
    const got = collect<{ sample: StatsSample }>(a, "stats", topic);
    await ask(a, "subscribe", topic);
    await waitFor("first sample", () => got.length >= 1, 20_000);
    // Each `docker stats --no-stream` call reads one tick of the engine's stats collector, the same collector that
    // feeds Berth's stream, so the same window is compared: the CLI's figure against Berth's samples read during
    // that call. Pairing per call keeps the comparison fair when the machine's load swings from second to second.
    const calls: { start: number; end: number; value: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const start = Date.now();
      const { stdout } = await run(
        "docker",
        ["-H", DOCKER_HOST, "stats", "--no-stream", "--format", "{{.CPUPerc}}", id],
        {
          env: { ...process.env, DOCKER_API_VERSION: "1.41" },
        },
      );
      calls.push({ start, end: Date.now(), value: Number.parseFloat(stdout.trim()) });
    }
    const last = calls.at(-1)!.end;
    await waitFor("Berth's samples to cover the last call", () => got.some((g) => g.sample.t >= last), 10_000);
    const pairs = calls.map((c) => {
      const during = got.map((g) => g.sample).filter((s) => s.t >= c.start - 1_000 && s.t <= c.end + 500);
      const nearest = during.sort((x, y) => Math.abs(x.cpuPercent - c.value) - Math.abs(y.cpuPercent - c.value))[0];
      return { cli: c.value, berth: nearest?.cpuPercent ?? Number.NaN };
    });
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    const [m1, m2] = [mean(pairs.map((p) => p.berth)), mean(pairs.map((p) => p.cli))];
    console.log(
      `CPU % per call (Berth / docker stats): ${pairs.map((p) => `${p.berth.toFixed(2)}/${p.cli}`).join(", ")}`,
    );
    expect(pairs.every((p) => Number.isFinite(p.berth))).toBe(true);
    expect(Math.abs(m1 - m2)).toBeLessThanOrEqual(1);
    for (const p of pairs) expect(Math.abs(p.berth - p.cli)).toBeLessThanOrEqual(1);
    // The loop really ran (on a loaded machine it gets well under its half CPU; both tools must see the same).
    expect(m1).toBeGreaterThan(2);
    a.emit("unsubscribe", topic);
  });
});

describe("console", () => {
  it("admins run commands; viewers are refused at the socket; starts are audited", async () => {
    const id = await container("shell", ["sleep", "3600"]);
    const viewer = await h.connect("viewer");
    const refused = await ask<{ ok: boolean; error?: string }>(viewer, "exec:start", {
      endpointId: "local",
      containerId: id,
      shell: "sh",
    });
    expect(refused).toMatchObject({ ok: false });

    const admin = await h.connect("admin");
    let out = "";
    admin.on("exec:output", (m: { data: string }) => {
      out += m.data;
    });
    const started = await ask<{ ok: boolean; id: string }>(admin, "exec:start", {
      endpointId: "local",
      containerId: id,
      shell: "sh",
      cols: 100,
      rows: 30,
    });
    expect(started.ok).toBe(true);
    // A viewer cannot type into someone else's console either: the id is per socket.
    expect(await ask(viewer, "exec:input", { id: started.id, data: "echo x\n" })).toMatchObject({ ok: false });
    await ask(admin, "exec:input", { id: started.id, data: "echo hel''lo; stty size\n" });
    await waitFor("output", () => out.includes("hello") && out.includes("30 100"), 15_000);
    // Keystrokes sent without waiting for acks (as a fast typist's browser does) reach the shell in order.
    for (const ch of "echo ordered-0123456789-abcdefghij\n") admin.emit("exec:input", { id: started.id, data: ch });
    await waitFor("typed line echoed in order", () => /\r?\nordered-0123456789-abcdefghij\r?\n/.test(out), 15_000);
    const exited = new Promise<{ code: number | null }>((r) => admin.once("exec:exit", r));
    await ask(admin, "exec:input", { id: started.id, data: "exit 3\n" });
    expect((await exited).code).toBe(3);

    const { db, t } = h.rt.db;
    const rows = await db.select().from(t.auditLog);
    const execRows = rows.filter((r) => r.action === "container.exec");
    expect(execRows.map((r) => r.outcome).sort()).toEqual(["denied", "success"]);
  });
});
