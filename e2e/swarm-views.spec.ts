import http from "node:http";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { accountMenuButton } from "./pages/account-menu";
import { SignInPage } from "./pages/sign-in-page";
import { SwarmPages } from "./pages/swarm-pages";
import { TopologyPage } from "./pages/topology-page";
import { sessionCookie, signedInApi, userWithGrants } from "./support/api-client";
import { requireEnv, serverState } from "./support/env";
import { cleanSwarm, ensureSwarmEndpoint, swarmDocker, swarmName, workerNames } from "./support/swarm";

// The swarm views beyond the lists (e2e/swarm.spec.ts has the issue's scenarios): service logs through the log
// viewer, a node's tasks, a rolling update's progress, overlay networks in Networks and the topology, redaction for
// viewers, and compose files that must not deploy. Against the rig's three-node swarm, checked with the docker CLI.

let admin: APIRequestContext;
let endpointId: string;
const networks: string[] = [];

test.beforeAll(async () => {
  admin = await signedInApi();
  endpointId = await ensureSwarmEndpoint(admin);
  await expect
    .poll(async () => {
      const list = (await (await admin.get("/api/v1/endpoints")).json()) as { id: string; capabilities?: string[] }[];
      return list.find((e) => e.id === endpointId)?.capabilities ?? [];
    })
    .toContain("swarm");
});

test.afterAll(async () => {
  cleanSwarm();
  for (const n of networks) {
    try {
      swarmDocker("network", "rm", n);
    } catch {
      // still in use by a task being removed: the rig's teardown takes it
    }
  }
  await admin.dispose();
});

/** A service made with the CLI: busybox, on the workers, dnsrr (no IPVS here), stops at once. */
function cliService(name: string, replicas: number, command: string[], extra: string[] = []): void {
  swarmDocker(
    "service",
    "create",
    "--detach",
    "--name",
    name,
    "--replicas",
    String(replicas),
    "--constraint",
    "node.role==worker",
    "--endpoint-mode",
    "dnsrr",
    "--stop-grace-period",
    "1s",
    "--no-resolve-image",
    ...extra,
    requireEnv("BERTH_TEST_IMAGE"),
    ...command,
  );
}

const ticker = ["sh", "-c", 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.5; done'];

test("service logs: every task's lines with task and node, then one task's alone", async ({ page }) => {
  const name = swarmName("logs");
  cliService(name, 2, ticker);
  await new SignInPage(page).signInAsAdmin();
  const swarm = new SwarmPages(page, endpointId);
  await swarm.openService(name);
  await expect(page.getByTestId("service-replicas")).toHaveText("2/2 running", { timeout: 30_000 });
  await page.getByRole("link", { name: "Logs", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Logs of service ${name}` })).toBeVisible();
  const log = page.getByRole("log", { name: `Logs of ${name}` });
  // Both tasks, each line named by its slot and the worker it runs on.
  const [w1, w2] = workerNames() as [string, string];
  await expect(log).toContainText(new RegExp(`${name}\\.[12]@(${w1}|${w2})tick \\d+`), { timeout: 30_000 });
  await expect(log).toContainText(`${name}.1@`);
  await expect(log).toContainText(`${name}.2@`);

  const picker = page.getByLabel("Task", { exact: true });
  const first = (await picker.locator("option").allTextContents()).find((t) => t.startsWith(`${name}.1@`));
  expect(first).toBeTruthy();
  await picker.selectOption({ label: first! });
  await expect(log).toContainText(`${name}.1@`, { timeout: 30_000 });
  await expect(log).not.toContainText(`${name}.2@`);
});

test("a node's page lists the tasks on it, live, with each slot's history", async ({ page }) => {
  const name = swarmName("node");
  cliService(name, 4, ["sleep", "3600"]);
  await new SignInPage(page).signInAsAdmin();
  const swarm = new SwarmPages(page, endpointId);
  await swarm.openNodes();
  const worker = workerNames()[0]!;
  await swarm.nodeRow(worker).getByRole("link", { name: worker, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Node ${worker}` })).toBeVisible();
  const table = page.getByRole("table", { name: `Tasks on ${worker}` });
  const mine = table.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });
  await expect(mine.filter({ has: page.getByRole("cell", { name: "running", exact: true }) }).first()).toBeVisible({
    timeout: 30_000,
  });
  // A forced update with the CLI replaces every task: the replaced ones stay below their slot's new task, as its
  // history (desired shutdown), live.
  swarmDocker("service", "update", "--detach", "--force", "--no-resolve-image", name);
  const history = mine.filter({ has: page.getByRole("rowheader", { name: /^\u21b3 / }) });
  await expect(history.filter({ has: page.getByRole("cell", { name: "shutdown", exact: true }) }).first()).toBeVisible({
    timeout: 30_000,
  });
  // Scaled to 0 with the CLI: nothing of it runs on the node any more, without a reload.
  swarmDocker("service", "scale", "--detach", `${name}=0`);
  await expect(mine.filter({ has: page.getByRole("cell", { name: "running", exact: true }) })).toHaveCount(0, {
    timeout: 30_000,
  });
});

