import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { io } from "socket.io-client";
import type { Actor } from "../lib/domain";
import { ACTIONS, type Action, can, SOCKET_EVENTS } from "../lib/policy";
import {
  anonymousApi,
  parseActionReply,
  serverActions,
  sessionCookie,
  signedInApi,
  userWithGrants,
} from "./support/api-client";
import { ensureOtherEndpoint } from "./support/db";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";
import { requireEnv, serverState } from "./support/env";

// The authorization matrix: every server action, route handler and socket topic/event, found in the code itself
// (e2e/support/list-entry-points.ts imports every module under server/actions/ and every route.ts so their
// registrations run), is called as five actors against the running server, and what happens must be what lib/policy.ts says.

/** Label on every container the matrix's inputs can create; the value is this run's (this worker's) own. */
const MADE_LABEL = "e2e.berth.authz-matrix";
const RUN = uniqueName("run");

interface Listed {
  kind: "action" | "route";
  file: string;
  exportName: string;
  name: string;
  permission: string;
  endpointFrom?: string;
}
interface Listing {
  entries: Listed[];
  topics: { kind: string; pattern: string; permission: string }[];
  publicTopics: { kind: string; pattern: string; permission: string }[];
  socketEvents: { event: string; file: string }[];
}

const listing = JSON.parse(
  execFileSync("npx", ["tsx", "e2e/support/list-entry-points.ts"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }),
) as Listing;

type ActorName = "anonymous" | "viewer" | "operator-of-other" | "operator" | "admin";
const ACTORS: ActorName[] = ["anonymous", "viewer", "operator-of-other", "operator", "admin"];
const ENDPOINT = "local";
/** The rig's Kubernetes cluster, registered by the matrix (kube:* entry points and k8s-* stores are run on it). */
let KUBE = "";
const isKube = (permission: string) => permission.startsWith("kube:");

/** Policy model of each actor, as lib/policy.ts sees it. */
function model(name: ActorName): Actor | null {
  const base = { id: name, username: name, isAdmin: false };
  switch (name) {
    case "anonymous":
      return null;
    case "viewer":
      return { ...base, grants: { [ENDPOINT]: "viewer", [KUBE]: "viewer" } };
    case "operator-of-other":
      return { ...base, grants: { other: "operator" } };
    case "operator":
      return { ...base, grants: { [ENDPOINT]: "operator", [KUBE]: "operator" } };
    case "admin":
      return { ...base, isAdmin: true, grants: {} };
  }
}

function expectedAllowed(
  actor: ActorName,
  permission: string,
  endpointScoped: boolean,
  endpointId = ENDPOINT,
): boolean {
  if (permission === "public") return true;
  if (permission === "authenticated") return actor !== "anonymous";
  return can(model(actor), permission as Action, endpointScoped ? { endpointId } : {});
}

/** What a refusal looks like: not signed in, forbidden, or an endpoint hidden from the caller (404). */
function isRefusal(status: number | undefined, message: string | undefined): boolean {
  return status === 401 || status === 403 || (status === 404 && message === "Endpoint not found");
}

let clients: Record<ActorName, APIRequestContext>;
let container: string;
let volume: string;
let admin: APIRequestContext;
/** A status page showing the matrix's container, for the public namespace. */
let statusSlug: string;

test.beforeAll(async () => {
  ensureOtherEndpoint();
  admin = await signedInApi();
  const kube = await admin.post("/api/v1/endpoints", {
    headers: { Origin: serverState().baseURL },
    data: {
      name: uniqueName("mx-kube"),
      connection: {
        mode: "token",
        server: requireEnv("BERTH_TEST_KUBE_SERVER"),
        token: requireEnv("BERTH_TEST_KUBE_TOKEN"),
        ca: fs.readFileSync(requireEnv("BERTH_TEST_KUBE_CA"), "utf8"),
      },
    },
  });
  KUBE = ((await kube.json()) as { id?: string }).id ?? "";
  expect(KUBE, "the matrix's Kubernetes endpoint").toBeTruthy();
  const viewer = await userWithGrants(admin, uniqueName("mx-viewer"), { [ENDPOINT]: "viewer", [KUBE]: "viewer" });
  const other = await userWithGrants(admin, uniqueName("mx-other"), { other: "operator" });
  const operator = await userWithGrants(admin, uniqueName("mx-op"), { [ENDPOINT]: "operator", [KUBE]: "operator" });
  clients = {
    anonymous: await anonymousApi(),
    viewer: await signedInApi(viewer.username, viewer.password),
    "operator-of-other": await signedInApi(other.username, other.password),
    operator: await signedInApi(operator.username, operator.password),
    admin,
  };
  container = uniqueName("mx");
  runSleeper(container);
  // The network and volume pages host their actions too: a page path for them needs a real network and volume.
  volume = uniqueName("mx-vol");
  docker("volume", "create", volume);
  statusSlug = uniqueName("mx-status");
  const page = await admin.post("/api/v1/status-pages", {
    data: {
      slug: statusSlug,
      title: "Matrix",
      items: [{ endpointId: ENDPOINT, ref: container, displayName: "Matrix service" }],
    },
  });
  expect(page.status(), await page.text()).toBe(201);
});

