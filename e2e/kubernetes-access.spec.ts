import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { accountMenuButton } from "./pages/account-menu";
import { SignInPage } from "./pages/sign-in-page";
import { addMember, createTeam, createUser, sessionCookie, signedInApi } from "./support/api-client";
import { uniqueName } from "./support/docker-cli";
import { requireEnv, serverState } from "./support/env";

// Namespace grants on a real cluster: a team's grant names namespaces; its members act only there, read only
// there, and never see cluster-wide objects. Checked through the HTTP API, socket topics and pages; kubectl
// confirms what changed and what did not.

test.describe.configure({ mode: "serial" });

const kubectl = (...args: string[]) =>
  execFileSync("kubectl", ["--kubeconfig", requireEnv("BERTH_TEST_KUBECONFIG"), ...args], { encoding: "utf8" });
const kubectlIn = (input: string, ...args: string[]) =>
  execFileSync("kubectl", ["--kubeconfig", requireEnv("BERTH_TEST_KUBECONFIG"), ...args], { encoding: "utf8", input });
const replicas = (ns: string) => kubectl("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}");

const tag = Date.now().toString(36);
const MINE = `berth-acc-a-${tag}`;
const THEIRS = `berth-acc-b-${tag}`;
const origin = () => ({ Origin: serverState().baseURL });

const web = (ns: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: ${ns} }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      nodeSelector: { berth-test/none: "true" }
      containers: [{ name: main, image: berth-test/busybox:latest, imagePullPolicy: Never }]
`;

let admin: APIRequestContext;
let user: APIRequestContext;
let kube = "";
let teamId = "";
const password = "ns-grant-password";
const username = uniqueName("nsop");

async function setGrant(role: string, namespaces: string[] | undefined, endpointId = kube) {
  return admin.post(`/api/v1/teams/${teamId}/grants`, { data: { endpointId, role, namespaces }, headers: origin() });
}

test.beforeAll(async () => {
  for (const ns of [MINE, THEIRS]) {
    kubectl("create", "namespace", ns);
    kubectlIn(web(ns), "apply", "-f", "-");
  }
  admin = await signedInApi();
  const res = await admin.post("/api/v1/endpoints", {
    headers: origin(),
    data: {
      name: uniqueName("nsgrants"),
      connection: {
        mode: "token",
        server: requireEnv("BERTH_TEST_KUBE_SERVER"),
        token: requireEnv("BERTH_TEST_KUBE_TOKEN"),
        ca: fs.readFileSync(requireEnv("BERTH_TEST_KUBE_CA"), "utf8"),
      },
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  kube = ((await res.json()) as { id: string }).id;
  const u = await createUser(admin, username, password);
  teamId = (await createTeam(admin, uniqueName("nsteam"))).id;
  await addMember(admin, teamId, u.id);
  expect((await setGrant("operator", [MINE])).status()).toBe(204);
  user = await signedInApi(username, password);
});

test.afterAll(async () => {
  for (const ns of [MINE, THEIRS]) kubectl("delete", "namespace", ns, "--wait=false");
  if (kube) await admin.delete(`/api/v1/endpoints/${encodeURIComponent(kube)}`, { headers: origin() });
  await user?.dispose();
  await admin?.dispose();
});

test("a grant naming namespaces: the API reads and acts there only; kubectl agrees", async () => {
  const base = `/api/v1/endpoints/${encodeURIComponent(kube)}/k8s`;
  const mine = await user.get(`${base}/deployments?namespace=${MINE}`);
  expect(mine.status(), await mine.text()).toBe(200);
  expect(((await mine.json()) as { items: { name: string }[] }).items.map((i) => i.name)).toEqual(["web"]);
  for (const path of [`deployments?namespace=${THEIRS}`, "deployments", "nodes", "namespaces"]) {
    const r = await user.get(`${base}/${path}`);
    expect(r.status(), `${path}: ${await r.text()}`).toBe(403);
  }
  const ok = await user.post(`${base}/deployments/${MINE}/web/scale`, { data: { replicas: 2 }, headers: origin() });
  expect(ok.status(), await ok.text()).toBe(200);
  expect(replicas(MINE)).toBe("2");
  const refused = await user.post(`${base}/deployments/${THEIRS}/web/scale`, {
    data: { replicas: 3 },
    headers: origin(),
  });
  expect(refused.status()).toBe(403);
  expect(replicas(THEIRS)).toBe("1");
  const cm = (ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: acc, namespace: ${ns} }\n`;
  const applyTheirs = await user.post(`${base}/apply`, {
    data: { yaml: cm(THEIRS), dryRun: false },
    headers: origin(),
  });
  expect(applyTheirs.status()).toBe(403);
  expect(() => kubectl("-n", THEIRS, "get", "configmap", "acc")).toThrow(/NotFound/);
  const cordon = await user.post(`${base}/nodes/-/${requireEnv("BERTH_TEST_KUBE_NODE")}/cordon`, { headers: origin() });
  expect(cordon.status()).toBe(403);
  // The refusals are audited with who tried what.
  const audit = await admin.get(`/api/v1/audit?actor=${username}&outcome=denied&limit=50`);
  expect(audit.status()).toBe(200);
  expect(await audit.text()).toContain("api.k8s.op");
});

