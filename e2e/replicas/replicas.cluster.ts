import { type APIRequestContext, expect, request, test } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { docker, runSleeper, uniqueName } from "../support/docker-cli";
import { leaseHolder, type Replica, type ReplicaSet, requireEnv, startReplicaSet, stopReplicaSet } from "./replica-set";

// Three Berth replicas on one Postgres behind nginx (round robin, WebSocket upgrade, no stickiness), driven the way
// people use them: a browser through the proxy, sockets and API calls on chosen replicas, the docker CLI against
// the rig's engine, kill -9 and rolling restarts. Figures (takeover, propagation) are printed, not asserted.

test.describe.configure({ mode: "serial" });

const ADMIN = { username: "cluster-admin", password: "cluster-admin-password" };
const TOPIC = "endpoint:local:containers";
let set: ReplicaSet;
let adminState: Awaited<ReturnType<APIRequestContext["storageState"]>>;

type Item = { id: string; name: string; state: string };
interface Viewer {
  socket: Socket;
  /** Every upsert of the watched containers, in arrival order (JSON, to spot exact repeats). */
  seen: Map<string, string[]>;
  /** The viewer's live table, built from its snapshot and diffs. */
  table: Map<string, Item>;
  revoked: { at: number; topic?: string }[];
}

async function signIn(baseURL: string, username: string, password: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await ctx.post("/api/auth/callback/credentials", {
    form: { username, password, csrfToken, json: "true" },
    maxRedirects: 0,
  });
  const session = (await (await ctx.get("/api/auth/session")).json()) as { user?: { name?: string } };
  expect(session.user?.name, `sign-in as ${username}`).toBe(username);
  return ctx;
}

/** The admin's session on one replica (cookies are per host, not per port: the same session works everywhere). */
const adminOn = (r: { url: string }) => request.newContext({ baseURL: r.url, storageState: adminState });

async function cookieOf(ctx: APIRequestContext): Promise<string> {
  const c = (await ctx.storageState()).cookies.find((x) => x.name === "next-auth.session-token");
  if (!c) throw new Error("no session cookie");
  return `next-auth.session-token=${c.value}`;
}

/** A socket viewer of the containers topic on `url` (a replica, or nginx), reconnecting like the browser does. */
function watch(url: string, cookie: string, names: () => Set<string>): Promise<Viewer> {
  const v: Viewer = {
    socket: io(url, {
      path: "/socket.io/",
      transports: ["websocket"],
      extraHeaders: { Cookie: cookie, Origin: set.nginx.url },
      reconnectionDelay: 200,
      reconnectionDelayMax: 1_000,
    }),
    seen: new Map(),
    table: new Map(),
    revoked: [],
  };
  const record = (item: Item) => {
    if (!names().has(item.name)) return;
    const list = v.seen.get(item.name) ?? [];
    list.push(JSON.stringify(item));
    v.seen.set(item.name, list);
  };
  v.socket.on("diff", (m: { topic: string; diff: { upsert: Item[]; remove: string[] } }) => {
    if (m.topic !== TOPIC) return;
    for (const item of m.diff.upsert) {
      v.table.set(item.id, item);
      record(item);
    }
    for (const id of m.diff.remove) v.table.delete(id);
  });
  v.socket.on("revoked", (m: { topic?: string }) => v.revoked.push({ at: Date.now(), topic: m.topic }));
  return new Promise((resolve, reject) => {
    let first = true;
    // Each (re)connect subscribes again and takes the snapshot as the new table, as the browser's store does.
    v.socket.on("connect", () => {
      v.socket.emit("subscribe", TOPIC, (r: { ok: boolean; snapshot?: Item[]; error?: string }) => {
        if (!r.ok) return first ? reject(new Error(r.error)) : undefined;
        v.table = new Map((r.snapshot ?? []).map((i) => [i.id, i]));
        if (first) resolve(v);
        first = false;
      });
    });
    v.socket.on("connect_error", (err) => first && setTimeout(() => first && reject(err), 10_000));
  });
}

/**
 * The engine's own log of some containers' starts and deaths since `since` (seconds). The engine keeps only its last
 * 256 events, fewer than a churn makes in a rolling restart, so the log is read in short past windows as the test
 * goes (`--until` in the past: the CLI's listener is gone once it answers), overlapping, merged by the engine's
 * nanosecond time.
 */
class EngineLog {
  private readonly seen = new Map<string, { nano: number; line: string }>();
  private from: number;
  constructor(
    private readonly names: string[],
    since: number,
  ) {
    this.from = since;
  }

