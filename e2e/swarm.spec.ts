import { type APIRequestContext, expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { SwarmPages } from "./pages/swarm-pages";
import { signedInApi } from "./support/api-client";
import { requireEnv } from "./support/env";
import { cleanSwarm, ensureSwarmEndpoint, runningNodes, swarmDocker, swarmName, workerNames } from "./support/swarm";

// Against the rig's real three-node swarm: Berth's Swarm pages on the manager endpoint, checked with the docker CLI.
// Services use dnsrr and no ingress ports: this kernel has no IPVS (see README).

let admin: APIRequestContext;
let endpointId: string;

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
  for (const w of workerNames()) swarmDocker("node", "update", "--availability", "active", w);
  await admin.dispose();
});

/** A replicated service made through the create form: busybox sleeping, 1 s stop grace (busybox ignores SIGTERM). */
async function createInUi(swarm: SwarmPages, name: string, replicas: number, extra: Record<string, string> = {}) {
  await swarm.createService(
    {
      Name: name,
      Image: requireEnv("BERTH_TEST_IMAGE"),
      Command: "sleep 3600",
      Replicas: String(replicas),
      Constraints: "node.role==worker",
      "Stop grace period": "1",
      ...extra,
    },
    { "Endpoint mode": "dnsrr" },
  );
}

test("a service created in the UI runs its replicas on both workers, live in the list", async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
  const swarm = new SwarmPages(page, endpointId);
  const name = swarmName("svc");
  await createInUi(swarm, name, 4);
  await expect(swarm.serviceRow(name).getByRole("cell", { name: `Replicas of ${name}` })).toHaveText("4/4", {
    timeout: 30_000,
  });
  expect(new Set(runningNodes(name))).toEqual(new Set(workerNames()));
  const spec = JSON.parse(swarmDocker("service", "inspect", name)) as {
    Spec: { TaskTemplate: { ContainerSpec: { Command: string[] } }; EndpointSpec: { Mode: string } }[];
  }[];
  expect(spec[0]?.Spec).toBeTruthy();
});

test("draining a worker in the UI moves its tasks, and the nodes page shows it live", async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
  const swarm = new SwarmPages(page, endpointId);
  const name = swarmName("drain");
  await createInUi(swarm, name, 4);
  await expect(swarm.serviceRow(name).getByRole("cell", { name: `Replicas of ${name}` })).toHaveText("4/4", {
    timeout: 30_000,
  });
  const [first, second] = workerNames() as [string, string];
  await swarm.openNodes();
  const before = Number(await swarm.nodeRow(first).getByTestId("node-tasks").textContent());
  expect(before).toBeGreaterThan(0);
  await swarm
    .nodeRow(first)
    .getByRole("button", { name: `Drain ${first}` })
    .click();
  // Without a reload: the drained node's count falls to 0 and its availability reads drain.
  await expect(swarm.nodeRow(first).getByRole("cell", { name: "drain", exact: true })).toBeVisible();
  await expect(swarm.nodeRow(first).getByTestId("node-tasks")).toHaveText("0", { timeout: 30_000 });
  // All four running again, every one on the other worker (the CLI's view).
  await expect.poll(() => runningNodes(name).join(","), { timeout: 30_000 }).toBe(Array(4).fill(second).join(","));
  await swarm
    .nodeRow(first)
    .getByRole("button", { name: `Activate ${first}` })
    .click();
  await expect(swarm.nodeRow(first).getByRole("cell", { name: "active", exact: true })).toBeVisible();
});

test("scale 1 → 6 and back to 1 from the service page", async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
  const swarm = new SwarmPages(page, endpointId);
  const name = swarmName("scale");
  await createInUi(swarm, name, 1);
  await swarm.openService(name);
  const replicas = page.getByTestId("service-replicas");
  await expect(replicas).toHaveText("1/1 running", { timeout: 30_000 });
  await swarm.scale(name, 6);
  await expect(replicas).toHaveText("6/6 running", { timeout: 45_000 });
  expect(runningNodes(name)).toHaveLength(6);
  await swarm.scale(name, 1);
  await expect(replicas).toHaveText("1/1 running", { timeout: 45_000 });
  await expect.poll(() => runningNodes(name).length, { timeout: 30_000 }).toBe(1);
});

test("an update to a bad image rolls back on failure, and the page says why", async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
  const swarm = new SwarmPages(page, endpointId);
  const name = swarmName("rollback");
  await createInUi(swarm, name, 2, { "Update monitor": "2" });
  await swarm.openService(name);
  await expect(page.getByTestId("service-replicas")).toHaveText("2/2 running", { timeout: 30_000 });
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Image", { exact: true }).fill("berth-test/no-such-image:latest");
  await page.getByLabel("Update failure action", { exact: true }).selectOption("rollback");
  await page.getByRole("button", { name: "Update service" }).click();
  await expect(page.getByRole("heading", { name: `Service ${name}` })).toBeVisible();
  // The engine's own words for the rollback, live; the CLI agrees the service is back on the good image.
  await expect(page.getByTestId("service-update-status")).toContainText("rollback", { timeout: 60_000 });
  await expect(page.getByTestId("service-update-status")).toContainText(/rollback_completed|update rolled back/, {
    timeout: 60_000,
  });
  // A failed task says why (no such image on the node, nothing pullable).
  await expect(
    page.getByRole("cell", { name: /No such image|pull access denied|does not exist/i }).first(),
  ).toBeVisible();
  const image = swarmDocker("service", "inspect", name, "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}");
  expect(image).toContain(requireEnv("BERTH_TEST_IMAGE"));
  await expect(page.getByTestId("service-replicas")).toHaveText("2/2 running", { timeout: 30_000 });
});

