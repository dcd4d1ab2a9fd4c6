import { expect, test } from "@playwright/test";
import { chooseEndpoint } from "./pages/account-menu";
import { SignInPage } from "./pages/sign-in-page";
import { TopologyPage } from "./pages/topology-page";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";
import { requireEnv } from "./support/env";

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
    await view.find(a);
    await expect(view.containerNode(a)).toBeVisible();
    await view.find(net);
    await expect(view.networkNode(net)).toBeVisible();
    await expect(view.connection(a, net)).toHaveCount(0);
    // The page must not reload: a marker on window survives every change below.
    await page.evaluate(() => Object.assign(window, { __topologyMarker: 1 }));

    docker("network", "connect", "--alias", "api-alias", net, a);
    docker("network", "connect", net, b);
    await view.filterNetwork(net);
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
    await view.filterNetwork(net);
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
    // Narrowed to the project (its container's host ports come along): the unfiltered first view keeps labels
    // readable, so on an engine with many containers it does not hold every node in view, and React Flow draws
    // only what is in view.
    await page.goto(`/endpoints/local/topology?project=${encodeURIComponent(project)}`);
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

test("a readable first view, one 'none' node, filters in the URL, and Find centres a node", async ({ page }) => {
  const project = uniqueName("fproj");
  const net = uniqueName("fnet");
  const inProject = uniqueName("fp");
  const onNet = uniqueName("fn");
  const iso1 = uniqueName("iso");
  const iso2 = uniqueName("iso");
  docker("network", "create", net);
  runSleeper(inProject, ["--label", `com.docker.compose.project=${project}`]);
  runSleeper(onNet, ["--network", net]);
  runSleeper(iso1, ["--network", "none"]);
  docker("create", "--name", iso2, "--network", "none", requireEnv("BERTH_TEST_IMAGE"), "sleep", "1");
  try {
    const view = new TopologyPage(page);
    await view.open("local");
    await expect(view.connection(onNet, net)).toBeVisible();
    // The first fit never shrinks labels below a readable size, however many nodes the engine has.
    await expect(page.locator("[data-layout-generation]")).not.toHaveAttribute("data-layout-generation", "0");
    await expect
      .poll(() =>
        page.evaluate(() => {
          const t = getComputedStyle(document.querySelector(".react-flow__viewport")!).transform;
          return t === "none" ? 1 : new DOMMatrix(t).a;
        }),
      )
      .toBeGreaterThanOrEqual(0.85);
    // Both isolated containers (one running, one never started) sit on the one "none" network.
    await expect(view.connection(iso1, "none")).toBeVisible();
    await expect(view.connection(iso2, "none")).toBeVisible();
    const graph = (await (await page.request.get("/api/v1/endpoints/local/topology")).json()) as {
      nodes: { label: string; kind: string }[];
    };
    expect(graph.nodes.filter((n) => n.kind === "network" && n.label === "none")).toHaveLength(1);

    // Filters narrow the graph and the table alike, and live in the URL.
    const filters = page.getByRole("search", { name: "Filter the topology" });
    await filters.getByLabel("Compose project").selectOption(project);
    await expect(page).toHaveURL(new RegExp(`project=${project}`));
    await expect(view.table.getByRole("rowheader", { name: inProject, exact: true })).toBeVisible();
    await expect(view.table.getByRole("rowheader", { name: onNet, exact: true })).toHaveCount(0);
    await filters.getByLabel("Compose project").selectOption("");
    await filters.getByLabel("Network").selectOption(net);
    await expect(page).toHaveURL(new RegExp(`network=${net}`));
    await expect(view.connection(onNet, net)).toBeVisible();
    await expect(view.table.getByRole("rowheader", { name: inProject, exact: true })).toHaveCount(0);
    await page.reload();
    await expect(view.connection(onNet, net)).toBeVisible();
    await expect(view.table.getByRole("rowheader", { name: iso1, exact: true })).toHaveCount(0);
    await page.getByRole("search", { name: "Filter the topology" }).getByLabel("Network").selectOption("");

    // Find centres the graph on the node and gives it the focus.
    const find = page.getByRole("search", { name: "Find in the graph" });
    await find.getByLabel("Find a node").fill(onNet);
    await find.getByRole("button", { name: "Find" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Centred on Container ${onNet}` })).toBeVisible();
    await expect(view.containerNode(onNet)).toBeFocused();
    await find.getByLabel("Find a node").fill("no-such-node-anywhere");
    await find.getByRole("button", { name: "Find" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Nothing named like" })).toBeVisible();
  } finally {
    docker("rm", "-f", inProject, onNet, iso1, iso2);
    docker("network", "rm", net);
  }
});