  read(): void {
    const until = Date.now() / 1000;
    const out = docker(
      "events",
      "--since",
      (this.from - 2).toFixed(3),
      "--until",
      until.toFixed(3),
      "--filter",
      "type=container",
      "--filter",
      "event=start",
      "--filter",
      "event=die",
      "--format",
      "{{.TimeNano}} {{.Actor.Attributes.name}} {{.Action}}",
    );
    for (const l of out.split("\n")) {
      const [nano, n, a] = l.split(" ");
      if (n && this.names.includes(n)) this.seen.set(l, { nano: Number(nano), line: `${n} ${a}` });
    }
    this.from = until;
  }

  /** In the engine's order, with each event's time in ms as the feed has it. */
  entries(): { ms: number; line: string }[] {
    return [...this.seen.values()]
      .sort((a, b) => a.nano - b.nano)
      .map((e) => ({ ms: Math.floor(e.nano / 1e6), line: e.line }));
  }
}

/**
 * Every listed replica's events feed has the engine's own log of these containers' starts and deaths, in order, none
 * missing and none twice. The feed is a ring of the newest events (all types): where churn pushed older ones out, the
 * comparison starts after the oldest event the replica still holds, which must be before `coverFrom` (ms) so every
 * handover is inside what is compared.
 */
async function expectFeedsMatchEngine(
  replicas: Replica[],
  names: string[],
  log: EngineLog,
  coverFrom: number,
): Promise<void> {
  log.read();
  const engineLog = log.entries();
  expect(engineLog.length).toBeGreaterThanOrEqual(names.length);
  type FeedEvent = { name: string; action: string; time: number };
  for (const r of replicas) {
    const ctx = await adminOn(r);
    const feed = async () => {
      const all = (await (await ctx.get("/api/v1/endpoints/local/events?limit=1000")).json()) as FeedEvent[];
      const oldest = all[0]?.time ?? 0;
      expect(oldest, `${r.name}'s feed still holds events from before the first handover`).toBeLessThan(coverFrom);
      const ours = all
        .filter((e) => e.time > oldest && names.includes(e.name) && (e.action === "start" || e.action === "die"))
        .map((e) => `${e.name} ${e.action}`);
      return { ours, engine: engineLog.filter((e) => e.ms > oldest).map((e) => e.line) };
    };
    // A mirror's feed follows the owner's by a bus message: give it a moment, then it must be the engine's log.
    await expect
      .poll(
        async () => {
          const f = await feed();
          return f.ours.length === f.engine.length && f.ours.every((l, i) => l === f.engine[i]);
        },
        { timeout: 10_000, message: `${r.name}'s events feed` },
      )
      .toBe(true)
      .catch(async (err) => {
        const f = await feed();
        expect(f.ours, `${r.name}'s events feed`).toEqual(f.engine);
        throw err;
      });
    await ctx.dispose();
  }
}

const eventListeners = () => Number(docker("info", "--format", "{{.NEventsListener}}"));

test.beforeAll(async () => {
  test.setTimeout(300_000);
  set = await startReplicaSet(3);
});

test.afterAll(async () => {
  await stopReplicaSet(set);
});

test("the setup link one replica printed works on another, and setup is then gone on all", async ({ page }) => {
  const link = /\/setup\?token=([\w-]+)/.exec(set.replicas[0]!.log())?.[1];
  expect(link, "replica-1 printed a setup link").toBeTruthy();
  await page.goto(`${set.replicas[2]!.url}/setup?token=${link}`);
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin" }).click();
  await expect(page).toHaveURL(/\/login$/);
  for (const r of set.replicas) expect((await page.goto(`${r.url}/setup?token=${link}`))?.status()).toBe(404);
  const admin = await signIn(set.nginx.url, ADMIN.username, ADMIN.password);
  adminState = await admin.storageState();
  await admin.dispose();
});