test.afterAll(async () => {
  // Endpoints the matrix made (throwaway ones, and those an allowed create added) go again.
  const list = (await (await admin.get("/api/v1/endpoints")).json()) as { id: string; name: string }[];
  for (const e of list.filter((x) => x.name.startsWith("e2e-mx"))) {
    await admin.delete(`/api/v1/endpoints/${encodeURIComponent(e.id)}`, { headers: { Origin: serverState().baseURL } });
  }
  // Status pages the matrix made (its own, and those an allowed create added) go again.
  const pages = (await (await admin.get("/api/v1/status-pages")).json()) as { id: string; slug: string }[];
  for (const p of pages.filter((x) => x.slug.startsWith("e2e-mx"))) {
    await admin.delete(`/api/v1/status-pages/${p.id}`, { headers: { Origin: serverState().baseURL } });
  }
  // Alert channels an allowed create added.
  const channels = (await (await admin.get("/api/v1/alert-channels")).json()) as { id: string; name: string }[];
  for (const c of channels.filter((x) => x.name.startsWith("e2e-mx"))) {
    await admin.delete(`/api/v1/alert-channels/${c.id}`, { headers: { Origin: serverState().baseURL } });
  }
  for (const c of Object.values(clients ?? {})) await c.dispose();
  docker("rm", "-f", container);
  docker("volume", "rm", "-f", volume);
  // Containers an allowed create made from the matrix's spec (its label, this run's value), whatever their names.
  const made = docker("ps", "-aq", "--filter", `label=${MADE_LABEL}=${RUN}`).split("\n").filter(Boolean);
  if (made.length) docker("rm", "-f", ...made);
  expect(docker("ps", "-aq", "--filter", `label=${MADE_LABEL}=${RUN}`)).toBe("");
});