test("a rolling update shows its progress task by task", async ({ page }) => {
  const name = swarmName("roll");
  cliService(name, 3, ["sleep", "3600"], ["--update-parallelism", "1", "--update-delay", "5s"]);
  await new SignInPage(page).signInAsAdmin();
  const swarm = new SwarmPages(page, endpointId);
  await swarm.openService(name);
  const progress = page.getByTestId("service-update-progress");
  await expect(progress).toHaveText("3 of 3 tasks", { timeout: 30_000 });
  swarmDocker("service", "update", "--detach", "--no-resolve-image", "--env-add", "WAVE=2", name);
  // Part of the tasks on the new spec while it rolls: seen live, without a reload.
  await expect(progress).toHaveText(/^[12] of 3 tasks \(rolling\)$/, { timeout: 30_000 });
  await expect(progress).toHaveText("3 of 3 tasks", { timeout: 60_000 });
  await expect(page.getByTestId("service-update-status")).toContainText("completed");
  // The replaced tasks stay as each slot's history, marked as the previous spec.
  await expect(page.getByRole("row").filter({ hasText: "previous" })).toHaveCount(3);
});

test("an overlay network shows its services in Networks, and the topology links nodes, tasks, services, networks", async ({
  page,
}) => {
  const net = swarmName("ovl");
  swarmDocker("network", "create", "--driver", "overlay", "--attachable", net);
  networks.push(net);
  const name = swarmName("topo");
  cliService(name, 2, ["sleep", "3600"], ["--network", net]);
  await new SignInPage(page).signInAsAdmin();
  await page.goto(`/endpoints/${encodeURIComponent(endpointId)}/networks`);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: net, exact: true }) });
  await expect(row.getByRole("cell", { name: "overlay", exact: true })).toBeVisible();
  await expect(row.getByRole("list", { name: `Swarm services on ${net}` })).toContainText(name);

  const view = new TopologyPage(page);
  await view.open(endpointId);
  await expect(view.connection(name, net)).toBeVisible({ timeout: 30_000 });
  await expect(view.graph.getByRole("group", { name: `Service ${name}`, exact: true })).toBeVisible();
  const tasks = view.table
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: `task of service ${name}` }) });
  await expect(tasks).toHaveCount(2, { timeout: 30_000 });
  const placed = view.table.getByRole("row").filter({ hasText: new RegExp(`^${name}\\.\\d`) });
  await expect(placed.filter({ hasText: /runs on node berth-swarm-/ })).toHaveCount(2);
});

test("viewers read swarm services with secrets redacted; operators see them", async () => {
  const name = swarmName("redact");
  cliService(
    name,
    0,
    ["sh", "-c", "sleep 3600 # --password=pw-in-flag"],
    ["--label", "db.password=hunter2", "--env", "API_TOKEN=s3cret-value"],
  );
  const viewerName = swarmName("viewer").replace(/-/g, "");
  const user = await userWithGrants(admin, viewerName, { [endpointId]: "viewer" });
  const viewer = await signedInApi(user.username, user.password);
  const base = `/api/v1/endpoints/${encodeURIComponent(endpointId)}/swarm`;
  await expect.poll(async () => (await viewer.get(`${base}/services`)).text(), { timeout: 30_000 }).toContain(name);
  const texts = [
    await (await viewer.get(`${base}/services`)).text(),
    await (await viewer.get(`${base}/services/${name}`)).text(),
  ];
  for (const t of texts)
    for (const secret of ["hunter2", "s3cret-value", "pw-in-flag"]) expect(t).not.toContain(secret);
  expect(texts[1]).toContain("API_TOKEN=");
  const forAdmin = await (await admin.get(`${base}/services/${name}`)).text();
  expect(forAdmin).toContain("s3cret-value");
  await viewer.dispose();
});