test("a viewer grant in a namespace reads there but changes nothing", async () => {
  expect((await setGrant("viewer", [MINE])).status()).toBe(204);
  const base = `/api/v1/endpoints/${encodeURIComponent(kube)}/k8s`;
  expect((await user.get(`${base}/deployments?namespace=${MINE}`)).status()).toBe(200);
  const r = await user.post(`${base}/deployments/${MINE}/web/scale`, { data: { replicas: 0 }, headers: origin() });
  expect(r.status()).toBe(403);
  expect(replicas(MINE)).toBe("2");
  expect((await setGrant("operator", [MINE])).status()).toBe(204);
});

test("Docker endpoints take no namespaces", async () => {
  const r = await setGrant("viewer", ["default"], "local");
  expect(r.status()).toBe(400);
  expect(await r.text()).toContain("Only grants on a Kubernetes endpoint can name namespaces");
});

function connect(cookie: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(serverState().baseURL, {
      path: "/socket.io/",
      transports: ["websocket"],
      extraHeaders: { ...origin(), Cookie: cookie },
      reconnection: false,
    });
    s.on("connect", () => resolve(s));
    s.on("connect_error", reject);
  });
}

const subscribe = (s: Socket, topic: string) =>
  new Promise<{ ok: boolean; snapshot?: { name: string }[]; error?: string }>((resolve) =>
    s.emit("subscribe", topic, resolve),
  );

test("socket topics: its namespace only; narrowing the grant drops the live subscription", async () => {
  const socket = await connect(await sessionCookie(user));
  const revoked: string[] = [];
  socket.on("revoked", (m: { topic?: string }) => m.topic && revoked.push(m.topic));
  try {
    const mineTopic = `endpoint:${kube}:ns:${MINE}:k8s-deployments`;
    const mine = await subscribe(socket, mineTopic);
    expect(mine.ok, mine.error).toBe(true);
    expect(mine.snapshot?.map((d) => d.name)).toEqual(["web"]);
    for (const t of [
      `endpoint:${kube}:ns:${THEIRS}:k8s-deployments`,
      `endpoint:${kube}:k8s-deployments`,
      `endpoint:${kube}:k8s-nodes`,
      `endpoint:${kube}:k8s-namespaces`,
    ])
      expect((await subscribe(socket, t)).ok, t).toBe(false);
    // The admin moves the grant to the other namespace: the open subscription is dropped within the re-check.
    expect((await setGrant("operator", [THEIRS])).status()).toBe(204);
    await expect.poll(() => revoked, { timeout: 10_000 }).toContain(mineTopic);
    expect((await subscribe(socket, `endpoint:${kube}:ns:${THEIRS}:k8s-deployments`)).ok).toBe(true);
  } finally {
    socket.close();
    await setGrant("operator", [MINE]);
  }
});

test("pages: lands in its namespace, picks only its namespaces, 404 elsewhere, no cluster-wide lists", async ({
  page,
}) => {
  await new SignInPage(page).signIn(username, password);
  await expect(accountMenuButton(page)).toBeVisible();
  const ep = encodeURIComponent(kube);
  await page.goto(`/endpoints/${ep}/k8s/deployments`);
  await expect(page).toHaveURL(new RegExp(`ns=${MINE}`));
  const table = page.getByRole("table", { name: "Deployments" });
  await expect(table.getByRole("link", { name: "web" })).toBeVisible();
  await expect(page.getByLabel("Namespace").locator("option")).toHaveText([MINE]);
  await expect(page.getByRole("navigation", { name: "Cluster" }).getByRole("link", { name: "Nodes" })).toHaveCount(0);
  // Verbs are on the object's page: an operator of the namespace gets the scale control there.
  await table.getByRole("link", { name: "web" }).click();
  await expect(page.getByLabel("Replicas of web")).toBeVisible();
  for (const path of [`deployments?ns=${THEIRS}`, "nodes", `deployments/${THEIRS}/web`]) {
    const res = await page.goto(`/endpoints/${ep}/k8s/${path}`);
    expect(res?.status(), path).toBe(404);
  }
});