/** Fresh targets per call, so one actor's allowed call never changes what the next one is tested against. */
async function fixtures() {
  const victim = (await (
    await admin.post("/api/v1/users", { data: { username: uniqueName("victim"), password: "victim-password" } })
  ).json()) as { id: string };
  const team = (await (await admin.post("/api/v1/teams", { data: { name: uniqueName("mxteam") } })).json()) as {
    id: string;
  };
  const values: Record<string, string> = {
    endpointId: ENDPOINT,
    containerId: container,
    networkId: "bridge",
    name: volume,
    verb: "start",
    userId: victim.id,
    teamId: team.id,
    tokenId: "00000000-0000-4000-8000-000000000000",
    pageId: "matrix-no-such-status-page",
    nextauth: "session",
    // Swarm: the matrix's endpoint is no swarm manager, so an allowed call answers 409 and changes nothing.
    nodeId: "matrix-no-such-node",
    serviceId: "matrix-no-such-service",
    id: "matrix-no-such-object",
    stack: "matrix-no-such-stack",
    // Alerts: a channel and a rule that do not exist, so an allowed edit, delete or test answers 404 and changes nothing.
    channelId: "matrix-no-such-channel",
    ruleId: "matrix-no-such-rule",
    // Volume files: a volume that does not exist, so an allowed call answers 404 and changes nothing.
    volume: "berth-matrix-no-such-volume",
  };
  // One input that satisfies every schema; each strips what it does not use.
  const input: Record<string, unknown> = {
    ...values,
    username: uniqueName("mxuser"),
    password: "matrix-password",
    confirmPassword: "matrix-password",
    token: "not-the-setup-token",
    name: uniqueName("mxname"),
    role: "viewer",
    disabled: true,
    isAdmin: false,
    expiresInDays: 1,
    days: 3650,
    code: "000000",
    // Resource and container-create inputs: each names something absent or harmless, so an allowed call is a no-op.
    jobId: "matrix-no-such-job",
    network: "berth-matrix-no-such-network",
    image: "berth-matrix-no-such-image:latest",
    containerIds: [container],
    // Labelled, so the containers an allowed create or duplicate makes (random names) are found and removed after.
    spec: {
      image: process.env.BERTH_TEST_IMAGE ?? "berth-test/busybox:latest",
      command: "true",
      labels: [{ key: MADE_LABEL, value: RUN }],
    },
    start: false,
    // A pull that stays on loopback (the rig's registry) and finds nothing; a tag of an image that does not exist.
    ref: `${process.env.BERTH_TEST_REGISTRY}/berth-matrix/none:latest`,
    repository: "berth-matrix/tagged",
    tag: "matrix",
    url: `http://${process.env.BERTH_TEST_REGISTRY}`,
    id: "matrix-no-such-registry",
    container,
    imageIds: [],
    names: [],
    connection: { type: "unix", socketPath: process.env.BERTH_TEST_DOCKER_SOCKET },
    // Status pages: a fresh slug per call and no items, so an allowed create adds an empty page (cleaned up after).
    slug: uniqueName("mx-slug"),
    title: "Matrix status page",
    items: [],
    // Swarm inputs (a service form, a secret, a scale, a stack).
    replicas: 1,
    service: { name: "matrix-service", image: process.env.BERTH_TEST_IMAGE ?? "berth-test/busybox:latest" },
    kind: "secret",
    value: "matrix-value",
    compose: "services:\n  web:\n    image: busybox\n",
    // Compose stacks of a plain engine: never pull (an allowed deploy then fails on the missing image and touches
    // nothing), roll back to version 1, down without volumes.
    pullPolicy: "never",
    version: 1,
    removeVolumes: false,
    // A Git source on a closed loopback port: an allowed save fails to read it and saves nothing.
    repoUrl: "http://127.0.0.1:9/berth-matrix.git",
    // The user's own theme: a valid choice, so an allowed call just sets it.
    theme: "dark",
    // Kubernetes inputs: a namespace that does not exist, so an allowed call gets the API server's 404 and changes
    // nothing (apply is a dry run there too).
    resource: "deployments",
    namespace: "berth-matrix-none",
    node: "matrix-no-such-node",
    unschedulable: true,
    pod: "matrix-no-such-pod",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: matrix\n",
    dryRun: true,
    paused: true,
    // Alert channel and rule inputs: a webhook on loopback (never sent to); a rule naming a channel that does not exist.
    config: { kind: "webhook", url: "http://127.0.0.1:59999/matrix" },
    trigger: "die",
    channelIds: ["matrix-no-such-channel"],
    // Usage history: switching it off where it is off changes nothing.
    enabled: false,
    // Update policies: "default" on a name without one (an allowed call removes nothing); no window.
    target: "container",
    policy: "default",
    from: "",
    to: "",
    // A backup's passphrase: an allowed call answers the encrypted file.
    passphrase: "matrix-backup-passphrase",
  };
  return { values, input };
}

/** The `[op]` a route is exercised with: one whose input the universal fixture satisfies. */
const OPS: Record<string, string> = {
  "GET images": "pulls",
  "POST images": "cancel-pull",
  "GET networks": "inspect",
  "POST networks": "remove",
  "GET volumes": "inspect",
  "POST volumes": "remove",
};
const QUERY = "?network=berth-matrix-no-such-network&image=berth-matrix-no-such-image&name=berth-matrix-no-such-volume";

/** Endpoint settings routes change or delete the endpoint itself: they get a throwaway endpoint per call. */
async function throwawayEndpoint(): Promise<string> {
  const res = await admin.post("/api/v1/endpoints", {
    headers: { Origin: serverState().baseURL },
    data: {
      name: uniqueName("mx-ep"),
      connection: { type: "unix", socketPath: process.env.BERTH_TEST_DOCKER_SOCKET },
    },
  });
  const body = (await res.json()) as { id?: string; detail?: string };
  if (!body.id) throw new Error(`could not create a throwaway endpoint: ${res.status()} ${body.detail}`);
  return body.id;
}