test("an operator's create form is held to the container restrictions; without the bind mount it creates", async ({
  page,
}) => {
  const opName = swarmName("op").replace(/-/g, "");
  const op = await userWithGrants(admin, opName, { [endpointId]: "operator" });
  await new SignInPage(page).signIn(op.username, op.password);
  await expect(accountMenuButton(page)).toBeVisible();
  const name = swarmName("opsvc");
  await page.goto(`/endpoints/${encodeURIComponent(endpointId)}/swarm/services/new`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Image", { exact: true }).fill(requireEnv("BERTH_TEST_IMAGE"));
  await page.getByLabel("Command", { exact: true }).fill("sleep 3600");
  await page.getByLabel("Replicas", { exact: true }).fill("0");
  await page.getByLabel("Mounts", { exact: true }).fill("bind:/etc:/host-etc:ro");
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Refused by container restriction" })).toBeVisible();
  expect(swarmDocker("service", "ls", "--format", "{{.Name}}")).not.toContain(name);
  await page.getByLabel("Mounts", { exact: true }).fill("");
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page).toHaveURL(/\/swarm\/services$/);
  expect(swarmDocker("service", "ls", "--format", "{{.Name}}").split("\n")).toContain(name);
});

test("compose files with bad input are refused with their line, and nothing is deployed", async () => {
  const image = requireEnv("BERTH_TEST_IMAGE");
  const url = `/api/v1/endpoints/${encodeURIComponent(endpointId)}/swarm/stacks`;
  const headers = { Origin: serverState().baseURL };
  const stack = swarmName("bad").replace(/-/g, "");
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (const [i, n] of ["b", "c", "d", "e", "f", "g", "h"].entries())
    bomb.push(
      `${n}: &${n} [${Array(9)
        .fill(`*${String.fromCharCode(97 + i)}`)
        .join(",")}]`,
    );
  const cases: [string, RegExp][] = [
    [`services:\n  web:\n    image: ${image}\n    replicas: 2\n`, /^line 4: services\.web\.replicas: Unknown key/],
    [
      `services:\n  web:\n    image: ${image}\n    deploy:\n      replicas: lots\n`,
      /^line 5: services\.web\.deploy\.replicas/,
    ],
    [`${bomb.join("\n")}\nservices:\n  web:\n    image: ${image}\n`, /^line 2: YAML aliases expand too much/],
  ];
  for (const [compose, detail] of cases) {
    const res = await admin.post(url, { headers, data: { stack, compose } });
    expect(res.status()).toBe(400);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toMatch(detail);
  }
  // A 5 MB body: refused with 413 before anything reads it (the server may cut the upload short: that is the point).
  const lines = "      - a=b\n".repeat(Math.floor((5 * 1024 * 1024) / 12));
  const big = JSON.stringify({ stack, compose: `services:\n  web:\n    image: ${image}\n    labels:\n${lines}` });
  const res = await postRaw(url, big, await sessionCookie(admin));
  expect(res.status, res.body).toBe(413);
  expect((JSON.parse(res.body) as { detail: string }).detail).toMatch(/too large/);
  expect(swarmDocker("stack", "ls", "--format", "{{.Name}}")).not.toContain(stack);
  expect(swarmDocker("service", "ls", "--format", "{{.Name}}")).not.toContain(`${stack}_`);
});

/** POSTs a JSON body with its Content-Length, and takes the answer even if the server stops reading the upload. */
function postRaw(path: string, body: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, serverState().baseURL), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
        Origin: serverState().baseURL,
        Cookie: cookie,
      },
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error("no answer in 30 s"));
    }, 30_000);
    req.on("response", (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8") });
      });
    });
    req.on("error", () => {
      // a reset while still writing: the answer (if any) has arrived or the timer reports it
    });
    req.end(body);
  });
}