test("a stack deployed from the UI is in `docker stack ls`; one deployed with the CLI is in Berth", async ({
  page,
}) => {
  await new SignInPage(page).signInAsAdmin();
  const stack = swarmName("stk").replace(/^e2e-/, "e2e");
  const image = requireEnv("BERTH_TEST_IMAGE");
  await page.goto(`/endpoints/${encodeURIComponent(endpointId)}/swarm/stacks`);
  await page.getByRole("button", { name: "Deploy stack" }).click();
  const dialog = page.getByRole("dialog", { name: "Deploy a stack" });
  // A bad file first: an unknown key is refused with its line, and nothing is deployed.
  await dialog.getByLabel("Stack name").fill(stack);
  await dialog
    .getByLabel("Compose file")
    .fill(`version: "3.8"\nservices:\n  web:\n    image: ${image}\n    replicas: 2\n`);
  await dialog.getByRole("button", { name: "Deploy" }).click();
  await expect(dialog.getByRole("alert")).toContainText('line 5: services.web.replicas: Unknown key "replicas"');
  expect(swarmDocker("stack", "ls", "--format", "{{.Name}}")).not.toContain(stack);
  await dialog
    .getByLabel("Compose file")
    .fill(
      `version: "3.8"\nservices:\n  web:\n    image: ${image}\n    command: sleep 3600\n    stop_grace_period: 1s\n    deploy:\n      replicas: 2\n      endpoint_mode: dnsrr\n`,
    );
  await dialog.getByRole("button", { name: "Deploy" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: stack, exact: true }) });
  await expect(row.getByRole("cell", { name: "2/2" })).toBeVisible({ timeout: 30_000 });
  expect(swarmDocker("stack", "ls", "--format", "{{.Name}} {{.Services}}").split("\n")).toContain(`${stack} 1`);
  expect(
    swarmDocker("service", "inspect", `${stack}_web`, "--format", '{{index .Spec.Labels "com.docker.stack.image"}}'),
  ).toBe(image);

  // The other way: `docker stack deploy` with the CLI, and the page lists it without a reload.
  const cliStack = `${stack}cli`;
  const file = `/tmp/${cliStack}.yml`;
  (await import("node:fs")).writeFileSync(
    file,
    `version: "3.8"\nservices:\n  job:\n    image: ${image}\n    command: sleep 3600\n    stop_grace_period: 1s\n    deploy:\n      endpoint_mode: dnsrr\n`,
  );
  swarmDocker("stack", "deploy", "--resolve-image", "never", "-c", file, cliStack);
  const cliRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: cliStack, exact: true }) });
  await expect(cliRow.getByRole("cell", { name: "1/1" })).toBeVisible({ timeout: 30_000 });
  swarmDocker("stack", "rm", cliStack);
  await expect(cliRow).toBeHidden({ timeout: 30_000 });
  await row.getByRole("button", { name: `Remove stack ${stack}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove stack" }).click();
  await expect(row).toBeHidden({ timeout: 30_000 });
  expect(swarmDocker("stack", "ls", "--format", "{{.Name}}")).not.toContain(stack);
});

test("a status page can show a swarm service: up while its running tasks reach the replicas wanted", async () => {
  const name = swarmName("status");
  swarmDocker(
    "service",
    "create",
    "--detach",
    "--name",
    name,
    "--replicas",
    "1",
    "--endpoint-mode",
    "dnsrr",
    "--stop-grace-period",
    "1s",
    "--no-resolve-image",
    requireEnv("BERTH_TEST_IMAGE"),
    "sleep",
    "3600",
  );
  const slug = swarmName("st");
  const res = await admin.post("/api/v1/status-pages", {
    data: { slug, title: "Swarm", items: [{ endpointId, kind: "service", ref: name, displayName: "Swarm web" }] },
  });
  expect(res.status(), await res.text()).toBe(201);
  const state = async () => {
    const view = (await (await admin.get(`/api/v1/status/${slug}`)).json()) as { items: { state: string }[] };
    return view.items[0]?.state;
  };
  await expect.poll(state, { timeout: 30_000 }).toBe("up");
  swarmDocker("service", "scale", "--detach", `${name}=0`);
  await expect.poll(state, { timeout: 30_000 }).toBe("down");
  const pages = (await (await admin.get("/api/v1/status-pages")).json()) as { id: string; slug: string }[];
  const id = pages.find((p) => p.slug === slug)?.id;
  if (id)
    await admin.delete(`/api/v1/status-pages/${id}`, {
      headers: { Origin: (await import("./support/env")).serverState().baseURL },
    });
});