function fillPath(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_m, p: string) => {
    const v = values[p];
    if (!v) throw new Error(`no fixture value for path parameter ${p}`);
    return encodeURIComponent(v);
  });
}

test("every entry point found in the code has a policy", () => {
  const known = new Set<string>([...Object.keys(ACTIONS), "authenticated", "public"]);
  const missing = listing.entries.filter((e) => !known.has(e.permission)).map((e) => `${e.file} ${e.exportName}`);
  expect(missing, "entry points without a policy entry (use defineAction/defineRoute/publicRoute)").toEqual([]);
  const built = serverActions();
  for (const e of listing.entries.filter((x) => x.kind === "action")) {
    expect(
      built.some((b) => b.filename === e.file && b.exportedName === e.exportName),
      `${e.file} ${e.exportName}`,
    ).toBe(true);
  }
  // Endpoint-scoped permissions must say which endpoint they are checked on.
  for (const e of listing.entries) {
    if (ACTIONS[e.permission as Action] === "endpoint") expect(e.endpointFrom, `${e.name} resource`).toBeTruthy();
  }
  const unlisted = listing.socketEvents.filter((s) => !Object.hasOwn(SOCKET_EVENTS, s.event));
  expect(unlisted, "socket events without an entry in SOCKET_EVENTS (lib/policy.ts)").toEqual([]);
  for (const t of listing.topics) expect(known.has(t.permission), `topic ${t.kind}`).toBe(true);
  // Socket events of the anonymous namespace must be declared public on purpose, and only those.
  for (const s of listing.socketEvents.filter((x) => x.file.endsWith("public-gateway.ts"))) {
    expect(SOCKET_EVENTS[s.event], s.event).toBe("public");
  }
  expect(listing.publicTopics.map((t) => t.kind)).toEqual(["status"]);
  expect(listing.entries.length).toBeGreaterThan(30);
});

for (const entry of listing.entries.filter((e) => e.permission !== "public" && e.kind === "route")) {
  const route = `/${entry.file.replace(/^app\//, "").replace(/\/route\.ts$/, "")}`;
  test(`route ${entry.exportName} ${route} (${entry.permission})`, async () => {
    const results: string[] = [];
    const wrong: string[] = [];
    for (const actor of ACTORS) {
      const { values, input } = await fixtures();
      const section = /\/(images|networks|volumes)\/\[op\]$/.exec(route)?.[1];
      if (section) values.op = OPS[`${entry.exportName} ${section}`] ?? "";
      if (route.endsWith("/swarm/services/[serviceId]/[op]")) values.op = "redeploy";
      if (route === "/api/v1/endpoints/[endpointId]") values.endpointId = await throwawayEndpoint();
      if (isKube(entry.permission)) {
        // Kubernetes routes: objects in a namespace that does not exist (the API server answers 404).
        values.endpointId = KUBE;
        values.resource = entry.exportName === "GET" && route.endsWith("/[op]") ? "pods" : "deployments";
        values.namespace = "berth-matrix-none";
        values.name = "matrix-no-such-object";
        if (route.endsWith("/k8s/[resource]/[namespace]/[name]/[op]"))
          values.op = entry.exportName === "GET" ? "logs" : "scale";
      }
      Object.assign(input, { endpointId: values.endpointId });
      const url = fillPath(route, values) + (entry.exportName === "GET" ? QUERY : "");
      const res = await clients[actor].fetch(url, {
        method: entry.exportName,
        data: entry.exportName === "GET" ? undefined : input,
        headers: { Origin: serverState().baseURL },
      });
      const body = (await res.json().catch(() => ({}))) as { detail?: string };
      expect(res.status(), `${actor} ${entry.exportName} ${url}: ${body.detail}`).not.toBe(400);
      expect(res.status(), `${actor} ${entry.exportName} ${url}`).toBeLessThan(500);
      const allowed = !isRefusal(res.status(), body.detail);
      const where = isKube(entry.permission) ? KUBE : ENDPOINT;
      const expected = expectedAllowed(actor, entry.permission, Boolean(entry.endpointFrom), where);
      results.push(`${actor}:${res.status()}`);
      if (allowed !== expected)
        wrong.push(`${actor} got ${res.status()} (${body.detail}), policy says ${expected ? "allow" : "deny"}`);
    }
    expect(wrong, results.join(" ")).toEqual([]);
  });
}

