import { expect, test } from "@playwright/test";
import { ResourceListPage } from "./pages/resource-pages";
import { SignInPage } from "./pages/sign-in-page";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("create a network, connect a container with an alias, see it attached, disconnect, remove", async ({ page }) => {
  const net = uniqueName("net");
  const c = uniqueName("netc");
  runSleeper(c);
  const networks = new ResourceListPage(page, "networks", "Networks");
  await networks.open();
  await page.getByRole("button", { name: "Create network" }).click();
  const create = networks.dialog("Create network");
  await create.getByLabel("Name").fill(net);
  await create.getByLabel("Internal (no outside access)").check();
  await create.getByLabel("Labels (key=value, one per line)").fill("team=e2e");
  await create.getByRole("button", { name: "Create" }).click();
  await expect(networks.row(net)).toContainText("bridge (internal)");
  expect(docker("network", "inspect", "-f", '{{.Internal}} {{index .Labels "team"}}', net)).toBe("true e2e");

  await networks.rowButton(net, "Connect").click();
  const connect = networks.dialog(`Connect a container to ${net}`);
  await connect.getByLabel("Container").selectOption(c);
  await connect.getByLabel("Aliases (comma separated)").fill("e2e-db, e2e-cache");
  await connect.getByRole("button", { name: "Connect" }).click();
  const attached = networks
    .row(net)
    .getByRole("list", { name: `Containers on ${net}` })
    .getByRole("listitem");
  await expect(attached).toHaveCount(1);
  await expect(attached).toContainText(c);
  await expect(attached).toContainText("aliases: e2e-db, e2e-cache");
  expect(docker("inspect", "-f", `{{json (index .NetworkSettings.Networks "${net}").Aliases}}`, c)).toContain("e2e-db");

  await attached.getByRole("button", { name: `Disconnect ${c} from ${net}` }).click();
  await expect(attached).toHaveCount(0);
  expect(docker("inspect", "-f", "{{len .NetworkSettings.Networks}}", c)).toBe("1");

  // The list follows the CLI too (through the endpoint's events stream).
  docker("network", "connect", net, c);
  await expect(attached).toHaveCount(1);
  docker("network", "disconnect", net, c);
  await expect(attached).toHaveCount(0);

  await networks.rowButton(net, "Remove").click();
  await page
    .getByRole("dialog", { name: `Remove network ${net}?` })
    .getByRole("button", { name: "Remove" })
    .click();
  await expect(networks.row(net)).toHaveCount(0);
  expect(docker("network", "ls", "-q", "--filter", `name=^${net}$`)).toBe("");
  docker("rm", "-f", c);
});