test("a replica with a generated or different secret refuses to start on the shared database", async () => {
  const { Replica, freePort } = await import("./replica-set");
  const base = `${set.replicas[0]!.dataDir}-extra`;
  const env = (dir: string, port: number) => ({
    BERTH_DATA_DIR: dir,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: set.databaseUrl,
    DOCKER_HOST: requireEnv("BERTH_TEST_DOCKER_HOST"),
    NEXTAUTH_URL: set.nginx.url,
  });
  const gPort = await freePort();
  const generated = new Replica("generated", gPort, `${base}-g`, {
    ...env(`${base}-g`, gPort),
    NEXTAUTH_SECRET: "",
    BERTH_SECRET_KEY: "",
  });
  await generated.start({}, false);
  expect(await generated.exited()).toBe(1);
  expect(generated.log()).toContain("Another Berth replica is running on this database");

  const oPort = await freePort();
  const other = new Replica("other-key", oPort, `${base}-o`, {
    ...env(`${base}-o`, oPort),
    NEXTAUTH_SECRET: "replica-proof-nextauth-secret",
    BERTH_SECRET_KEY: "some-other-key",
  });
  await other.start({}, false);
  expect(await other.exited()).toBe(1);
  expect(other.log()).toContain("This database was used with another BERTH_SECRET_KEY");
});

test("live data crosses replicas exactly once, from one engine events stream", async () => {
  const names = new Set<string>();
  const cookie = await cookieOf(await adminOn(set.nginx));
  const viewers = await Promise.all(set.replicas.map((r) => watch(r.url, cookie, () => names)));
  try {
    await expect.poll(eventListeners, { timeout: 15_000 }).toBe(1);
    const name = uniqueName("exactly-once");
    names.add(name);
    const everyViewerShows = async (state: string) => {
      for (const v of viewers)
        await expect
          .poll(() => [...v.table.values()].find((c) => c.name === name)?.state, { timeout: 15_000 })
          .toBe(state);
    };
    runSleeper(name);
    await everyViewerShows("running");
    for (let i = 0; i < 4; i++) {
      docker("stop", "-t", "1", name);
      await everyViewerShows("exited");
      if (i === 3) break;
      docker("start", name);
      await everyViewerShows("running");
    }
    // Settle: anything late would show up now.
    await new Promise((r) => setTimeout(r, 2_000));
    const sequences = viewers.map((v) => v.seen.get(name) ?? []);
    for (const [i, seq] of sequences.entries()) {
      for (let k = 1; k < seq.length; k++)
        expect(seq[k], `viewer ${i + 1}: upsert ${k} repeats the one before`).not.toBe(seq[k - 1]);
      const states = seq.map((s) => (JSON.parse(s) as Item).state).filter((s, k, a) => k === 0 || a[k - 1] !== s);
      expect(states.filter((s) => s === "running").length, `viewer ${i + 1} saw every start`).toBe(4);
      expect(states.filter((s) => s === "exited").length, `viewer ${i + 1} saw every stop`).toBe(4);
    }
    // The owner's viewer and the mirrors' viewers got the very same diffs.
    expect(sequences[1]).toEqual(sequences[0]);
    expect(sequences[2]).toEqual(sequences[0]);
    expect(eventListeners()).toBe(1);
    docker("rm", "-f", name);
  } finally {
    for (const v of viewers) v.socket.close();
  }
});

test("kill -9 of the endpoint's owner: another replica takes over and the browser's row keeps updating", async ({
  browser,
}) => {
  const since = Math.floor(Date.now() / 1000) - 1;
  const name = uniqueName("takeover");
  runSleeper(name);
  const context = await browser.newContext({ baseURL: set.nginx.url, storageState: adminState });
  const page = await context.newPage();
  await page.goto("/endpoints/local/containers");
  const row = page
    .getByRole("table", { name: "Containers" })
    .getByRole("row")
    .filter({
      has: page.getByRole("rowheader", { name, exact: true }),
    });
  await expect(row.locator('[data-col="state"]')).toContainText(/running/i);
  // A mark that a reload would wipe.
  await page.evaluate(() => Object.assign(window, { __noReload: true }));

  const owner = await leaseHolder(set, "endpoint:local");
  expect(owner, "some replica owns the endpoint").toBeTruthy();
  const killedAt = Date.now();
  await owner!.kill("SIGKILL");
  docker("stop", "-t", "1", name);
  await expect(row.locator('[data-col="state"]')).toContainText(/exited/i, { timeout: 20_000 });
  const shownAfter = Date.now() - killedAt;
  await expect
    .poll(async () => (await leaseHolder(set, "endpoint:local")) !== undefined, { timeout: 20_000 })
    .toBe(true);
  expect(await leaseHolder(set, "endpoint:local")).not.toBe(owner);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  docker("start", name);
  await expect(row.locator('[data-col="state"]')).toContainText(/running/i, { timeout: 15_000 });
  await expect.poll(eventListeners, { timeout: 15_000 }).toBe(1);
  console.log(`[replicas] kill -9 of ${owner!.name}: the browser showed the stop ${shownAfter} ms after the kill`);
  // The stop happened while no replica listened to the engine: the new owner replayed it into the events feed.
  await expectFeedsMatchEngine(
    set.replicas.filter((r) => r !== owner),
    [name],
    new EngineLog([name], since),
    killedAt,
  );

  await owner!.start();
  await context.close();
  docker("rm", "-f", name);
});