function actionPagePath(worker: string, values: Record<string, string>, id = ENDPOINT): string {
  const p = worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => !/^\(.*\)$/.test(s))
    .join("/");
  // Kubernetes pages carry an object in their path: one that does not exist (the action itself names its own).
  const kube = { resource: "deployments", namespace: "berth-matrix-none", name: "matrix-no-such-object" };
  return fillPath(p || "/", { ...kube, ...values, id });
}

for (const entry of listing.entries.filter((e) => e.kind === "action")) {
  test(`action ${entry.name} (${entry.permission})`, async () => {
    const built = serverActions().find((b) => b.filename === entry.file && b.exportedName === entry.exportName);
    expect(built, "server action missing from the build").toBeTruthy();
    const wrong: string[] = [];
    const results: string[] = [];
    for (const actor of ACTORS) {
      const { values, input } = await fixtures();
      const path = actionPagePath(built!.worker, values, isKube(entry.permission) ? KUBE : ENDPOINT);
      // Endpoint settings actions edit or remove the endpoint they name: give them one of their own.
      if (entry.permission === "endpoint:manage") input.endpointId = await throwawayEndpoint();
      if (isKube(entry.permission)) input.endpointId = KUBE;
      const res = await clients[actor].post(path, {
        headers: {
          "Next-Action": built!.id,
          "Content-Type": "text/plain;charset=UTF-8",
          Accept: "text/x-component",
          Origin: serverState().baseURL,
        },
        data: JSON.stringify([input]),
        maxRedirects: 0,
      });
      const reply = parseActionReply(await res.text());
      results.push(`${actor}:${res.status()}:${reply ? `${reply.ok}/${reply.status ?? ""}` : "no-reply"}`);
      if (entry.permission === "public") {
        // Public actions must still refuse what they guard: after setup, creating an admin is refused for everyone.
        expect(reply?.ok, `${actor} ${entry.name}`).toBe(false);
        continue;
      }
      expect(reply, `${actor} ${entry.name}: no action result (HTTP ${res.status()})`).not.toBeNull();
      expect(reply!.status, `${actor} ${entry.name}: ${reply!.error}`).not.toBe(400);
      const allowed = reply!.ok || !isRefusal(reply!.status, reply!.error);
      const where = isKube(entry.permission) ? KUBE : ENDPOINT;
      const expected = expectedAllowed(actor, entry.permission, Boolean(entry.endpointFrom), where);
      if (allowed !== expected)
        wrong.push(`${actor} got ${JSON.stringify(reply)}, policy says ${expected ? "allow" : "deny"}`);
    }
    expect(wrong, results.join(" ")).toEqual([]);
  });
}

/** A valid value for each named group of a topic pattern. */
const TOPIC_VALUES: Record<string, string> = {
  endpointId: ENDPOINT,
  tail: "100",
  since: "all",
  timestamps: "0",
  resource: "services",
  // Kubernetes log topics: a pod that does not exist (an allowed subscriber gets an error state, not a refusal).
  logKind: "pods",
  previous: "0",
  // Service logs: every task of the service (the matrix's endpoint is no manager: the snapshot says so).
  task: "all",
};

function topicName(pattern: string, liveId: string, endpointId = ENDPOINT): string {
  return pattern
    .replace(/^\^|\$$/g, "")
    .replace(/\(\?<(\w+)>(?:[^()]|\([^()]*\))*\)/g, (_m, name: string) =>
      name === "containerId" ? liveId : name === "endpointId" ? endpointId : (TOPIC_VALUES[name] ?? container),
    );
}

