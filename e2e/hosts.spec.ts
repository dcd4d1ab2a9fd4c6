import fs from "node:fs";
import net from "node:net";
import { expect, type Page, test } from "@playwright/test";
import { AllContainersPage } from "./pages/all-containers-page";
import { EndpointsPage } from "./pages/endpoints-page";
import { SignInPage } from "./pages/sign-in-page";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";
import { dockerOn, engineCtl, sleeperOn, tlsFile } from "./support/engines";
import { requireEnv } from "./support/env";

// Three real engines: the rig's main one (endpoint "local", unix socket), one on TCP+TLS and one behind sshd.
// The TLS and SSH endpoints are added through the form here; later tests in this file use them.

test.describe.configure({ mode: "serial" });

const TLS = "tls-engine";
const SSH = "ssh-engine";
const made: { engine: "main" | "tls" | "ssh"; name: string }[] = [];

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test.afterAll(() => {
  for (const m of made) {
    try {
      if (m.engine === "main") docker("rm", "-f", m.name);
      else dockerOn(m.engine, "rm", "-f", m.name);
    } catch {
      // already gone
    }
  }
});

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

async function addTls(view: EndpointsPage, page: Page) {
  const form = await view.startAdd();
  await view.field(form, "Name").fill(TLS);
  await form.getByLabel("Connection type").selectOption({ label: "TCP + TLS" });
  await view.field(form, "Host").fill("127.0.0.1");
  await view.upload(form, "CA certificate", tlsFile("ca.pem"));
  await view.upload(form, "Client certificate", tlsFile("client.pem"));
  await view.upload(form, "Client key", tlsFile("client-key.pem"));

  // Wrong port: refused, said so, nothing saved.
  await view.field(form, "Port").fill(String(await closedPort()));
  await view.save(form);
  await expect(form.getByRole("alert")).toHaveText(/^Could not connect: Connection refused/);

  // Right port, CA that did not sign the engine's certificate: TLS verification failed.
  await view.field(form, "Port").fill(requireEnv("BERTH_TEST_TLS_PORT"));
  await view.upload(form, "CA certificate", tlsFile("wrong-ca.pem"));
  await view.save(form);
  await expect(form.getByRole("alert")).toHaveText(/^Could not connect: TLS verification failed/);

  // Client certificate the engine does not trust.
  await view.upload(form, "CA certificate", tlsFile("ca.pem"));
  await view.upload(form, "Client certificate", tlsFile("wrong-client.pem"));
  await view.upload(form, "Client key", tlsFile("wrong-client-key.pem"));
  await view.save(form);
  await expect(form.getByRole("alert")).toHaveText(/^Could not connect: TLS (verification|handshake) failed/);

  // Pasted rather than uploaded this time.
  await view.field(form, "Client certificate").fill(fs.readFileSync(tlsFile("client.pem"), "utf8"));
  await view.field(form, "Client key").fill(fs.readFileSync(tlsFile("client-key.pem"), "utf8"));
  await view.save(form);
  await expect(form).toHaveCount(0);
  await expect(view.row(TLS)).toContainText("up");
  await expect(view.row(TLS)).toContainText("TCP + TLS");
  await expect(page.getByRole("status")).toHaveText("Endpoint added");
}

test("add TLS and SSH endpoints through the form, with failures explained", async ({ page }) => {
  const view = new EndpointsPage(page);
  await view.open();
  await addTls(view, page);

  const form = await view.startAdd();
  await view.field(form, "Name").fill(SSH);
  await form.getByLabel("Connection type").selectOption({ label: "SSH" });
  await view.field(form, "Host").fill(requireEnv("BERTH_TEST_SSH_HOST"));
  await view.field(form, "Port").fill(requireEnv("BERTH_TEST_SSH_PORT"));
  await view.field(form, "User").fill(requireEnv("BERTH_TEST_SSH_USER"));
  await view.upload(form, "Private key", requireEnv("BERTH_TEST_SSH_WRONG_KEY"));
  await view.save(form);
  await expect(form.getByRole("alert")).toHaveText(/^Could not connect: SSH authentication failed/);
  await view.upload(form, "Private key", requireEnv("BERTH_TEST_SSH_KEY"));
  await view.save(form);
  await expect(form).toHaveCount(0);
  await expect(view.row(SSH)).toContainText("up");

  // Credentials never come back: the edit form says "stored", and the API shows no key material.
  await view.row(TLS).getByRole("button", { name: "Edit" }).click();
  const edit = view.form(`Edit endpoint ${TLS}`);
  await expect(view.field(edit, "CA certificate")).toHaveValue("");
  await expect(edit.getByText("stored — leave empty to keep it", { exact: false })).toHaveCount(3);
  await view.save(edit); // unchanged: the stored credentials are kept and still work
  await expect(edit).toHaveCount(0);
  await expect(view.row(TLS)).toContainText("up");
  for (const id of [TLS, SSH]) {
    const body = await (await page.request.get(`/api/v1/endpoints/${id}`)).text();
    expect(body).toContain('"stored"');
    expect(body).not.toContain("BEGIN");
  }
  const list = await (await page.request.get("/api/v1/endpoints")).text();
  expect(list).not.toContain("BEGIN");
});