test("endpoint, grant and rate-limit changes on one replica hold on the others", async () => {
  const [r1, r2, r3] = set.replicas as [Replica, Replica, Replica];
  const a1 = await adminOn(r1);
  const a2 = await adminOn(r2);
  // An endpoint added on replica 1 is listed, and up, on replica 2.
  const epName = uniqueName("cluster-ep");
  const made = await a1.post("/api/v1/endpoints", {
    data: { name: epName, connection: { type: "unix", socketPath: requireEnv("BERTH_TEST_DOCKER_SOCKET") } },
  });
  expect(made.ok(), await made.text()).toBe(true);
  const epId = ((await made.json()) as { id: string }).id;
  const addedAt = Date.now();
  await expect
    .poll(
      async () => ((await (await a2.get("/api/v1/endpoints")).json()) as { id: string }[]).some((e) => e.id === epId),
      {
        timeout: 10_000,
        intervals: [50],
      },
    )
    .toBe(true);
  console.log(`[replicas] endpoint added on replica-1 listed by replica-2 after ${Date.now() - addedAt} ms`);

  // A viewer whose socket is on replica 3 loses the topic when replica 1 removes the grant.
  const user = await a1.post("/api/v1/users", { data: { username: "cluster-viewer", password: "cluster-viewer-pw1" } });
  expect(user.status()).toBe(201);
  const userId = ((await user.json()) as { id: string }).id;
  const team = (await (await a1.post("/api/v1/teams", { data: { name: "cluster-team" } })).json()) as { id: string };
  expect((await a1.post(`/api/v1/teams/${team.id}/members`, { data: { userId } })).status()).toBe(204);
  expect(
    (await a1.post(`/api/v1/teams/${team.id}/grants`, { data: { endpointId: "local", role: "viewer" } })).status(),
  ).toBe(204);
  const viewerApi = await signIn(r3.url, "cluster-viewer", "cluster-viewer-pw1");
  const v = await watch(r3.url, await cookieOf(viewerApi), () => new Set());
  try {
    const revokedAt = Date.now();
    expect((await a1.delete(`/api/v1/teams/${team.id}/grants/local`)).status()).toBe(204);
    await expect.poll(() => v.revoked.some((r) => r.topic === TOPIC), { timeout: 10_000, intervals: [50] }).toBe(true);
    console.log(
      `[replicas] grant removed on replica-1: replica-3's socket dropped the topic after ${v.revoked[0]!.at - revokedAt} ms`,
    );
    expect((await viewerApi.get("/api/v1/endpoints/local/containers")).status()).toBe(404);
  } finally {
    v.socket.close();
  }

  // Removing the endpoint on replica 2 removes it on replica 1.
  expect((await a2.delete(`/api/v1/endpoints/${epId}`)).status()).toBe(204);
  await expect
    .poll(
      async () => ((await (await a1.get("/api/v1/endpoints")).json()) as { id: string }[]).some((e) => e.id === epId),
      {
        timeout: 10_000,
      },
    )
    .toBe(false);

  // The public rate limit is one count for the deployment: through round robin, per-replica limits would allow 360.
  const anon = await request.newContext({ baseURL: set.nginx.url });
  let limitedAt = 0;
  for (let i = 1; i <= 300 && !limitedAt; i++)
    if ((await anon.get("/status/no-such-page")).status() === 429) limitedAt = i;
  // 121 unless the minute's window turned during the loop (then at most 120 more).
  expect(limitedAt).toBeGreaterThanOrEqual(121);
  expect(limitedAt).toBeLessThanOrEqual(241);
  await anon.dispose();
});