test("socket topics: subscribe as each actor", async () => {
  // A container of its own: the entry points above may have removed or renamed the shared one, and container topics
  // such as `usage` answer only for a container the endpoint lists.
  const live = uniqueName("mx-topics");
  const liveId = runSleeper(live);
  await expect
    .poll(async () => (await admin.get("/api/v1/endpoints/local/containers")).text(), { message: "listed" })
    .toContain(liveId);
  const wrong: string[] = [];
  for (const t of listing.topics) {
    const where = isKube(t.permission) ? KUBE : ENDPOINT;
    const topic = topicName(t.pattern, liveId, where);
    for (const actor of ACTORS) {
      const cookie = actor === "anonymous" ? "" : await sessionCookie(clients[actor]);
      const outcome = await new Promise<string>((resolve) => {
        const socket = io(serverState().baseURL, {
          path: "/socket.io/",
          transports: ["websocket"],
          extraHeaders: { Origin: serverState().baseURL, ...(cookie ? { Cookie: cookie } : {}) },
          reconnection: false,
        });
        socket.on("connect", () =>
          socket.emit("subscribe", topic, (r: { ok: boolean }) => {
            socket.close();
            resolve(r.ok ? "allowed" : "denied");
          }),
        );
        socket.on("connect_error", () => {
          socket.close();
          resolve("denied");
        });
      });
      const expected = expectedAllowed(actor, t.permission, topic.includes(where), where) ? "allowed" : "denied";
      if (outcome !== expected) wrong.push(`${actor} ${topic}: ${outcome}, policy says ${expected}`);
    }
  }
  docker("rm", "-f", live);
  expect(wrong).toEqual([]);
});

/** Connects to a namespace as an actor and emits one event with an ack; "refused" when the handshake is refused. */
function socketAsk(
  namespace: string,
  headers: Record<string, string>,
  event: string,
  payload: unknown,
): Promise<unknown> {
  return new Promise((resolve) => {
    const socket = io(`${serverState().baseURL}${namespace}`, {
      path: "/socket.io/",
      transports: ["websocket"],
      extraHeaders: { Origin: serverState().baseURL, ...headers },
      reconnection: false,
      forceNew: true,
    });
    socket.on("connect", () =>
      socket.emit(event, payload, (r: unknown) => {
        socket.close();
        resolve(r);
      }),
    );
    socket.on("connect_error", () => {
      socket.close();
      resolve("refused");
    });
  });
}

test("public namespace: anyone may watch a status page, and nothing else is served there", async () => {
  const wrong: string[] = [];
  const privateTopics = listing.topics.map((t) => topicName(t.pattern, container));
  for (const [i, actor] of ACTORS.entries()) {
    const cookie = actor === "anonymous" ? "" : await sessionCookie(clients[actor]);
    // Each actor counts as its own client for the public rate limit (the e2e server trusts X-Forwarded-For from
    // loopback), so this many subscriptions in a row stay under it.
    const client = { "X-Forwarded-For": `198.18.${Date.now() % 250}.${i + 1}` };
    const headers = { ...(cookie ? { Cookie: cookie } : {}), ...client };
    for (const t of listing.publicTopics) {
      const topic = t.pattern.includes("status:") ? `status:${statusSlug}` : "";
      const r = (await socketAsk("/public", headers, "status:subscribe", topic)) as { ok?: boolean };
      const expected = expectedAllowed(actor, t.permission, false);
      if (Boolean(r?.ok) !== expected) wrong.push(`${actor} /public ${topic}: ${JSON.stringify(r)}`);
    }
    // The signed-in topics are not reachable through the public namespace, whoever asks. Each ask is a client of its
    // own (an address per topic): the public rate limit is per client and there are more topics than it allows.
    for (const [j, topic] of privateTopics.entries()) {
      const own = { ...headers, "X-Forwarded-For": `198.19.${i + 1}.${(j % 250) + 1}` };
      const r = (await socketAsk("/public", own, "status:subscribe", topic)) as { ok?: boolean };
      if (r?.ok !== false) wrong.push(`${actor} /public ${topic}: ${JSON.stringify(r)}`);
    }
    // ... and the signed-in namespace does not serve status topics (anonymous is refused at the handshake).
    const r = await socketAsk("/", headers, "subscribe", `status:${statusSlug}`);
    if (actor === "anonymous" ? r !== "refused" : (r as { ok?: boolean })?.ok !== false)
      wrong.push(`${actor} / status:${statusSlug}: ${JSON.stringify(r)}`);
    // The public JSON twin of the page.
    const res = await clients[actor].get(`/api/v1/status/${statusSlug}`, { headers: client });
    if (res.status() !== 200) wrong.push(`${actor} GET /api/v1/status/${statusSlug}: ${res.status()}`);
  }
  expect(wrong).toEqual([]);
});