test("create and remove a volume; a volume in use shows its container", async ({ page }) => {
  const vol = uniqueName("vol");
  const volumes = new ResourceListPage(page, "volumes", "Volumes");
  await volumes.open();
  await page.getByRole("button", { name: "Create volume" }).click();
  const create = volumes.dialog("Create volume");
  await create.getByLabel("Name (empty for a generated one)").fill(vol);
  await create.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Created volume ${vol}` })).toBeVisible();
  await expect(volumes.row(vol)).toContainText("local");
  await expect(volumes.row(vol)).toContainText("unused");
  expect(docker("volume", "inspect", "-f", "{{.Driver}}", vol)).toBe("local");

  const user = uniqueName("voluser");
  docker("create", "--name", user, "-v", `${vol}:/data`, process.env.BERTH_TEST_IMAGE!, "true");
  await expect(volumes.row(vol)).toContainText(user);
  docker("rm", user);
  await expect(volumes.row(vol)).toContainText("unused");

  await volumes.rowButton(vol, "Remove").click();
  await page
    .getByRole("dialog", { name: `Remove volume ${vol}?` })
    .getByRole("button", { name: "Remove" })
    .click();
  await expect(volumes.row(vol)).toHaveCount(0);
  expect(docker("volume", "ls", "-q", "--filter", `name=^${vol}$`)).toBe("");
});

test("Prune unused volumes previews exactly the unmounted volumes", async ({ page }) => {
  const free = uniqueName("free");
  const busy = uniqueName("busy");
  docker("volume", "create", free);
  docker("volume", "create", busy);
  const user = uniqueName("busyuser");
  docker("create", "--name", user, "-v", `${busy}:/data`, process.env.BERTH_TEST_IMAGE!, "true");
  const volumes = new ResourceListPage(page, "volumes", "Volumes");
  await volumes.open();
  await page.getByRole("button", { name: "Prune unused volumes" }).click();
  const listed = volumes.dialog("Prune unused volumes").getByRole("list", { name: "Volumes to prune" });
  await expect(listed.getByRole("listitem").filter({ hasText: free })).toHaveCount(1);
  await expect(listed.getByRole("listitem").filter({ hasText: busy })).toHaveCount(0);
  await volumes.dialog("Prune unused volumes").getByRole("button", { name: "Confirm prune" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Pruned \d+ volume\(s\)/ })).toBeVisible();
  expect(docker("volume", "ls", "-q", "--filter", `name=^${free}$`)).toBe("");
  expect(docker("volume", "ls", "-q", "--filter", `name=^${busy}$`)).toBe(busy);
  docker("rm", user);
  docker("volume", "rm", busy);
});

test("hostile labels on networks and volumes render as inert text", async ({ page }) => {
  const label = `<img src=x onerror="window.__pwned=1">`;
  const net = uniqueName("evilnet");
  const vol = uniqueName("evilvol");
  docker("network", "create", "--label", `evil=${label}`, net);
  docker("volume", "create", "--label", `evil=${label}`, vol);
  for (const section of ["networks", "volumes"] as const) {
    const list = new ResourceListPage(page, section, section === "networks" ? "Networks" : "Volumes");
    await list.open();
    await expect(list.row(section === "networks" ? net : vol)).toBeVisible();
    await list
      .row(section === "networks" ? net : vol)
      .getByRole("link", { name: /^Inspect/ })
      .click();
    await expect(page.getByRole("region", { name: /inspect/ })).toContainText("<img src=x onerror=");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(page.locator("img[src=x]")).toHaveCount(0);
    // A volume's page lists its files through a short-lived helper container that mounts it: let that finish
    // before the volume is removed below (the engine refuses a volume in use).
    if (section === "volumes") await expect(page.getByRole("table", { name: "Files" })).toBeVisible();
  }
  docker("network", "rm", net);
  docker("volume", "rm", vol);
});

test("a network's own page: facts, used by (links), connect, disconnect, remove", async ({ page }) => {
  const net = uniqueName("dnet");
  const a = uniqueName("dneta");
  const b = uniqueName("dnetb");
  docker("network", "create", "--label", "team=e2e", net);
  const subnet = docker("network", "inspect", "-f", "{{(index .IPAM.Config 0).Subnet}}", net);
  runSleeper(a, ["--network", net]);
  runSleeper(b);
  await page.goto(`/endpoints/local/networks/${net}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Network ${net} on local`);
  const facts = page.getByRole("region", { name: "Network facts" });
  await expect(facts).toContainText(subnet);
  await expect(facts).toContainText("team=e2e");
  const usedBy = page.getByRole("table", { name: `Containers on ${net}` });
  await expect(usedBy.getByRole("link", { name: a })).toBeVisible();

  // Connect the second one through the dialog: the CLI agrees and the table follows.
  await page
    .getByRole("toolbar", { name: "Network actions" })
    .getByRole("button", { name: "Connect a container" })
    .click();
  const connect = page.getByRole("dialog", { name: `Connect a container to ${net}` });
  await connect.getByLabel("Container").selectOption(b);
  await connect.getByRole("button", { name: "Connect" }).click();
  await expect(usedBy.getByRole("link", { name: b })).toBeVisible();
  expect(docker("inspect", "-f", `{{if index .NetworkSettings.Networks "${net}"}}yes{{end}}`, b)).toBe("yes");

  // Disconnect from the page.
  await usedBy.getByRole("button", { name: `Disconnect ${b}` }).click();
  await expect(usedBy.getByRole("link", { name: b })).toHaveCount(0);
  expect(docker("inspect", "-f", `{{if index .NetworkSettings.Networks "${net}"}}yes{{end}}`, b)).toBe("");

  // A container link opens the container's page.
  await usedBy.getByRole("link", { name: a }).click();
  await expect(page.getByRole("heading", { level: 1, name: a })).toBeVisible();
  await page.goBack();

  // Remove with a container still on it: the engine refuses and the page says so; the network stays.
  const remove = page.getByRole("toolbar", { name: "Network actions" }).getByRole("button", { name: "Remove" });
  await remove.click();
  await page
    .getByRole("dialog", { name: `Remove network ${net}?` })
    .getByRole("button", { name: "Remove" })
    .click();
  await expect(page.getByRole("alert").filter({ hasText: `Remove ${net}:` })).toBeVisible();
  expect(docker("network", "ls", "-q", "--filter", `name=^${net}$`)).not.toBe("");
  docker("rm", "-f", a);
  await expect(usedBy).toHaveCount(0);
  await remove.click();
  await page
    .getByRole("dialog", { name: `Remove network ${net}?` })
    .getByRole("button", { name: "Remove" })
    .click();
  await expect(page).toHaveURL(/\/endpoints\/local\/networks$/);
  expect(docker("network", "ls", "-q", "--filter", `name=^${net}$`)).toBe("");
  docker("rm", "-f", b);
});

test("a volume's own page: facts, used by (links), remove once unused", async ({ page }) => {
  const vol = uniqueName("dvol");
  const user = uniqueName("dvolc");
  docker("volume", "create", "--label", "team=e2e", vol);
  runSleeper(user, ["-v", `${vol}:/data`]);
  await page.goto(`/endpoints/local/volumes/${vol}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Volume ${vol} on local`);
  const facts = page.getByRole("region", { name: "Volume facts" });
  await expect(facts).toContainText("local");
  await expect(facts).toContainText("team=e2e");
  const usedBy = page.getByRole("list", { name: `Containers using ${vol}` });
  await expect(usedBy.getByRole("link", { name: user })).toBeVisible();
  await expect(page.getByRole("region", { name: "Volume inspect" })).toContainText(`"Name": "${vol}"`);

  const remove = page.getByRole("toolbar", { name: "Volume actions" }).getByRole("button", { name: "Remove" });
  await remove.click();
  const dialog = page.getByRole("dialog", { name: `Remove volume ${vol}?` });
  await expect(dialog).toContainText("1 container(s) mount it");
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `Remove ${vol}:` })).toBeVisible();
  expect(docker("volume", "ls", "-q", "--filter", `name=^${vol}$`)).toBe(vol);

  docker("rm", "-f", user);
  await expect(usedBy).toHaveCount(0);
  await expect(page.getByText("No container mounts this volume")).toBeVisible();
  await remove.click();
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(page).toHaveURL(/\/endpoints\/local\/volumes$/);
  expect(docker("volume", "ls", "-q", "--filter", `name=^${vol}$`)).toBe("");
});