test("Remove asks first, then the endpoint is gone from every view", async ({ page }) => {
  const view = new EndpointsPage(page);
  await view.open();
  const form = await view.startAdd();
  await view.field(form, "Name").fill("doomed");
  await form.getByLabel("Connection type").selectOption({ label: "Unix socket" });
  await view.field(form, "Socket path").fill(new URL(requireEnv("BERTH_TEST_DOCKER_HOST")).pathname);
  await view.save(form);
  await expect(view.row("doomed")).toContainText("up");

  await view.row("doomed").getByRole("button", { name: "Remove" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove endpoint doomed?" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(view.row("doomed")).toHaveCount(1);
  await view.row("doomed").getByRole("button", { name: "Remove" }).click();
  await dialog.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(view.row("doomed")).toHaveCount(0);
  expect((await page.request.get("/api/v1/endpoints/doomed")).status()).toBe(404);
});

test("all containers: every engine, live; a stopped engine shows down and the others stay live", async ({ page }) => {
  const tag = uniqueName("all");
  const onMain = `${tag}-main`;
  const onTls = `${tag}-tls`;
  const onSsh = `${tag}-ssh`;
  runSleeper(onMain);
  sleeperOn("tls", onTls);
  sleeperOn("ssh", onSsh);
  made.push({ engine: "main", name: onMain }, { engine: "tls", name: onTls }, { engine: "ssh", name: onSsh });

  const view = new AllContainersPage(page);
  await view.open();
  await view.filterName(tag);
  const expected: [string, string][] = [
    [onMain, "local"],
    [onTls, TLS],
    [onSsh, SSH],
  ];
  for (const [name, endpoint] of expected) {
    await expect(view.cell(name, "state")).toHaveText("running");
    await expect(view.cell(name, "endpoint")).toHaveText(endpoint);
  }

  engineCtl("ssh", "stop");
  try {
    await expect(view.endpointStatus(SSH)).toContainText("down");
    await expect(view.endpointStatus(TLS)).toContainText("up");
    await expect(view.endpointStatus("local")).toContainText("up");
    // Still live on the other two.
    const lateMain = `${tag}-late-main`;
    const lateTls = `${tag}-late-tls`;
    docker("create", "--name", lateMain, requireEnv("BERTH_TEST_IMAGE"), "true");
    dockerOn("tls", "create", "--name", lateTls, requireEnv("BERTH_TEST_IMAGE"), "true");
    made.push({ engine: "main", name: lateMain }, { engine: "tls", name: lateTls });
    await expect(view.cell(lateMain, "state")).toHaveText("created");
    await expect(view.cell(lateTls, "state")).toHaveText("created");

    // The home page: the dead endpoint's card says so; the others carry on.
    await page.goto("/");
    const card = (name: string) => page.getByRole("article", { name });
    await expect(card(SSH)).toContainText("down");
    await expect(card(TLS)).toContainText("up");
    await expect(card(TLS).getByText(/^\d+\.\d+/)).toBeVisible(); // engine version
  } finally {
    engineCtl("ssh", "start");
  }
  await view.open();
  await expect(view.endpointStatus(SSH)).toContainText("up", { timeout: 30_000 });
});

test("home page cards count live from each engine", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Home", level: 1 })).toBeVisible();
  const card = page.getByRole("article", { name: TLS });
  const value = (label: string) =>
    card
      .locator("div")
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator("dd");
  await expect(card).toContainText("up");
  await expect(value("CPUs")).toHaveText(/^[1-9]\d*$/);
  await expect(value("Memory")).toHaveText(/GiB$/);
  await expect(value("Images")).toHaveText(/^[1-9]\d*$/);
  // The count is a link to the filtered list; its accessible text names the endpoint ("3 running on local").
  await expect(value("Running")).toHaveText(/^\d+/);
  const running = Number.parseInt((await value("Running").textContent()) ?? "", 10);
  const volumes = Number(await value("Volumes").textContent());
  const name = uniqueName("card");
  sleeperOn("tls", name);
  made.push({ engine: "tls", name });
  await expect(value("Running")).toHaveText(new RegExp(`^${running + 1}\\b`));
  const vol = `${name}-vol`;
  dockerOn("tls", "volume", "create", vol);
  try {
    await expect(value("Volumes")).toHaveText(String(volumes + 1));
  } finally {
    dockerOn("tls", "volume", "rm", vol);
  }
});

test("filter and sort the all-containers view", async ({ page }) => {
  const tag = uniqueName("flt");
  const a = `${tag}-a`;
  const b = `${tag}-b`;
  runSleeper(a, ["--label", "com.docker.compose.project=shop", "--label", "tier=front"]);
  dockerOn("tls", "create", "--name", b, "--label", "tier=back", requireEnv("BERTH_TEST_IMAGE"), "true");
  made.push({ engine: "main", name: a }, { engine: "tls", name: b });
  const view = new AllContainersPage(page);
  await view.open();
  await view.filterName(tag);
  await expect(view.row(a)).toHaveCount(1);
  await expect(view.row(b)).toHaveCount(1);

  const names = () => view.table.getByRole("rowheader").allInnerTexts();
  const nameHeader = view.table.getByRole("columnheader", { name: "Name" });
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  expect(await names()).toEqual([a, b]);
  await nameHeader.getByRole("button").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  expect(await names()).toEqual([b, a]);

  await page.getByLabel("Filter by label").fill("tier=back");
  await expect(view.row(a)).toHaveCount(0);
  await expect(view.row(b)).toHaveCount(1);
  await page.getByLabel("Filter by label").fill("");
  await page.getByLabel("Compose project").selectOption("shop");
  await expect(view.row(b)).toHaveCount(0);
  await expect(view.row(a)).toHaveCount(1);
  await page.getByLabel("Compose project").selectOption("");
  await page.getByLabel("Endpoint", { exact: true }).selectOption({ label: TLS });
  await expect(view.row(a)).toHaveCount(0);
  await page.getByLabel("Endpoint", { exact: true }).selectOption("");
  await page.getByLabel("State").selectOption("created");
  await expect(view.row(a)).toHaveCount(0);
  await expect(view.row(b)).toHaveCount(1);
});

test("bulk Stop of two selected containers on two engines; the CLI agrees", async ({ page }) => {
  const tag = uniqueName("bulk");
  const a = `${tag}-a`;
  const b = `${tag}-b`;
  runSleeper(a);
  sleeperOn("tls", b);
  made.push({ engine: "main", name: a }, { engine: "tls", name: b });
  const view = new AllContainersPage(page);
  await view.open();
  await view.filterName(tag);
  await expect(view.cell(a, "state")).toHaveText("running");
  await expect(view.cell(b, "state")).toHaveText("running");
  await page.getByRole("checkbox", { name: `Select ${a}` }).check();
  await page.getByRole("checkbox", { name: `Select ${b}` }).check();
  await view.bulk("Stop").click();
  await expect(page.getByRole("status")).toHaveText("Stop: 2 done");
  await expect(view.cell(a, "state")).toHaveText("exited");
  await expect(view.cell(b, "state")).toHaveText("exited");
  expect(docker("inspect", "-f", "{{.State.Running}}", a)).toBe("false");
  expect(dockerOn("tls", "inspect", "-f", "{{.State.Running}}", b)).toBe("false");

  // Remove confirms first.
  await view.bulk("Remove").click();
  const dialog = page.getByRole("dialog", { name: "Remove 2 containers?" });
  await dialog.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(view.row(a)).toHaveCount(0);
  await expect(view.row(b)).toHaveCount(0);
  expect(docker("ps", "-a", "--filter", `name=^${a}$`, "-q")).toBe("");
  expect(dockerOn("tls", "ps", "-a", "--filter", `name=^${b}$`, "-q")).toBe("");
});