test("an image pull started on one replica is listed, with its outcome, by the others", async () => {
  const [r1, r2, r3] = set.replicas as [Replica, Replica, Replica];
  const a1 = await adminOn(r1);
  const started = await a1.post("/api/v1/endpoints/local/images/pull", {
    data: { ref: requireEnv("BERTH_TEST_REGISTRY_IMAGE") },
  });
  expect(started.ok(), await started.text()).toBe(true);
  const jobId = ((await started.json()) as { id: string }).id;
  // The pull runs on replica 1 alone; replicas 2 and 3 know it only from replica 1's diffs over the bus.
  for (const r of [r2, r3]) {
    const other = await adminOn(r);
    await expect
      .poll(
        async () => {
          const jobs = (await (await other.get("/api/v1/endpoints/local/images/pulls")).json()) as {
            id: string;
            state: string;
          }[];
          return jobs.find((j) => j.id === jobId)?.state;
        },
        { timeout: 10_000 },
      )
      .toBe("done");
    await other.dispose();
  }
});

test("rolling restart of all three under 20 socket viewers and churn: views match the engine, no audit row lost", async () => {
  test.setTimeout(300_000);
  const since = Math.floor(Date.now() / 1000) - 1;
  const names = Array.from({ length: 4 }, (_, i) => uniqueName(`roll-${i}`));
  for (const n of names) runSleeper(n);
  const cookie = await cookieOf(await adminOn(set.nginx));
  const watched = new Set(names);
  const viewers = await Promise.all(Array.from({ length: 20 }, () => watch(set.nginx.url, cookie, () => watched)));
  const api = await adminOn(set.nginx);
  let churning = true;
  let apiOps = 0;
  const running = new Map(names.map((n) => [n, true]));
  const churn = (async () => {
    for (let i = 0; churning && i < 400; i++) {
      const n = names[i % names.length]!;
      const verb = running.get(n) ? "stop" : "start";
      running.set(n, !running.get(n));
      // Half through Berth's API (each call audited once, whatever its outcome), half with the docker CLI.
      if (i % 2 === 0) {
        const res = await api.post(`/api/v1/endpoints/local/containers/${n}/${verb}`).catch(() => null);
        if (res && res.status() < 500) apiOps++;
      } else {
        try {
          docker(verb, ...(verb === "stop" ? ["-t", "1"] : []), n);
        } catch {}
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  // The engine's count of /events listeners, sampled through the restarts (one endpoint: one listener).
  // One after the other in the same tick, so the log's short-lived CLI listener is never counted as Berth's.
  const engineLog = new EngineLog(names, since);
  const listenerSamples: number[] = [];
  const overlaps: string[] = [];
  let tick = 0;
  const sampler = setInterval(() => {
    try {
      const n = eventListeners();
      listenerSamples.push(n);
      if (n !== 1) overlaps.push(`${n} at ${Date.now()}`);
      if (++tick % 4 === 0) engineLog.read();
    } catch {}
  }, 250);
  const restartFrom = Date.now();
  try {
    for (const r of set.replicas) {
      await r.kill("SIGTERM");
      await r.start();
    }
    churning = false;
    await churn;
    clearInterval(sampler);
    console.log(
      `[replicas] /events listeners during the rolling restart: max ${Math.max(...listenerSamples)}, min ${Math.min(...listenerSamples)} over ${listenerSamples.length} samples`,
    );
    expect(Math.max(...listenerSamples), `samples other than 1: ${overlaps.join(", ")}`).toBe(1);
    const truth = new Map(names.map((n) => [n, docker("inspect", "-f", "{{.State.Status}}", n)]));
    for (const [i, v] of viewers.entries()) {
      for (const n of names)
        await expect
          .poll(() => [...v.table.values()].find((c) => c.name === n)?.state, {
            timeout: 20_000,
            message: `viewer ${i + 1}, ${n}`,
          })
          .toBe(truth.get(n));
    }
    const audited: { action: string; target?: string; outcome: string }[] = [];
    for (const action of ["container.start", "container.stop"])
      audited.push(...(await (await api.get(`/api/v1/audit?action=${action}&limit=1000`)).json()));
    const ours = audited.filter((a) => names.includes(a.target ?? ""));
    console.log(
      `[replicas] rolling restart: ${apiOps} API calls answered, ${ours.length} audit rows (${ours.filter((a) => a.outcome === "success").length} successes)`,
    );
    expect(ours.length).toBe(apiOps);
    await expect.poll(eventListeners, { timeout: 15_000 }).toBe(1);

    // The live events table lost no event through the handovers (each new owner resumes the engine's /events from
    // the newest event its mirror had).
    await expectFeedsMatchEngine(set.replicas, names, engineLog, restartFrom);
  } finally {
    clearInterval(sampler);
    churning = false;
    for (const v of viewers) v.socket.close();
    for (const n of names) docker("rm", "-f", n);
  }
});
