import { expect, test } from "@playwright/test";
import { chooseEndpoint } from "./pages/account-menu";
import { SignInPage } from "./pages/sign-in-page";
import { TopologyPage } from "./pages/topology-page";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("network connect and disconnect show up live in the graph and the table", async ({ page }) => {
  const net = uniqueName("net");
  const a = uniqueName("topo-a");
  const b = uniqueName("topo-b");
  docker("network", "create", net);
  runSleeper(a);
  runSleeper(b);
  try {
    const view = new TopologyPage(page);
    await view.open("local");
    await expect(view.containerNode(a)).toBeVisible();
    await expect(view.networkNode(net)).toBeVisible();
    await expect(view.connection(a, net)).toHaveCount(0);
    // The page must not reload: a marker on window survives every change below.
    await page.evaluate(() => Object.assign(window, { __topologyMarker: 1 }));

    docker("network", "connect", "--alias", "api-alias", net, a);
    docker("network", "connect", net, b);
    await expect(view.connection(a, net)).toBeVisible();
    await expect(view.connection(b, net)).toBeVisible();
    await expect(view.edge(a, net)).toHaveCount(1);
    await expect(view.edge(b, net)).toHaveCount(1);
    // Aliases come from an inspect after the connect; the short id Docker adds is not shown.
    await expect(view.connection(a, net)).toContainText("aliases: api-alias");

    // The same graph over the HTTP API.
    const api = await page.request.get("/api/v1/endpoints/local/topology");
    expect(api.ok()).toBe(true);
    const graph = (await api.json()) as { edges: { label?: string; kind: string }[]; nodes: { label: string }[] };
    expect(graph.nodes.map((n) => n.label)).toEqual(expect.arrayContaining([a, b, net]));

    docker("network", "disconnect", net, b);
    await expect(view.connection(b, net)).toHaveCount(0);
    await expect(view.edge(b, net)).toHaveCount(0);
    await expect(view.connection(a, net)).toBeVisible();
    await expect(view.edge(a, net)).toHaveCount(1);
    expect(await page.evaluate(() => (window as unknown as { __topologyMarker?: number }).__topologyMarker)).toBe(1);

    // The same graph across all endpoints.
    await chooseEndpoint(page, "All endpoints");
    await expect(page).toHaveURL(/\/topology$/);
    await expect(view.connection(a, net)).toBeVisible();
    await expect(view.edge(a, net)).toHaveCount(1);

    // A container node opens the container's page.
    const id = docker("inspect", "-f", "{{.Id}}", a);
    await view.containerNode(a).click();
    await expect(page).toHaveURL(new RegExp(`/endpoints/local/containers/${id}$`));
  } finally {
    docker("rm", "-f", a, b);
    docker("network", "rm", net);
  }
});

test("published host ports and compose projects appear as their own nodes", async ({ page }) => {
  const name = uniqueName("topo-port");
  const project = uniqueName("proj");
  runSleeper(name, ["-p", "127.0.0.1::80", "--label", `com.docker.compose.project=${project}`]);
  try {
    const view = new TopologyPage(page);
    await view.open("local");
    const port = docker("port", name, "80/tcp");
    await expect(view.graph.getByRole("group", { name: `Host port ${port}/tcp`, exact: true })).toBeVisible();
    await expect(view.graph.getByRole("group", { name: `Compose project ${project}`, exact: true })).toHaveCount(1);
    const row = view.table
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name, exact: true }) })
      .filter({ hasText: "host port" });
    await expect(row).toContainText(`host port ${port}/tcp`);
    await expect(row).toContainText("to container port 80/tcp");
  } finally {
    docker("rm", "-f", name);
  }
});
